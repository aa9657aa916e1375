import { beforeAll, describe, expect, it } from 'vitest';
import type { Geometry, Position } from 'geojson';
import { getTestDb } from '../../../../tests/db';
import { blobPolygon, mulberry32, offset } from '../../check/test/generate';
import { zoningLayers } from '../../layers/registry';
import type { Db } from '../db/types';
import { checkFootprint } from './run-check';
import { findCandidates } from './candidates';
import { runCheck } from '../../check/engine';
import { LAYERS } from '../../layers/registry';
import { areaMismatches, postgisAreas } from '../../check/test/postgis-areas';
import { getLayer } from '../../layers/registry';

// The check of record (candidates from PostGIS + the engine) against PostGIS alone, on the
// SEEDED zoning tables: 32 footprints placed on the boundaries of seeded zoning features of
// every layer (four per layer, farmland and the development boundary included) — polygons of
// 5 to 1500 vertices, a multipolygon, lines and a point. Asserted: the same set of conflicting
// features with the same relation, overlap areas within 0.1 % or 1 m², distances within 0.1 %
// or 1 m. Then the per-layer areas — union, per level the part in no stricter level (nested
// water zones), the part outside the development boundary — against ST_Union/ST_Difference,
// on those footprints and on two laid over a whole nested water source; and the seeded
// farmland's geodesic total against the plan's 766.98 万亩.

const FOOTPRINTS = 32;
let db: Db;

interface Pair {
	i: number;
	layer: string;
	id: number;
	hit: boolean;
	area: number;
	dist: number;
}

/** A vertex on the outer boundary of one seeded feature per layer, cycling through the layers. */
async function anchors(): Promise<{ layer: string; at: Position }[]> {
	const layers = zoningLayers();
	const sql = layers
		.map(
			(l, k) => `(SELECT $${k + 1}::text AS layer, ST_AsGeoJSON(ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1 + (id * 7) % (ST_NPoints(ST_ExteriorRing(ST_GeometryN(geom, 1))) - 1))) AS p
			FROM "${l.table}" ORDER BY id LIMIT 4)`
		)
		.join('\nUNION ALL\n');
	const rows = await db.query<{ layer: string; p: string }>(sql, layers.map((l) => l.id));
	return rows.map((r) => ({ layer: r.layer, at: (JSON.parse(r.p) as { coordinates: Position }).coordinates }));
}

function footprints(points: { at: Position }[]): Geometry[] {
	const rng = mulberry32(20261128);
	return Array.from({ length: FOOTPRINTS }, (_, i) => {
		const at = points[i % points.length].at;
		const centre = offset(at, (rng() - 0.5) * 600, (rng() - 0.5) * 600);
		if (i === 20) return { type: 'LineString', coordinates: [offset(centre, -800, -300), centre, offset(centre, 900, 400)] };
		if (i === 21) return { type: 'MultiLineString', coordinates: [[offset(centre, -300, 0), offset(centre, 300, 50)], [offset(centre, 0, -400), offset(centre, 20, 400)]] };
		if (i === 22) return { type: 'Point', coordinates: at };
		if (i === 23)
			return {
				type: 'MultiPolygon',
				coordinates: [blobPolygon(rng, centre, 150, 40), blobPolygon(rng, offset(centre, 900, 0), 200, 60, true)]
			};
		const vertices = [5, 12, 40, 200, 1500][i % 5];
		return { type: 'Polygon', coordinates: blobPolygon(rng, centre, 100 + rng() * 700, vertices, i % 7 === 3) };
	});
}

/** PostGIS alone, every footprint against every seeded zoning feature within 0.05°: one statement. */
async function postgis(geoms: Geometry[]): Promise<Pair[]> {
	const layers = zoningLayers();
	const branches = layers.map(
		(l, k) => `SELECT f.i, $${k + 2}::text AS layer, t.id, ST_Intersects(t.geom, f.g) AS hit,
			CASE WHEN ST_Intersects(t.geom, f.g) THEN ST_Area(ST_Intersection(t.geom, f.g)::geography) ELSE 0 END AS area,
			ST_Distance(t.geom::geography, f.g::geography) AS dist
		FROM f JOIN "${l.table}" t ON t.geom && ST_Expand(f.g, 0.05)`
	);
	const sql = `WITH f AS MATERIALIZED (
		SELECT i::int - 1 AS i, ST_SetSRID(ST_GeomFromGeoJSON(g), 4326) AS g FROM json_array_elements_text($1::json) WITH ORDINALITY AS t(g, i)
	)
	${branches.join('\nUNION ALL\n')}`;
	return db.query<Pair & Record<string, unknown>>(sql, [JSON.stringify(geoms.map((g) => JSON.stringify(g))), ...layers.map((l) => l.id)]);
}

