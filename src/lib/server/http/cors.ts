import type { Handle } from '@sveltejs/kit';

/**
 * The public, read-only resources other sites' maps and GIS tools fetch across origins:
 * tiles and TileJSON, the style, the OGC API and the downloads.
 */
export function isPublicResource(pathname: string): boolean {
	return /^\/(tiles|ogc|download)(\/|$)/.test(pathname) || pathname === '/style.json';
}

/** Request headers a cross-origin reader may send: range reads and revalidation. */
const ALLOWED_HEADERS = 'Range, If-None-Match, If-Modified-Since, If-Range';
/** Response headers a cross-origin reader needs to see (range readers, caches). */
const EXPOSED_HEADERS = 'Accept-Ranges, Content-Length, Content-Range, Content-Encoding, ETag, Link';

/**
 * CORS for the public resources: preflights (OPTIONS) are answered here — SvelteKit would
 * say 405 without CORS headers, which browsers report as a network error — and every
 * response says any origin may read it (no credentials are involved).
 */
export const cors: Handle = async ({ event, resolve }) => {
	if (!isPublicResource(event.url.pathname)) return resolve(event);
	if (event.request.method === 'OPTIONS')
		return new Response(null, {
			status: 204,
			headers: {
				allow: 'GET, HEAD, OPTIONS',
				'access-control-allow-origin': '*',
				'access-control-allow-methods': 'GET, HEAD, OPTIONS',
				'access-control-allow-headers': ALLOWED_HEADERS,
				'access-control-max-age': '86400'
			}
		});
	const response = await resolve(event);
	if (!response.headers.has('access-control-allow-origin')) response.headers.set('access-control-allow-origin', '*');
	if (!response.headers.has('access-control-expose-headers')) response.headers.set('access-control-expose-headers', EXPOSED_HEADERS);
	return response;
};
