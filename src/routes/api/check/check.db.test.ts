import { beforeAll, describe, expect, it } from 'vitest';
import type { Polygon, Position } from 'geojson';
import { getTestDb, rollbackAfter } from '../../../../tests/db';
import type { Db } from '$lib/server/db/types';
import type { CheckResponse } from '$lib/check/report';
import type { CheckErrorBody } from '$lib/server/check/responses';
import { POST } from './+server';

// The API of record against the seeded database, through the route handler as SvelteKit
// calls it. Every test uses its own client address, so the rate limit of one does not
// touch the others.

let db: Db;
let address = 0;
const nextAddress = () => `192.0.2.${++address}`;

function call(body: unknown, init: { headers?: Record<string, string>; address?: string; raw?: string; db?: Db } = {}): Promise<Response> {
	const request = new Request('http://localhost/api/check', {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...init.headers },
		body: init.raw ?? JSON.stringify(body)
	});
	const clientAddress = init.address ?? nextAddress();
	return POST({ request, getClientAddress: () => clientAddress, locals: { db: init.db ?? db, readDb: init.db ?? db, lang: 'zh-CN' } } as unknown as Parameters<typeof POST>[0]) as Promise<Response>;
}

/** A square of `halfM` metres around a point, counter-clockwise. */
function square([lon, lat]: Position, halfM: number): Polygon {
	const dLat = halfM / 111_000;
	const dLon = halfM / (111_000 * Math.cos((lat * Math.PI) / 180));
	return {
		type: 'Polygon',
		coordinates: [
			[
				[lon - dLon, lat - dLat],
				[lon + dLon, lat - dLat],
				[lon + dLon, lat + dLat],
				[lon - dLon, lat + dLat],
				[lon - dLon, lat - dLat]
			]
		]
	};
}

interface FirstZone {
	id: number;
	name: string;
	point: Position;
}
let firstZone: FirstZone;

beforeAll(async () => {
	db = await getTestDb();
	// A first-level drinking-water zone of the seed and a point well inside it.
	const rows = await db.query<{ id: number; name: string; p: string }>(
		`SELECT id, name, ST_AsGeoJSON(ST_PointOnSurface(geom)) AS p FROM water_source_protection
		 WHERE zone_level = 'first' AND ST_Area(geom::geography) > 200000 ORDER BY id LIMIT 1`
	);
	firstZone = { id: rows[0].id, name: rows[0].name, point: (JSON.parse(rows[0].p) as { coordinates: Position }).coordinates };
});

/** A point ~`metres` due east of a zone's easternmost extent (outside it), at the latitude of that extent. */
async function pointEastOf(table: string, id: number, metres: number): Promise<Position> {
	const [row] = await db.query<{ p: string }>(
		`WITH e AS (SELECT geom, ST_XMax(geom) AS x FROM "${table}" WHERE id = $1),
		 v AS (SELECT (dp).geom AS g FROM (SELECT ST_DumpPoints(geom) AS dp FROM e) d ORDER BY ST_X((dp).geom) DESC LIMIT 1)
		 SELECT ST_AsGeoJSON(ST_Project(v.g::geography, $2::float8, radians(90))::geometry) AS p FROM v`,
		[id, metres]
	);
	return (JSON.parse(row.p) as { coordinates: Position }).coordinates;
}

