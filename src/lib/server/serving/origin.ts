/**
 * The origin that links handed to clients (TileJSON tiles, OGC links) should carry.
 * adapter-node assumes https unless ORIGIN is set, which breaks links on a plain-http
 * install, so: ORIGIN when set, else the request's Host with the scheme a proxy reports
 * in X-Forwarded-Proto, else http.
 */
export function publicOrigin(request: Request): string {
	const configured = process.env.ORIGIN?.trim();
	if (configured) return configured.replace(/\/+$/, '');
	const url = new URL(request.url);
	const host = request.headers.get('host') ?? url.host;
	const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0].trim();
	return `${forwarded === 'https' ? 'https' : 'http'}://${host}`;
}
