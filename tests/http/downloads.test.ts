// Layer downloads through the built app (adapter-node and every hook, compress.ts included):
// GeoJSON goes out as the gzip copy written beside the file when the client accepts gzip and
// asks for no range; anything else gets the identity file, ranges as before. Raw node:http,
// not fetch: fetch would decode the gzip and hide what came over the wire.
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltApp, type BuiltApp } from '../built-app';

let app: BuiltApp;

beforeAll(async () => {
	app = await startBuiltApp();
}, 300_000);
afterAll(() => app?.stop());

interface Raw {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

function raw(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
	return new Promise((resolve, reject) => {
		http
			.request(`${app.origin}${path}`, { method, headers }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
			})
			.on('error', reject)
			.end();
	});
}

const PATH = '/download/county.geojson';

describe('GeoJSON download, precompressed', () => {
	it('sends the gzip copy to a gzip client, with its own strong ETag and length, and the identity file to others', async () => {
		const identity = await raw(PATH);
		expect(identity.status).toBe(200);
		expect(identity.headers['content-encoding']).toBeUndefined();
		expect(identity.headers['vary']).toBe('Accept-Encoding');
		expect(Number(identity.headers['content-length'])).toBe(identity.body.byteLength);
		expect(JSON.parse(identity.body.toString('utf8')).type).toBe('FeatureCollection');
		const etag = identity.headers.etag!;
		expect(etag).toMatch(/^"county\/.+\.geojson"$/);

		const gzip = await raw(PATH, { 'accept-encoding': 'gzip, deflate, br' });
		expect(gzip.status).toBe(200);
		expect(gzip.headers['content-encoding']).toBe('gzip');
		expect(gzip.headers['vary']).toBe('Accept-Encoding');
		expect(gzip.headers.etag).toBe(etag.replace(/"$/, '-gzip"'));
		expect(Number(gzip.headers['content-length'])).toBe(gzip.body.byteLength);
		expect(gzip.body.byteLength).toBeLessThan(identity.body.byteLength / 2);
		expect(gunzipSync(gzip.body)).toEqual(identity.body);

		// A client that takes brotli only: nothing we have, and the app does not compress the file itself.
		const brOnly = await raw(PATH, { 'accept-encoding': 'br' });
		expect(brOnly.headers['content-encoding']).toBeUndefined();
		expect(brOnly.headers.etag).toBe(etag);
		expect(brOnly.body).toEqual(identity.body);
		const refused = await raw(PATH, { 'accept-encoding': 'gzip;q=0, identity' });
		expect(refused.headers['content-encoding']).toBeUndefined();
		expect(refused.body).toEqual(identity.body);
	});

	it('answers a Range request with the identity bytes, whatever the client accepts', async () => {
		const identity = (await raw(PATH)).body;
		const part = await raw(PATH, { range: 'bytes=10-109', 'accept-encoding': 'gzip, br' });
		expect(part.status).toBe(206);
		expect(part.headers['content-encoding']).toBeUndefined();
		expect(part.headers['content-range']).toBe(`bytes 10-109/${identity.byteLength}`);
		expect(part.headers['content-length']).toBe('100');
		expect(part.body).toEqual(identity.subarray(10, 110));
	});

	it('answers HEAD and If-None-Match for each encoding with that encoding’s tag and length', async () => {
		const identity = await raw(PATH);
		const gzip = await raw(PATH, { 'accept-encoding': 'gzip' });

		const headIdentity = await raw(PATH, {}, 'HEAD');
		expect(headIdentity.status).toBe(200);
		expect(headIdentity.headers['content-length']).toBe(String(identity.body.byteLength));
		expect(headIdentity.headers.etag).toBe(identity.headers.etag);
		const headGzip = await raw(PATH, { 'accept-encoding': 'gzip' }, 'HEAD');
		expect(headGzip.headers['content-encoding']).toBe('gzip');
		expect(headGzip.headers['content-length']).toBe(String(gzip.body.byteLength));
		expect(headGzip.headers.etag).toBe(gzip.headers.etag);
		expect(headGzip.body.byteLength).toBe(0);

		const notModifiedGzip = await raw(PATH, { 'accept-encoding': 'gzip', 'if-none-match': gzip.headers.etag! });
		expect(notModifiedGzip.status).toBe(304);
		expect(notModifiedGzip.headers.etag).toBe(gzip.headers.etag);
		expect(notModifiedGzip.headers['vary']).toBe('Accept-Encoding');
		const notModifiedIdentity = await raw(PATH, { 'if-none-match': identity.headers.etag! });
		expect(notModifiedIdentity.status).toBe(304);
		expect(notModifiedIdentity.headers.etag).toBe(identity.headers.etag);
		expect((await raw(PATH, { 'accept-encoding': 'gzip', 'if-none-match': '"county/0-old.geojson-gzip"' })).status).toBe(200);
	});

	it('leaves FlatGeobuf as it is: read by range, no compressed copy', async () => {
		const fgb = await raw('/download/county.fgb', { 'accept-encoding': 'gzip, br' });
		expect(fgb.status).toBe(200);
		expect(fgb.headers['content-encoding']).toBeUndefined();
		expect(fgb.headers['vary']).toBeUndefined();
		expect([...fgb.body.subarray(0, 3)]).toEqual([0x66, 0x67, 0x62]); // "fgb"
	});
});