describe('POST /api/check', () => {
	it('gives the same report id for the same footprint and data, however wrapped', async () => {
		const footprint = square(firstZone.point, 40);
		const a = (await (await call({ footprint, projectType: 'building' })).json()) as CheckResponse;
		const b = (await (await call({ footprint: { type: 'Feature', properties: { note: 'x' }, geometry: footprint }, projectType: 'building' })).json()) as CheckResponse;
		const c = (await (await call({ footprint, projectType: 'linear' })).json()) as CheckResponse;
		expect(b.reportId).toBe(a.reportId);
		expect(c.reportId).not.toBe(a.reportId);
		expect(c.projectType).toBe('linear');
	});

	it('reports a nearby zone with the geodesic distance PostGIS measures', async () => {
		const [zone] = await db.query<{ id: number; name: string }>(
			`SELECT id, name FROM ecological_redline ORDER BY ST_Area(geom) DESC LIMIT 1`
		);
		const footprint = square(await pointEastOf('ecological_redline', zone.id, 320), 30);
		const response = await call({ footprint });
		expect(response.status).toBe(200);
		const body = (await response.json()) as CheckResponse;
		expect(body.projectType).toBe('other');
		const near = body.conflicts.find((c) => c.layer === 'ecological-redline' && c.featureId === zone.id);
		const [truth] = await db.query<{ d: number }>(
			`SELECT ST_Distance(geom::geography, ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)::geography) AS d FROM ecological_redline WHERE id = $2`,
			[JSON.stringify(footprint), zone.id]
		);
		expect(truth.d).toBeGreaterThan(200);
		expect(truth.d).toBeLessThan(500);
		expect(near).toMatchObject({ relation: 'nearby', severity: 'attention', name: zone.name, overlapM2: 0 });
		expect(Math.abs((near?.distanceM ?? 0) - truth.d)).toBeLessThanOrEqual(Math.max(1, truth.d * 1e-3));
	});

	it('finds a zone whose 60 km edge bows to within the buffer (long-edge-bow), as PostGIS does', async () => {
		// The northern edge's geodesic runs ~68 m north of the straight [lon, lat] line, so the
		// footprint 555 m north of that line is 487.4 m from the zone: inside the 500 m buffer.
		const zone = { type: 'MultiPolygon', coordinates: [[[[88.0, 44.45], [88.75, 44.45], [88.75, 44.5], [88.0, 44.5], [88.0, 44.45]]]] };
		const footprint: Polygon = { type: 'Polygon', coordinates: [[[88.374, 44.505], [88.376, 44.505], [88.376, 44.506], [88.374, 44.506], [88.374, 44.505]]] };
		const { id, d, body } = await rollbackAfter(db, async (tx) => {
			const [row] = await tx.query<{ id: number; d: number }>(
				`INSERT INTO coal_fire (name, status, geom) VALUES ('长边火区', 'untreated', ST_SetSRID(ST_GeomFromGeoJSON($1), 4326))
				 RETURNING id, ST_Distance(geom::geography, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)::geography) AS d`,
				[JSON.stringify(zone), JSON.stringify(footprint)]
			);
			const response = await call({ footprint, projectType: 'building' }, { db: tx });
			expect(response.status).toBe(200);
			return { ...row, body: (await response.json()) as CheckResponse };
		});
		expect(d).toBeCloseTo(487.44, 1);
		const near = body.conflicts.find((c) => c.layer === 'coal-fire' && c.featureId === id);
		expect(near).toMatchObject({ relation: 'nearby', severity: 'attention', name: '长边火区' });
		expect(Math.abs((near?.distanceM ?? 0) - d)).toBeLessThanOrEqual(1);
	});

	it('is clear far from every zone (north of the prefecture, in the Gurbantünggüt desert)', async () => {
		const footprint = square([88.5, 46.2], 200);
		const [none] = await db.query<{ n: number }>(
			`SELECT (SELECT count(*) FROM control_unit WHERE ST_DWithin(geom::geography, $1::geography, 3000))
			      + (SELECT count(*) FROM ecological_redline WHERE ST_DWithin(geom::geography, $1::geography, 3000))
			      + (SELECT count(*) FROM sand_closure_reserve WHERE ST_DWithin(geom::geography, $1::geography, 3000)) AS n`,
			['SRID=4326;POINT(88.5 46.2)']
		);
		expect(Number(none.n)).toBe(0);
		const body = (await (await call({ footprint, projectType: 'solar_wind' })).json()) as CheckResponse;
		expect(body).toMatchObject({ verdict: 'clear', conflicts: [] });
		expect(body.footprint.areaM2).toBeGreaterThan(150_000);
	});

	it('checks a mixed footprint (a building and its access road) in one go', async () => {
		const [lon, lat] = firstZone.point;
		const footprint = {
			type: 'FeatureCollection',
			features: [
				{ type: 'Feature', properties: {}, geometry: square([lon + 0.01, lat], 40) },
				{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[lon + 0.01, lat], [lon, lat]] } }
			]
		};
		const r = await call({ footprint, projectType: 'linear' });
		expect(r.status).toBe(200);
		const body = (await r.json()) as CheckResponse;
		const hit = body.conflicts.find((c) => c.featureId === firstZone.id && c.layer === 'water-source-protection');
		expect(hit?.relation).toBe('intersects');
		expect(hit?.overlapLengthM).toBeGreaterThan(0);
	});

	it('answers malformed JSON with 400, in the language asked for', async () => {
		const zh = await call(null, { raw: '{"footprint": [' });
		expect(zh.status).toBe(400);
		expect(((await zh.json()) as CheckErrorBody).error).toMatchObject({ code: 'invalid-json', message: '请求体不是有效的 JSON。' });
		const en = await call(null, { raw: 'nope', headers: { 'accept-language': 'en-GB,en;q=0.9,zh;q=0.5' } });
		expect(((await en.json()) as CheckErrorBody).error.message).toBe('The request body is not valid JSON.');
	});

	it('answers an unknown project type or a missing footprint with 400 and what is allowed', async () => {
		const r = await call({ footprint: square(firstZone.point, 40), projectType: 'casino', lang: 'en' });
		expect(r.status).toBe(400);
		const body = (await r.json()) as CheckErrorBody;
		expect(body.error.code).toBe('invalid-request');
		expect(body.error.message).toContain('"casino"');
		expect(body.error.message).toContain('solar_wind');
		expect(body.error.details?.messages.zh).toContain('未知的项目类型');
		const missing = await call({ projectType: 'building' });
		expect(missing.status).toBe(400);
		expect(((await missing.json()) as CheckErrorBody).error.details?.messages.zh).toContain('footprint');
		const notGeoJson = await call({ footprint: { type: 'Circle', radius: 3 } });
		expect(notGeoJson.status).toBe(400);
	});

	it('refuses a bow tie with 422, where it crosses, and an offer to repair it', async () => {
		const [lon, lat] = firstZone.point;
		const d = 0.001;
		const bowtie = { type: 'Polygon', coordinates: [[[lon, lat], [lon + d, lat + d], [lon + d, lat], [lon, lat + d], [lon, lat]]] };
		const r = await call({ footprint: bowtie, lang: 'zh' });
		expect(r.status).toBe(422);
		const body = (await r.json()) as CheckErrorBody;
		expect(body.error.code).toBe('self-intersection');
		expect(body.error.message).toContain('自相交');
		expect(body.error.details?.messages.en).toMatch(/intersect|cross/i);
		expect(body.error.details?.location?.[0]).toBeCloseTo(lon + d / 2, 9);
		expect(body.error.details?.location?.[1]).toBeCloseTo(lat + d / 2, 9);
		expect(body.error.details?.repair).toMatchObject({ available: true, geometry: { type: 'MultiPolygon' } });
		// The repaired geometry is accepted as it is.
		const repaired = body.error.details?.repair?.available ? body.error.details?.repair.geometry : undefined;
		expect((await call({ footprint: repaired })).status).toBe(200);
	});

	it('refuses projected coordinates with 422 and says what they look like', async () => {
		const r = await call({
			footprint: { type: 'Polygon', coordinates: [[[29524057.8, 4874977.2], [29524458.7, 4874978.7], [29524456.9, 4875478.7], [29524057.8, 4874977.2]]] },
			lang: 'en'
		});
		expect(r.status).toBe(422);
		const body = (await r.json()) as CheckErrorBody;
		expect(body.error.code).toBe('projected-coordinates');
		expect(body.error.details?.repair).toEqual({ available: false });
	});

	it('refuses a body over 5 MB with 413', async () => {
		const ring = Array.from({ length: 300_000 }, (_, i) => [87.123456789 + i * 1e-7, 44.123456789 + (i % 2) * 1e-4]);
		const raw = JSON.stringify({ footprint: { type: 'LineString', coordinates: ring } });
		expect(raw.length).toBeGreaterThan(5 * 1024 * 1024);
		const r = await call(null, { raw });
		expect(r.status).toBe(413);
		expect(((await r.json()) as CheckErrorBody).error.code).toBe('body-too-large');
	});

	it('limits anonymous use per client address: 30 a minute, then 429 with Retry-After', async () => {
		const address = '203.0.113.9';
		const statuses: number[] = [];
		for (let i = 0; i < 30; i++) statuses.push((await call(null, { raw: '{', address })).status);
		expect(statuses.every((s) => s === 400)).toBe(true);
		const limited = await call({ footprint: square(firstZone.point, 40) }, { address, headers: { 'accept-language': 'zh-CN' } });
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		const body = (await limited.json()) as CheckErrorBody;
		expect(body.error.code).toBe('rate-limited');
		expect(body.error.message).toContain('秒后再试');
		expect((await call({ footprint: square(firstZone.point, 40) })).status).toBe(200); // another address
	});

	it('finds a footprint over a first-level water-source zone forbidden, with the overlap PostGIS measures', async () => {
		const footprint = square(firstZone.point, 60);
		const response = await call({ footprint, projectType: 'building' });
		expect(response.status).toBe(200);
		const body = (await response.json()) as CheckResponse;
		expect(body.verdict).toBe('forbidden');
		const hit = body.conflicts.find((c) => c.layer === 'water-source-protection' && c.featureId === firstZone.id);
		expect(hit).toMatchObject({ relation: 'intersects', severity: 'forbidden', name: firstZone.name, level: 'first', distanceM: 0 });
		const [truth] = await db.query<{ area: number }>(
			`SELECT ST_Area(ST_Intersection(geom, ST_SetSRID(ST_GeomFromGeoJSON($1), 4326))::geography) AS area
			 FROM water_source_protection WHERE id = $2`,
			[JSON.stringify(footprint), firstZone.id]
		);
		expect(Math.abs((hit?.overlapM2 ?? 0) - truth.area) / truth.area).toBeLessThan(1e-3);
		expect(body.reportId).toMatch(/^[0-9a-f]{16}$/);
		expect(body.projectType).toBe('building');
		expect(body.engine).toMatchObject({ clipping: 'sweep', fallbacks: [] });
		expect(Object.keys(body.dataVersions).sort()).toContain('water-source-protection');
		expect(body.illustrative).toBe(true);
		expect(body.zones).toBeUndefined();
	});

	it('returns the conflicting zones for the map when asked', async () => {
		const response = await call({ footprint: square(firstZone.point, 60), zones: true });
		const body = (await response.json()) as CheckResponse;
		expect(body.zones?.length).toBe(body.conflicts.length);
		const zone = body.zones?.find((z) => z.layer === 'water-source-protection' && z.featureId === firstZone.id);
		expect(zone?.geometry.type).toMatch(/Polygon/);
		expect(zone?.properties).toMatchObject({ zone_level: 'first' });
	});
});
