import { isHttpError, isRedirect, type Handle } from '@sveltejs/kit';
import type { Config } from '../config';

/** Where log lines go: stdout by default, a collector in tests. */
export type LogLine = (line: string) => void;

const CHECK_ROUTES = new Set(['/api/check', '/api/check/report.pdf']);

/**
 * One access line per request — `method route status ms` — with the route id (not the
 * raw path, so lines group per endpoint and carry no query text). Refusals for too many
 * requests (429) and checks slower than SLOW_CHECK_MS get a second, marked line.
 * ACCESS_LOG=0 silences it (tests).
 */
export function accessLog(config: Pick<Config, 'accessLog' | 'slowCheckMs'>, log: LogLine = (line) => console.log(line)): Handle {
	return async ({ event, resolve }) => {
		if (!config.accessLog) return resolve(event);
		const started = performance.now();
		const route = event.route.id ?? event.url.pathname;
		const line = (status: number) => {
			const ms = performance.now() - started;
			log(`[access] ${event.request.method} ${route} ${status} ${ms.toFixed(0)}ms`);
			if (status === 429) log(`[access] rate-limited ${event.request.method} ${route} from ${clientAddress(event)}`);
			if (CHECK_ROUTES.has(route) && ms > config.slowCheckMs) log(`[access] slow check ${route} ${status} ${ms.toFixed(0)}ms (> ${config.slowCheckMs}ms)`);
		};
		try {
			const response = await resolve(event);
			line(response.status);
			return response;
		} catch (error) {
			line(isRedirect(error) || isHttpError(error) ? error.status : 500);
			throw error;
		}
	};
}

function clientAddress(event: { getClientAddress(): string }): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}
