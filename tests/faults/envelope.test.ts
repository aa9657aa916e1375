import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuiltApp } from './app';
import { canRunCluster, TempCluster } from './pg-cluster';

const PG_PORT = Number(process.env.ENVELOPE_PG_PORT ?? 55434);
const APP_PORT = Number(process.env.ENVELOPE_APP_PORT ?? 3552);

interface BadRequest {
	path: string;
	status: number;
	code: string;
	method?: string;
	body?: string;
	headers?: Record<string, string>;
}

/** One refusal per API and serving route, through the built app and its request boundary. */
const BAD: readonly BadRequest[] = [
	{ path: '/tiles/no-such-layer/6/47/23.mvt', status: 404, code: 'unknown-layer' },
	{ path: '/tiles/county/six/47/23.mvt', status: 400, code: 'invalid-tile' },
	{ path: '/tiles/no-such-layer.json', status: 404, code: 'unknown-layer' },
	{ path: '/ogc/collections/no-such-layer', status: 404, code: 'unknown-layer' },
	{ path: '/ogc/collections/county/items?limit=0', status: 400, code: 'invalid-parameter' },
	{ path: '/ogc/collections/county/items?name=%00', status: 400, code: 'invalid-parameter' },
	{ path: '/ogc/collections/county/items/abc', status: 404, code: 'not-found' },
	{ path: '/ogc/collections?f=xml', status: 400, code: 'invalid-parameter' },
	{ path: '/ogc/collections', method: 'POST', status: 405, code: 'method-not-allowed' },
	{ path: '/download/no-such-layer.fgb', status: 404, code: 'unknown-layer' },
	{ path: '/download/county.geojson', headers: { range: 'bytes=999999999-' }, status: 416, code: 'range-not-satisfiable' },
	{ path: '/api/search?q=', status: 400, code: 'invalid-parameter' },
	{ path: '/api/search?q=%00', status: 400, code: 'invalid-parameter' },
	{ path: '/api/layers/no-such-layer/features/1', status: 404, code: 'not-found' },
	{ path: '/api/layers/county/features/abc', status: 404, code: 'not-found' },
	{ path: '/api/layers', method: 'DELETE', status: 405, code: 'method-not-allowed' },
	{ path: '/api/summary?x=%00', status: 400, code: 'invalid-parameter' },
	{ path: '/api/layers/county/outline', status: 404, code: 'not-found' }, // no counties in an empty database
	{ path: '/api/no-such-endpoint', status: 404, code: 'not-found' },
	{ path: '/api/check', method: 'POST', body: '{"footprint": [', status: 400, code: 'invalid-json' },
	{ path: '/api/check', method: 'POST', body: '{"footprint": {"type": "Circle"}}', status: 400, code: 'unsupported-geometry' },
	{ path: '/api/check/report.pdf', method: 'POST', body: 'nope', status: 400, code: 'invalid-json' },
	{ path: '/healthz?x=%00', status: 400, code: 'invalid-parameter' }
];

const CJK = /[\u4e00-\u9fff]/;

describe.skipIf(!canRunCluster())('every API and serving route refuses in the one error envelope', () => {
	let cluster: TempCluster;
	let app: BuiltApp;

	beforeAll(async () => {
		cluster = new TempCluster(PG_PORT);
		cluster.start();
		app = new BuiltApp(APP_PORT, { DATABASE_URL: cluster.url, CHECK_RATE_LIMIT: '0', ACCESS_LOG: '0' });
		await app.start();
	}, 120_000);

	afterAll(async () => {
		await app?.stop();
		cluster?.destroy();
	});

	it('sends security headers with pages and API answers alike', async () => {
		for (const path of ['/', '/check', '/api/layers', '/tiles/county.json', '/ogc/collections', '/api/no-such-endpoint']) {
			const response = await fetch(`${app.origin}${path}`);
			await response.arrayBuffer();
			expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
			expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
			expect(response.headers.get('x-frame-options'), path).toBe('DENY');
			const csp = response.headers.get('content-security-policy') ?? '';
			expect(csp, path).toContain("frame-ancestors 'none'");
			if (path === '/' || path === '/check') {
				// kit.csp: SvelteKit's inline scripts by nonce; MapLibre's blob: worker and images.
				expect(csp, path).toMatch(/script-src 'self' 'nonce-[^']+'/);
				expect(csp, path).toContain("worker-src 'self' blob:");
				expect(csp, path).toContain("img-src 'self' data: blob:");
			} else expect(csp, path).toContain("default-src 'none'");
		}
	});

	for (const bad of BAD) {
		it(`${bad.method ?? 'GET'} ${bad.path} → ${bad.status} ${bad.code}, in Chinese and English`, async () => {
			for (const lang of ['zh-CN', 'en'] as const) {
				const response = await fetch(`${app.origin}${bad.path}`, {
					method: bad.method ?? 'GET',
					body: bad.body,
					headers: { 'accept-language': lang, ...(bad.body ? { 'content-type': 'application/json' } : {}), ...bad.headers }
				});
				expect(response.status).toBe(bad.status);
				expect(response.headers.get('content-type')).toMatch(/^application\/json/);
				expect(response.headers.get('x-content-type-options')).toBe('nosniff');
				const body = (await response.json()) as Record<string, unknown>;
				expect(Object.keys(body)).toEqual(['error']);
				const error = body.error as Record<string, unknown>;
				expect(Object.keys(error).filter((k) => k !== 'details')).toEqual(['code', 'message']);
				expect(error.code).toBe(bad.code);
				expect(typeof error.message).toBe('string');
				if (lang === 'zh-CN') expect(error.message).toMatch(CJK);
				else expect(error.message).not.toMatch(CJK);
			}
		});
	}
});
