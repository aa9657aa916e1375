/** One public request per route the app serves: what the fault test sends, healthy or not. */
export interface RouteProbe {
	name: string;
	path: string;
	method?: 'GET' | 'POST';
	body?: unknown;
	/** A page: served without the database (its data comes from the API). */
	page?: boolean;
}

const square = {
	type: 'Polygon',
	coordinates: [[[87.3, 44.0], [87.301, 44.0], [87.301, 44.001], [87.3, 44.001], [87.3, 44.0]]]
};

export const PUBLIC_ROUTES: readonly RouteProbe[] = [
	{ name: 'tile', path: '/tiles/county/6/47/23.mvt' },
	{ name: 'TileJSON', path: '/tiles/county.json' },
	{ name: 'OGC collections', path: '/ogc/collections?f=json' },
	{ name: 'OGC items', path: '/ogc/collections/county/items?f=json&limit=2' },
	{ name: 'OGC feature', path: '/ogc/collections/county/items/1?f=json' },
	{ name: 'download fgb', path: '/download/county.fgb' },
	{ name: 'download geojson', path: '/download/town.geojson' },
	{ name: 'search', path: '/api/search?q=%E6%98%8C%E5%90%89' },
	{ name: 'layers', path: '/api/layers' },
	{ name: 'summary', path: '/api/summary' },
	{ name: 'progress', path: '/api/progress' },
	{ name: 'progress csv', path: '/api/progress.csv' },
	{ name: 'feature', path: '/api/layers/county/features/1' },
	{ name: 'county outline', path: '/api/layers/county/outline' },
	{ name: 'check', path: '/api/check', method: 'POST', body: { footprint: square, projectType: 'building' } },
	{ name: 'check report', path: '/api/check/report.pdf', method: 'POST', body: { footprint: square, projectType: 'building', lang: 'en' } },
	{ name: 'healthz', path: '/healthz' },
	{ name: 'map page', path: '/', page: true },
	{ name: 'check page', path: '/check', page: true }
];

export interface ProbeResult {
	route: RouteProbe;
	status: number;
	ms: number;
	retryAfter: string | null;
	contentType: string;
	body: string;
}

/**
 * Sends one probe. `guardMs` aborts a request that hangs: the test then fails on status 0
 * instead of waiting forever — the very fault it is about.
 */
export async function probe(origin: string, route: RouteProbe, guardMs: number): Promise<ProbeResult> {
	const started = performance.now();
	try {
		const response = await fetch(`${origin}${route.path}`, {
			method: route.method ?? 'GET',
			headers: route.body ? { 'content-type': 'application/json' } : {},
			body: route.body ? JSON.stringify(route.body) : undefined,
			signal: AbortSignal.timeout(guardMs)
		});
		const body = await response.text();
		return {
			route,
			status: response.status,
			ms: performance.now() - started,
			retryAfter: response.headers.get('retry-after'),
			contentType: response.headers.get('content-type') ?? '',
			body
		};
	} catch (error) {
		return { route, status: 0, ms: performance.now() - started, retryAfter: null, contentType: '', body: String(error) };
	}
}
