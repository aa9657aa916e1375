import type { Feature, FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { getTestDb } from '../../../../tests/db';
import { getLayer, LAYERS, publicAttributes } from '../../layers/registry';
import type { Db } from '../db/types';
import { quoteIdent } from '../serving/columns';
import { CONFORMANCE, type Link } from './documents';
import { MAX_LIMIT } from './items-query';
import { ogcResponse } from './router';
import { answer } from '../../../../tests/answer';

// A trusted host (loopback): links are built from it (see serving/origin.ts).
const ORIGIN = 'http://localhost';

async function get(db: Db, path: string, headers: Record<string, string> = {}) {
	const url = new URL(path, ORIGIN);
	return answer(ogcResponse({ db, readDb: db }, new Request(url, { headers }), url.pathname.replace(/^\/ogc\/?/, '')));
}
type Items = FeatureCollection & { numberMatched: number; numberReturned: number; links: Link[] };
const json = async <T>(response: Response) => {
	expect(response.status, await response.clone().text()).toBe(200);
	return (await response.json()) as T;
};
const link = (links: Link[], rel: string) => links.find((l) => l.rel === rel);

describe('OGC API – Features', () => {
	it('has a landing page, conformance, an OpenAPI document and every public layer as a collection', async () => {
		const db = await getTestDb();
		const landing = await json<{ links: Link[] }>(await get(db, '/ogc'));
		for (const rel of ['self', 'service-desc', 'conformance', 'data']) expect(link(landing.links, rel), rel).toBeDefined();
		expect((await json<{ conformsTo: string[] }>(await get(db, '/ogc/conformance'))).conformsTo).toEqual(CONFORMANCE);
		const api = await get(db, '/ogc/api');
		expect(api.headers.get('content-type')).toContain('openapi');
		expect((await json<{ openapi: string }>(api)).openapi).toMatch(/^3\.0/);

		const { collections } = await json<{ collections: { id: string; links: Link[]; extent: { spatial: { bbox: number[][] } } }[] }>(
			await get(db, '/ogc/collections')
		);
		expect(collections.map((c) => c.id)).toEqual(LAYERS.map((l) => l.id));
		for (const c of collections) {
			expect(link(c.links, 'items')?.href).toBe(`${ORIGIN}/ogc/collections/${c.id}/items?f=json`);
			expect(c.extent.spatial.bbox[0]).toHaveLength(4);
		}
		const one = await json<{ id: string; links: Link[] }>(await get(db, '/ogc/collections/coal-fire'));
		expect(one.id).toBe('coal-fire');
		expect(one.links.filter((l) => l.rel === 'enclosure').map((l) => l.href)).toEqual([
			`${ORIGIN}/download/coal-fire.fgb`,
			`${ORIGIN}/download/coal-fire.geojson`
		]);
	});

	it('pages through every feature of a layer with next links, numberMatched and numberReturned', async () => {
		const db = await getTestDb();
		const layer = getLayer('monitoring-station')!;
		const all = await db.query<{ id: number }>('SELECT id FROM monitoring_station ORDER BY id');
		const seen: number[] = [];
		let next: string | undefined = '/ogc/collections/monitoring-station/items?limit=100';
		let pages = 0;
		while (next) {
			const page: Items = await json<Items>(await get(db, next));
			expect(page.type).toBe('FeatureCollection');
			expect(page.numberMatched).toBe(all.length);
			expect(page.numberReturned).toBe(page.features.length);
			seen.push(...page.features.map((f) => f.id as number));
			next = link(page.links, 'next')?.href;
			if (pages++ === 0) {
				expect(link(page.links, 'prev')).toBeUndefined();
				expect(Object.keys(page.features[0].properties!).sort()).toEqual(publicAttributes(layer).map((a) => a.name).sort());
				expect(Array.isArray(page.features[0].properties!.measures)).toBe(true);
			}
		}
		expect(seen).toEqual(all.map((r) => r.id));
		expect(pages).toBe(Math.ceil(all.length / 100));

		const middle = await json<Items>(await get(db, '/ogc/collections/monitoring-station/items?limit=10&offset=20'));
		expect(middle.features.map((f) => f.id)).toEqual(all.slice(20, 30).map((r) => r.id));
		expect(link(middle.links, 'prev')?.href).toContain('offset=10');
		const clamped = await json<Items>(await get(db, `/ogc/collections/monitoring-station/items?limit=${MAX_LIMIT * 5}`));
		expect(clamped.numberReturned).toBe(Math.min(all.length, MAX_LIMIT));
	});

	it('filters by bbox and by public attributes exactly as PostGIS does', async () => {
		const db = await getTestDb();
		for (const layer of [getLayer('water-source-protection')!, getLayer('river')!, getLayer('town')!]) {
			const bbox = [87.0, 43.8, 88.5, 44.5];
			const expected = await db.query<{ id: number }>(
				`SELECT id FROM ${quoteIdent(layer.table)} WHERE ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, 4326)) ORDER BY id`,
				bbox
			);
			const page = await json<Items>(await get(db, `/ogc/collections/${layer.id}/items?bbox=${bbox.join(',')}&limit=${MAX_LIMIT}`));
			expect(page.features.map((f) => f.id), layer.id).toEqual(expected.map((r) => r.id));
			expect(page.numberMatched).toBe(expected.length);
		}
		const [{ county }] = await db.query<{ county: string }>('SELECT county FROM coal_fire WHERE county IS NOT NULL ORDER BY id LIMIT 1');
		const expected = await db.query<{ id: number }>("SELECT id FROM coal_fire WHERE county = $1 AND status = 'untreated' ORDER BY id", [county]);
		const filtered = await json<Items>(await get(db, `/ogc/collections/coal-fire/items?county=${encodeURIComponent(county)}&status=untreated`));
		expect(filtered.features.map((f) => f.id)).toEqual(expected.map((r) => r.id));
		expect(filtered.features.every((f) => f.properties!.county === county)).toBe(true);
		const air = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM monitoring_station WHERE 'air' = ANY(measures)");
		expect((await json<Items>(await get(db, '/ogc/collections/monitoring-station/items?measures=air&limit=1'))).numberMatched).toBe(air[0].n);
	});

	it('serves one feature by id with its links, as GeoJSON', async () => {
		const db = await getTestDb();
		const [{ id }] = await db.query<{ id: number }>('SELECT id FROM sand_closure_reserve ORDER BY id LIMIT 1');
		const response = await get(db, `/ogc/collections/sand-closure-reserve/items/${id}`);
		expect(response.headers.get('content-type')).toBe('application/geo+json');
		const feature = await json<Feature & { links: Link[] }>(response);
		expect(feature.id).toBe(id);
		expect(feature.geometry.type).toBe('MultiPolygon');
		expect(link(feature.links, 'collection')?.href).toBe(`${ORIGIN}/ogc/collections/sand-closure-reserve`);
	});

	it('renders HTML for browsers and f=html', async () => {
		const db = await getTestDb();
		for (const path of ['/ogc', '/ogc/conformance', '/ogc/collections', '/ogc/collections/county', '/ogc/collections/county/items?limit=3']) {
			const response = await get(db, path, { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
			expect(response.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
			expect(await response.text(), path).toMatch(/^<!doctype html>/);
		}
		const [{ id, name }] = await db.query<{ id: number; name: string }>('SELECT id, name FROM county ORDER BY id LIMIT 1');
		const page = await (await get(db, `/ogc/collections/county/items/${id}?f=html`)).text();
		expect(page).toContain(name);
		expect(page).toContain('名称');
	});

	it('answers bad requests with 400 and unknown things with 404, in JSON', async () => {
		const db = await getTestDb();
		const cases: [string, number, string][] = [
			['/ogc/collections/no-such-layer', 404, 'unknown-layer'],
			['/ogc/collections/no-such-layer/items', 404, 'unknown-layer'],
			['/ogc/collections/county/items/999999999', 404, 'not-found'],
			['/ogc/collections/county/items/abc', 404, 'not-found'],
			['/ogc/nothing-here', 404, 'not-found'],
			['/ogc/collections/county/items?limit=0', 400, 'invalid-parameter'],
			['/ogc/collections/county/items?offset=x', 400, 'invalid-parameter'],
			['/ogc/collections/county/items?bbox=1,2,3', 400, 'invalid-parameter'],
			['/ogc/collections/county/items?region=north', 400, 'invalid-parameter'],
			['/ogc/collections/county/items?colour=red', 400, 'invalid-parameter'],
			['/ogc/collections?f=xml', 400, 'invalid-parameter'],
			['/ogc/collections?limit=3', 400, 'invalid-parameter']
		];
		for (const [path, status, code] of cases) {
			const response = await get(db, path);
			expect(response.status, path).toBe(status);
			expect(((await response.json()) as { error: { code: string } }).error.code, path).toBe(code);
		}
		const post = await answer(ogcResponse({ db, readDb: db }, new Request(`${ORIGIN}/ogc/collections`, { method: 'POST' }), 'collections'));
		expect(post.status).toBe(405);
	});
});
