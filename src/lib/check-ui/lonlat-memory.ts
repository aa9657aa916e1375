// The planner's answer to "where do these lon/lat come from?", kept for the browser session
// (sessionStorage): asked once, then applied to every later input that does not say, until
// they change it. A private window or blocked storage just asks again.
import { isLonLatSource, type LonLatSource } from '$lib/geo/lonlat-source';

const KEY = 'ecomap.check.lonLatSource';

export function rememberedLonLatSource(): LonLatSource | undefined {
	try {
		const value = sessionStorage.getItem(KEY);
		return isLonLatSource(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

export function rememberLonLatSource(source: LonLatSource): void {
	try {
		sessionStorage.setItem(KEY, source);
	} catch {
		// Storage refused (private mode, quota): the answer holds for this input only.
	}
}
