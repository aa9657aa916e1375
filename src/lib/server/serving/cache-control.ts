/** For URLs that carry the current version tag (`?v=`): their bytes can never change. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** For unversioned or stale URLs: the data behind them may change at any time. */
export const SHORT_LIVED = 'public, max-age=60';

/** Cache-Control for a response whose URL may carry `?v=`: immutable only if it is current. */
export function cacheControlFor(request: Request, currentTag: string): string {
	return new URL(request.url).searchParams.get('v') === currentTag ? IMMUTABLE : SHORT_LIVED;
}