let geoms: Geometry[];
let truth: Pair[];
beforeAll(async () => {
	db = await getTestDb();
	geoms = footprints(await anchors());
	truth = await postgis(geoms);
}, 300_000);

describe('check of record vs PostGIS on the seeded zoning tables', () => {
	it('finds the same conflicting features with the same figures', async () => {
		const rules = new Map(zoningLayers().map((l) => [l.id, l.zoning!]));
		const mismatches: string[] = [];
		let intersecting = 0;
		let nearby = 0;
		for (let i = 0; i < geoms.length; i++) {
			const outcome = await checkFootprint(db, { footprint: geoms[i], projectType: 'building' });
			if (!outcome.ok) throw new Error(`footprint ${i}: ${outcome.error.message.en}`);
			const got = new Map(outcome.response.conflicts.map((c) => [`${c.layer}/${c.featureId}`, c]));
			const polygonal = geoms[i].type === 'Polygon' || geoms[i].type === 'MultiPolygon';
			const area = outcome.response.footprint.areaM2;
			for (const t of truth.filter((p) => p.i === i)) {
				const rule = rules.get(t.layer)!;
				const key = `${t.layer}/${t.id}`;
				const c = got.get(key);
				got.delete(key);
				const counts = t.hit && (!polygonal || t.area >= rule.sliverM2 || (t.area > 0 && t.area >= area / 2));
				if (!counts && Math.abs(t.dist - rule.bufferM) < 0.05) continue; // on the buffer's edge: either answer is right
				const expected = counts ? 'intersects' : t.dist <= rule.bufferM ? 'nearby' : undefined;
				if (c?.relation !== expected) {
					mismatches.push(`#${i} ${key}: engine ${c?.relation ?? 'none'}, PostGIS ${expected ?? 'none'} (area ${t.area}, dist ${t.dist})`);
					continue;
				}
				if (!c) continue;
				if (expected === 'intersects') intersecting++;
				else nearby++;
				const tol = (v: number) => Math.max(1, v * 1e-3);
				if (polygonal && expected === 'intersects' && Math.abs(c.overlapM2 - t.area) > tol(t.area))
					mismatches.push(`#${i} ${key}: overlap ${c.overlapM2} vs ${t.area}`);
				if (expected === 'nearby' && Math.abs(c.distanceM - t.dist) > tol(t.dist)) mismatches.push(`#${i} ${key}: distance ${c.distanceM} vs ${t.dist}`);
			}
			for (const key of got.keys()) mismatches.push(`#${i} ${key}: engine found a conflict PostGIS did not`);
		}
		console.log(`[engine-vs-seed, ${db.backend}] ${geoms.length} footprints: ${intersecting} intersecting, ${nearby} nearby conflicts agree`);
		expect(mismatches).toEqual([]);
		expect(intersecting).toBeGreaterThan(30);
		expect(nearby).toBeGreaterThan(5);
	}, 300_000);

	it('counts nested zones once: per level the part in no stricter level, per layer the union, the part outside the development boundary', async () => {
		// Two more footprints over the first water source: its quasi zone grown by 300 m (all three
		// levels whole), and the box from its centroid to the north-east corner (each level cut).
		const [src] = await db.query<{ whole: string; quarter: string }>(
			`SELECT ST_AsGeoJSON(ST_Simplify(ST_Buffer(geom::geography, 300)::geometry, 0.0003)) AS whole,
				ST_AsGeoJSON(ST_MakeEnvelope(ST_X(ST_Centroid(geom)), ST_Y(ST_Centroid(geom)), ST_XMax(geom) + 0.001, ST_YMax(geom) + 0.001, 4326)) AS quarter
			FROM water_source_protection WHERE zone_level = 'quasi' ORDER BY id LIMIT 1`
		);
		const nested = [JSON.parse(src.whole) as Geometry, JSON.parse(src.quarter) as Geometry];
		const mismatches: string[] = [];
		const seen = { nested: 0, farmland: 0, boundary: 0, outside: 0, multi: 0 };
		for (const [i, footprint] of [...geoms, ...nested].entries()) {
			if (footprint.type !== 'Polygon' && footprint.type !== 'MultiPolygon') continue;
			const outcome = await checkFootprint(db, { footprint, projectType: 'building' });
			if (!outcome.ok) throw new Error(`footprint ${i}: ${outcome.error.message.en}`);
			const r = outcome.response;
			for (const area of r.layerAreas ?? []) {
				const layer = getLayer(area.layer)!;
				const ranks = (area.levels ?? [{ level: 'default' }]).map((l) => l.level);
				const hits = r.conflicts.filter((c) => c.layer === area.layer && c.relation === 'intersects' && c.overlapM2 > 0);
				const rows = await db.query<{ id: number; g: string }>(`SELECT id, ST_AsGeoJSON(geom) AS g FROM "${layer.table}" WHERE id = ANY($1::int[])`, [
					hits.map((c) => Number(c.featureId))
				]);
				const geometry = new Map(rows.map((row) => [row.id, JSON.parse(row.g) as Geometry]));
				const levels = ranks.map((k) => hits.filter((c) => (area.levels ? c.clause === k : true)).map((c) => geometry.get(Number(c.featureId))!));
				const truth = await postgisAreas((text, values) => db.query(text, values), footprint, levels);
				mismatches.push(...areaMismatches(`#${i} ${area.layer}`, area, truth, r.outside?.find((o) => o.layer === area.layer)));
				expect(area.unionM2).toBeLessThanOrEqual(r.footprint.areaM2 + 0.01);
				if ((area.levels?.length ?? 0) >= 2) seen.nested++;
				if (hits.length >= 2) seen.multi++;
				if (area.layer === 'permanent-basic-farmland') seen.farmland++;
				if (area.layer === 'urban-development-boundary') seen.boundary++;
			}
			const outside = r.outside?.find((o) => o.layer === 'urban-development-boundary');
			if (outside) seen.outside++;
			if (outside?.whole && Math.abs(outside.outsideM2 - r.footprint.areaM2) > 0.02) mismatches.push(`#${i}: wholly outside, but ${outside.outsideM2} of ${r.footprint.areaM2} m²`);
			if (!r.layerAreas?.some((a) => a.layer === 'urban-development-boundary') && !outside?.whole) mismatches.push(`#${i}: meets no boundary, yet not wholly outside`);
		}
		console.log(`[engine-vs-seed areas, ${db.backend}] ${JSON.stringify(seen)}`);
		expect(mismatches).toEqual([]);
		expect(seen.nested).toBeGreaterThanOrEqual(2);
		expect(seen.multi).toBeGreaterThanOrEqual(3);
		expect(seen.farmland).toBeGreaterThan(0);
		expect(seen.boundary).toBeGreaterThan(0);
		expect(seen.outside).toBeGreaterThan(0);
	}, 300_000);

	it('seeds 766.98 万亩 of permanent basic farmland, measured geodesically', async () => {
		const [row] = await db.query<{ m2: number }>(`SELECT sum(ST_Area(geom::geography)) AS m2 FROM permanent_basic_farmland`);
		const mu = Number(row.m2) / (2000 / 3);
		console.log(`[engine-vs-seed, ${db.backend}] permanent basic farmland: ${(mu / 1e4).toFixed(2)} 万亩`);
		expect(Math.abs(mu / 766.98e4 - 1)).toBeLessThan(0.01);
	});

	it("answers with the sweep, and turf's clipping on the same candidates gives the same figures", async () => {
		const footprint = geoms.find((g) => g.type === 'Polygon' && g.coordinates[0].length > 1000)!;
		const record = await checkFootprint(db, { footprint, projectType: 'building' });
		if (!record.ok) throw new Error('footprint invalid');
		expect(record.response.engine).toMatchObject({ clipping: 'sweep', fallbacks: [] });
		// The same candidates as the check of record (a footprint of under 2,000 vertices: by distance).
		const { sets } = await findCandidates(db, record.footprint);
		const turf = runCheck({ footprint: record.footprint, projectType: 'building', candidates: sets, layers: LAYERS, clipping: 'turf' });
		expect(turf.engine.clipping).toBe('turf');
		expect(record.response.conflicts.filter((c) => c.relation === 'intersects').length).toBeGreaterThan(0);
		expect(record.response.conflicts.map((c) => `${c.layer}/${c.featureId}/${c.relation}`)).toEqual(turf.conflicts.map((c) => `${c.layer}/${c.featureId}/${c.relation}`));
		turf.conflicts.forEach((c, i) => expect(Math.abs(record.response.conflicts[i].overlapM2 - c.overlapM2)).toBeLessThanOrEqual(0.02));
	});
});
