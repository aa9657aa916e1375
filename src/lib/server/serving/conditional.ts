/**
 * True when the request's If-None-Match names this entity tag (or `*`), so a 304 will do.
 * Comparison is weak, as RFC 9110 asks for If-None-Match: a `W/` prefix is ignored.
 */
export function notModified(request: Request, etag: string): boolean {
	const header = request.headers.get('if-none-match');
	if (!header) return false;
	if (header.trim() === '*') return true;
	const strip = (tag: string) => tag.trim().replace(/^W\//, '');
	const wanted = strip(etag);
	return header.split(',').some((tag) => strip(tag) === wanted);
}
