/**
 * Tile URLs may be relative (MapLibre fetches in workers, where they must be absolute),
 * or absolute with the wrong scheme when a server behind no proxy guesses https: a URL
 * on this page's own host is fetched the way the page itself was.
 */
export function sameOrigin(url: string): string {
	const resolved = new URL(url, window.location.href);
	if (resolved.host === window.location.host) resolved.protocol = window.location.protocol;
	return resolved.href;
}
