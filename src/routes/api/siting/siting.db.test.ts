import { beforeAll, describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { getTestDb, rollbackAfter } from '../../../../tests/db';
import type { NearestResponse, SitingResponse } from '$lib/api/siting';
import type { CheckResponse } from '$lib/check/report';
import type { ProjectType } from '$lib/layers/types';
import type { Db } from '$lib/server/db/types';
import { acceptable, type Acceptable } from '$lib/siting/classes';
import { rectangleAround } from '$lib/siting/shapes';
import { POST as checkPost } from '../check/+server';
import { POST as sitingPost } from './+server';
import { POST as nearestPost } from './nearest/+server';

// Siting guidance against the seeded database on both backends, through the route handlers as
// SvelteKit calls them — the class map, the nearest-site search and /api/check side by side.

let db: Db;
let address = 0;

type Handler = (event: never) => Response | Promise<Response>;
async function call<T>(handler: Handler, path: string, body: unknown, on: Db = db): Promise<T> {
	const request = new Request(`http://localhost${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	const clientAddress = `198.51.100.${(++address % 250) + 1}`;
	const response = await handler({ request, getClientAddress: () => clientAddress, locals: { db: on, readDb: on, lang: 'zh' } } as never);
	expect(response.status, await response.clone().text()).toBe(200);
	return (await response.json()) as T;
}
const classMap = (projectType: ProjectType, area: unknown, on?: Db) => call<SitingResponse>(sitingPost, '/api/siting', { projectType, area }, on);
const checkVerdict = async (footprint: unknown, projectType: ProjectType, on?: Db) =>
	(await call<CheckResponse>(checkPost, '/api/check', { footprint, projectType }, on)).verdict;


/** Deterministic random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * Points of the map's area, with the class each falls in and whether it lies within TOLERANCE_M
 * of a class boundary (geodesic, in PostGIS).
 */
async function samplePoints(map: SitingResponse, count: number, seed: number): Promise<{ point: Position; cls: string; nearEdge: boolean }[]> {
	const next = random(seed);
	let [x0, y0, x1, y1] = [180, 90, -180, -90];
	for (const f of map.features)
		for (const [x, y] of f.geometry.coordinates.flat(2)) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
	const xs: number[] = [];
	const ys: number[] = [];
	for (let i = 0; i < count * 4; i++) {
		xs.push(x0 + next() * (x1 - x0));
		ys.push(y0 + next() * (y1 - y0));
	}
	const rows = await db.query<{ i: number; x: number; y: number; cls: string; near_edge: boolean }>(
		`WITH c AS (SELECT cls, ST_SetSRID(ST_GeomFromGeoJSON(g), 4326) AS g FROM unnest($1::text[], $2::text[]) AS u(cls, g)),
		p AS (SELECT i, x, y, ST_SetSRID(ST_MakePoint(x, y), 4326) AS pt FROM unnest($3::float8[], $4::float8[]) WITH ORDINALITY AS t(x, y, i))
		SELECT p.i, p.x, p.y, c.cls,
			EXISTS (SELECT 1 FROM c e WHERE ST_DWithin(p.pt::geography, ST_Boundary(e.g)::geography, $5::float8)) AS near_edge
		FROM p JOIN c ON ST_Intersects(c.g, p.pt) ORDER BY p.i LIMIT $6::int`,
		[map.features.map((f) => f.properties.class), map.features.map((f) => JSON.stringify(f.geometry)), xs, ys, TOLERANCE_M, count]
	);
	return rows.map((r) => ({ point: [r.x, r.y], cls: r.cls, nearEdge: r.near_edge }));
}

/**
 * Points this close (m) to a class boundary are left out of the agreement: there the map's
 * buffers (ST_Buffer(geography): arcs of 16 segments a quarter, ≤ 1.2 m inside a 1 km circle,
 * drawn in a local projection) and the check's exact geodesic distances, the 2 m test
 * footprint's own size (±1.4 m) and the check's sliver rule (overlaps under 1 m² ignored) may
 * disagree by design. Everywhere else they must agree exactly.
 */
const TOLERANCE_M = 5;
/** Side (m) of the tiny footprint checked at each point. */
const TINY_SIDE_M = 2;

beforeAll(async () => {
	db = await getTestDb();
});

describe('POST /api/siting', () => {
	it('partitions the area: one feature per class, no overlaps, areas adding up', async () => {
		const sut = await classMap('building', { county: '昌吉市' });
		const classes = sut.features.map((f) => f.properties.class);
		expect(new Set(classes).size).toBe(classes.length);
		expect(classes).toContain('forbidden');
		const total = sut.features.reduce((s, f) => s + f.properties.areaM2, 0);
		expect(Math.abs(total - sut.areaM2) / sut.areaM2).toBeLessThan(1e-6);
		const [overlap] = await db.query<{ m2: number }>(
			`WITH c AS (SELECT i, ST_SetSRID(ST_GeomFromGeoJSON(g), 4326) AS g FROM unnest($1::text[]) WITH ORDINALITY AS u(g, i))
			SELECT COALESCE(sum(ST_Area(ST_Intersection(a.g, b.g)::geography)), 0) AS m2 FROM c a JOIN c b ON a.i < b.i`,
			[sut.features.map((f) => JSON.stringify(f.geometry))]
		);
		// Classes are cut on a 1 cm grid; measuring their overlap again in floating point along thousands of km
		// of shared boundary leaves m² of noise (13 m² of 9,180 km² on PGlite), never a real overlap.
		expect(overlap.m2).toBeLessThan(sut.areaM2 * 1e-8);
		expect(sut.illustrative).toBe(true);
		expect(Object.keys(sut.dataVersions)).toContain('ecological-redline');
	});

	it('names a county by Chinese name, English name or code, and answers the same map', async () => {
		const a = await classMap('linear', { county: '阜康市' });
		const b = await classMap('linear', { county: 'Fukang' });
		const [{ code }] = await db.query<{ code: string }>(`SELECT code FROM county WHERE name = '阜康市'`);
		const c = await classMap('linear', { county: code });
		expect(b).toEqual(a);
		expect(c).toEqual(a);
	});

	it('computes a new map when the zoning data changes', async () => {
		const before = await classMap('building', { point: [87.43, 43.9], radiusM: 4000 });
		const after = await rollbackAfter(db, async (tx) => {
			await tx.query(`DELETE FROM water_source_protection WHERE ST_DWithin(geom, ST_SetSRID(ST_MakePoint(87.43, 43.9), 4326), 0.1)`);
			return classMap('building', { point: [87.43, 43.9], radiusM: 4000 }, tx);
		});
		const area = (m: SitingResponse, c: string) => m.features.find((f) => f.properties.class === c)?.properties.areaM2 ?? 0;
		expect(area(before, 'forbidden')).toBeGreaterThan(area(after, 'forbidden'));
		expect(await classMap('building', { point: [87.43, 43.9], radiusM: 4000 })).toEqual(before);
	});

	// The agreement: the class at a point is the verdict /api/check gives a tiny footprint there.
	const cases: { projectType: ProjectType; area: unknown; count: number; seed: number }[] = [
		{ projectType: 'building', area: { county: '昌吉市' }, count: 110, seed: 13 },
		{ projectType: 'linear', area: { point: [88.13, 43.95], radiusM: 25_000 }, count: 60, seed: 7 },
		{ projectType: 'mining', area: { county: '奇台县' }, count: 50, seed: 29 }
	];
	for (const { projectType, area, count, seed } of cases)
		it(`agrees with /api/check at ${count} random points (${projectType}, ${JSON.stringify(area)})`, { timeout: 300_000 }, async () => {
			const map = await classMap(projectType, area);
			const points = await samplePoints(map, count, seed);
			expect(points.length).toBe(count);
			const judged = points.filter((p) => !p.nearEdge);
			// The tolerance leaves out a few points, never most of them.
			expect(judged.length).toBeGreaterThan(count * 0.8);
			const disagreements: string[] = [];
			for (const p of judged) {
				const verdict = await checkVerdict(rectangleAround(p.point, TINY_SIDE_M), projectType);
				if (verdict !== p.cls) disagreements.push(`${p.point.join(',')}: map ${p.cls}, check ${verdict}`);
			}
			expect(disagreements).toEqual([]);
			// More than one class was sampled: the test can tell classes apart.
			expect(new Set(judged.map((p) => p.cls)).size).toBeGreaterThan(1);
		});

	// Random points seldom fall near a boundary (1 of the 220 above): these are placed there on
	// purpose, 6–40 m from a class boundary around a drinking-water source (zones and their buffers).
	it('agrees with /api/check just beside the class boundaries', { timeout: 300_000 }, async () => {
		const map = await classMap('building', { point: [87.4259, 43.8947], radiusM: 3000 });
		const rows = await db.query<{ x: number; y: number; cls: string }>(
			`WITH c AS (SELECT cls, ST_SetSRID(ST_GeomFromGeoJSON(g), 4326) AS g FROM unnest($1::text[], $2::text[]) AS u(cls, g)),
			edges AS (SELECT ST_Union(ST_Boundary(g), 1e-7) AS b FROM c),
			p AS (SELECT (ST_Dump(ST_GeneratePoints(ST_Buffer(b::geography, 40)::geometry, 120, 11))).geom AS pt FROM edges)
			SELECT ST_X(p.pt) AS x, ST_Y(p.pt) AS y, c.cls FROM p JOIN c ON ST_Intersects(c.g, p.pt), edges
			WHERE NOT ST_DWithin(p.pt::geography, edges.b::geography, $3::float8 + 1)`,
			[map.features.map((f) => f.properties.class), map.features.map((f) => JSON.stringify(f.geometry)), TOLERANCE_M]
		);
		expect(rows.length).toBeGreaterThan(40);
		expect(new Set(rows.map((r) => r.cls)).size).toBeGreaterThan(2);
		const disagreements: string[] = [];
		for (const r of rows) {
			const verdict = await checkVerdict(rectangleAround([r.x, r.y], TINY_SIDE_M), 'building');
			if (verdict !== r.cls) disagreements.push(`${r.x},${r.y}: map ${r.cls}, check ${verdict}`);
		}
		expect(disagreements).toEqual([]);
	});
});

describe('POST /api/siting/nearest', () => {
	const nearest = (body: object, on?: Db) => call<NearestResponse>(nearestPost, '/api/siting/nearest', body, on);

	async function expectConfirmed(answer: NearestResponse, projectType: ProjectType, accept: Acceptable, maxDistanceM: number, on?: Db) {
		expect(answer.alternatives.length).toBeGreaterThan(0);
		let last = 0;
		for (const alt of answer.alternatives) {
			expect(alt.distanceM).toBeGreaterThan(0);
			expect(alt.distanceM).toBeLessThanOrEqual(maxDistanceM * 1.005);
			expect(alt.distanceM).toBeGreaterThanOrEqual(last);
			last = alt.distanceM;
			const verdict = await checkVerdict(alt.footprint, projectType, on);
			expect(verdict).toBe(alt.verdict);
			expect(acceptable(verdict, accept)).toBe(true);
		}
	}

	it('moves a solar farm out of the Tianchi redline to the nearest ground needing at most approval, confirmed by /api/check', async () => {
		const footprint = rectangleAround([88.13, 43.89], 1250, 800);
		const sut = await nearest({ footprint, projectType: 'solar_wind', maxDistanceM: 6000, accept: 'approval' });
		expect(sut.footprintVerdict).toBe('forbidden');
		await expectConfirmed(sut, 'solar_wind', 'approval', 6000);
		expect(sut.searched.rotations).toEqual([0, 45, 90, 135]);
	});

	it('answers an empty list with a reason when nothing fits (every spot of the seed lies in a control unit, so none is clear)', async () => {
		const sut = await nearest({ footprint: rectangleAround([87.43, 43.9], 1250, 800), projectType: 'building', maxDistanceM: 2000, accept: 'clear' });
		expect(sut.alternatives).toEqual([]);
		expect(sut.reason?.code).toBe('none-within-distance');
		expect(sut.reason?.message.en).toMatch(/2 km/);
	});

	it('finds clear ground where the data leaves some, and /api/check says clear there', { timeout: 120_000 }, async () => {
		const centre: Position = [87.42589744563182, 43.8947045];
		await rollbackAfter(db, async (tx) => {
			// Data without zoning-control units around the Toutun river source (as a bureau's partial import might be).
			await tx.query(`DELETE FROM control_unit WHERE ST_DWithin(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326), 0.3)`, centre);
			// A solar farm: a building is never clear now (outside the urban development boundary needs approval, inside is attention).
			const sut = await nearest({ footprint: rectangleAround(centre, 1250, 800), projectType: 'solar_wind', maxDistanceM: 8000, accept: 'clear' }, tx);
			expect(sut.footprintVerdict).toBe('forbidden');
			await expectConfirmed(sut, 'solar_wind', 'clear', 8000, tx);
			expect(sut.alternatives.every((a) => a.verdict === 'clear')).toBe(true);
		});
	});
});
