import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { asApiError, errorResponse } from '../http/errors';

/** A web-standard handler, as our serving functions are: usable without SvelteKit. */
export type WebHandler = (request: Request) => Promise<Response>;

function toRequest(req: IncomingMessage, origin: string): Request {
	const headers = new Headers();
	for (const [name, value] of Object.entries(req.headers)) {
		if (Array.isArray(value)) for (const v of value) headers.append(name, v);
		else if (value !== undefined) headers.set(name, value);
	}
	const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
	return new Request(new URL(req.url ?? '/', origin), {
		method: req.method,
		headers,
		body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
		duplex: hasBody ? 'half' : undefined
	} as RequestInit);
}

async function send(res: ServerResponse, response: Response, head: boolean): Promise<void> {
	res.statusCode = response.status;
	response.headers.forEach((value, name) => res.setHeader(name, value));
	if (head || !response.body) {
		res.end();
		return;
	}
	res.end(new Uint8Array(await response.arrayBuffer()));
}

/** Serves a web handler over node:http — for tests, ogrinfo and the tile benchmark. */
export async function serveWebHandler(handler: WebHandler, port = 0, host = '127.0.0.1'): Promise<{ url: string; server: Server; close(): Promise<void> }> {
	const server = createServer((req, res) => {
		const origin = `http://${req.headers.host ?? `${host}:${port}`}`;
		handler(toRequest(req, origin))
			// Refusals thrown as ApiError leave in the error envelope, as the app's boundary sends them.
			.catch((error: unknown) => {
				const failure = asApiError(error);
				if (failure.code === 'internal') throw error;
				return errorResponse(failure, 'en');
			})
			.then((response) => send(res, response, req.method === 'HEAD'))
			.catch((error: unknown) => {
				console.error('[serve] handler failed:', error);
				res.statusCode = 500;
				res.end();
			});
	});
	server.keepAliveTimeout = 5_000;
	await new Promise<void>((resolve) => server.listen(port, host, resolve));
	const address = server.address() as AddressInfo;
	return {
		url: `http://${host}:${address.port}`,
		server,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			})
	};
}
