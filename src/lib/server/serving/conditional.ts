/** Content codings the server compresses with; an encoded variant's entity tag carries one as a suffix. */
export type ContentCoding = 'br' | 'gzip';

/**
 * The entity tag of an encoded variant: `"tag"` → `"tag-br"` (`W/` kept). Variants must
 * not share a tag with the identity bytes, or a Range read could mix them (RFC 9110 §8.8.3).
 */
export function encodedEtag(etag: string, coding: ContentCoding): string {
	return etag.replace(/"$/, `-${coding}"`);
}

/** The tag as the handler made it: weakness and any encoding suffix removed. */
function identityTag(tag: string): string {
	return tag.trim().replace(/^W\//, '').replace(/-(br|gzip)"$/, '"');
}

/**
 * True when the request's If-None-Match names this entity tag (or `*`), so a 304 will do.
 * Comparison is weak, as RFC 9110 asks for If-None-Match: a `W/` prefix is ignored, and so
 * is an encoded variant's suffix (a compressed copy of the same bytes is still current).
 */
export function notModified(request: Request, etag: string): boolean {
	const header = request.headers.get('if-none-match');
	if (!header) return false;
	if (header.trim() === '*') return true;
	const wanted = identityTag(etag);
	return header.split(',').some((tag) => identityTag(tag) === wanted);
}
