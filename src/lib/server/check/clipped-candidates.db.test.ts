import { describe, expect, it } from 'vitest';
import type { Feature, Geometry, MultiPolygon, Position } from 'geojson';
import { getTestDb, rollbackAfter } from '../../../../tests/db';
import { featureTexts, planLayer } from '../../../../scripts/heavy-gen/generate';
import { HEAVY_LAYERS } from '../../../../scripts/heavy-gen/layers';
import { partsBowM } from '../../check/bow';
import { runCheck } from '../../check/engine';
import { toParts } from '../../check/parts';
import { blobPolygon, makeLongEdgeCases, mulberry32, offset } from '../../check/test/generate';
import type { CandidateSet, CheckResult } from '../../check/types';
import { validateFootprint } from '../../check/validate';
import { LAYERS, zoningLayers } from '../../layers/registry';
import type { Db } from '../db/types';
import { DISTANCE_FILTER_MAX_VERTICES, findCandidates } from './candidates';
import { candidateEdges, geometryEdges } from './complexity';

// Candidates reach the engine clipped to a box around the footprint (grown per row by its
// longest edge, so edges near the footprint arrive whole). On a small generated heavy dataset
// (fractal redline polygons of 200–30,000 vertices, with holes) and on zones with 10–200 km
// edges, with footprints across boundaries, ±40 m around the buffer's edge (where the clip box
// is tightest) and across many zones, the clipped path must give:
// - the same answer as the engine on the whole geometries (overlaps within 1e-9, distances 1 mm);
// - the answer of PostGIS on the whole geometries: overlaps within 1e-5 relative, distances of
//   nearby features within 1e-5 relative or 5 cm (plus PostGIS's own error near long edges, see
//   postgis-compare.ts).

const HEAVY_FEATURES = 12;
const redline = LAYERS.find((l) => l.id === 'ecological-redline')!;
const coalFire = LAYERS.find((l) => l.id === 'coal-fire')!;
const bufferOf = (layerId: string) => LAYERS.find((l) => l.id === layerId)?.zoning?.bufferM ?? 0;

interface Truth {
	layer: string;
	id: number;
	hit: boolean;
	area: number;
	dist: number;
}

function heavyFeatures(): Feature<MultiPolygon>[] {
	const layer = HEAVY_LAYERS.find((l) => l.layerId === 'ecological-redline')!;
	return [...featureTexts(layer, planLayer(layer, HEAVY_FEATURES))].map((f) => JSON.parse(f.text) as Feature<MultiPolygon>);
}

/** Footprints around boundary vertices of the heavy features: across, near the buffer's edge, big ones over several. */
function heavyFootprints(features: Feature<MultiPolygon>[]): Geometry[] {
	const rng = mulberry32(14);
	const out: Geometry[] = [];
	const buffer = redline.zoning!.bufferM;
	features.forEach((f, k) => {
		const ring = f.geometry.coordinates[0][0];
		const c = ring.reduce((s, p) => [s[0] + p[0] / ring.length, s[1] + p[1] / ring.length], [0, 0]);
		for (const at of [ring[Math.floor(ring.length / 3)], ring[Math.floor((2 * ring.length) / 3)]]) {
			// Outward, in metres: from the centre through the vertex.
			const dx = (at[0] - c[0]) * Math.cos((at[1] * Math.PI) / 180);
			const dy = at[1] - c[1];
			const len = Math.hypot(dx, dy);
			const out1 = (m: number): Position => offset(at, (dx / len) * m, (dy / len) * m);
			out.push({ type: 'Polygon', coordinates: blobPolygon(rng, at, 200 + rng() * 400, 10, k % 3 === 0) });
			for (const miss of [-40, 40]) {
				const sw = out1(buffer + miss + 75);
				const [w, s] = offset(sw, -75, -75);
				const [e, n] = offset(sw, 75, 75);
				out.push({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
			}
			out.push({ type: 'Point', coordinates: out1(buffer - 20) });
			out.push({ type: 'LineString', coordinates: [out1(-1500), out1(1500 + buffer)] });
		}
		if (k % 4 === 0) out.push({ type: 'Polygon', coordinates: blobPolygon(rng, ring[0], 1500 + rng() * 1500, 1000) });
	});
	return out;
}

/**
 * PostGIS on the whole geometries, every zoning feature near the footprint: one statement.
 * Overlap areas for polygons only: on PGlite (PostGIS 3.6 WASM) ST_Intersection of one of the
 * heavy polygons with a line makes the whole statement return no rows, without an error.
 */
async function postgisTruth(db: Db, footprint: Geometry): Promise<Truth[]> {
	const branches = zoningLayers().map(
		(l, k) => `SELECT $${k + 2}::text AS layer, t.id, ST_Intersects(t.geom, f.g) AS hit,
			CASE WHEN ST_Dimension(f.g) = 2 AND ST_Intersects(t.geom, f.g) THEN ST_Area(ST_Intersection(t.geom, f.g)::geography) ELSE 0 END AS area,
			ST_Distance(t.geom::geography, f.g::geography) AS dist
		FROM f JOIN "${l.table}" t ON t.geom && ST_Expand(f.g, 0.02)`
	);
	const rows = await db.query<Truth & Record<string, unknown>>(
		`WITH f AS MATERIALIZED (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g)\n${branches.join('\nUNION ALL\n')}`,
		[JSON.stringify(footprint), ...zoningLayers().map((l) => l.id)]
	);
	return rows.map((r) => ({ layer: r.layer, id: Number(r.id), hit: Boolean(r.hit), area: Number(r.area), dist: Number(r.dist) }));
}

/** The same candidate features, whole. */
async function wholeCandidates(db: Db, sets: CandidateSet[]): Promise<CandidateSet[]> {
	const out: CandidateSet[] = [];
	for (const set of sets) {
		const table = LAYERS.find((l) => l.id === set.layerId)!.table;
		const ids = set.features.map((f) => Number(f.id));
		const rows = ids.length ? await db.query<{ id: number; g: string }>(`SELECT id, ST_AsGeoJSON(geom) AS g FROM "${table}" WHERE id = ANY($1::int[]) ORDER BY id`, [ids]) : [];
		out.push({ layerId: set.layerId, features: rows.map((r) => ({ type: 'Feature', id: r.id, properties: { id: r.id }, geometry: JSON.parse(r.g) as Geometry })) });
	}
	return out;
}

const check = (footprint: Geometry, candidates: CandidateSet[]): CheckResult =>
	runCheck({ footprint, projectType: 'building', candidates, layers: LAYERS, clipping: 'sweep' });

describe('clipped candidates on heavy data', () => {
	it('give the answer of the whole geometries, and of PostGIS', async () => {
		const db = await getTestDb();
		const features = heavyFeatures();
		const longEdges = makeLongEdgeCases(1, () => coalFire.zoning!.bufferM);
		const result = await rollbackAfter(db, async (tx) => {
			const longEdgeIds = new Set<number>();
			for (const f of features)
				await tx.query(
					`INSERT INTO ecological_redline (code, name, name_en, function_type, county, illustrative, geom)
					 VALUES ($1, $2, $3, $4, $5, true, ST_SetSRID(ST_GeomFromGeoJSON($6), 4326))`,
					[f.properties?.code, f.properties?.name, f.properties?.name_en, f.properties?.function_type, f.properties?.county, JSON.stringify(f.geometry)]
				);
			for (const z of longEdges.zones) {
				const [row] = await tx.query<{ id: number }>(
					`INSERT INTO coal_fire (name, status, geom) VALUES ($1, 'untreated', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326))) RETURNING id`,
					[String(z.feature.properties?.name), JSON.stringify(z.feature.geometry)]
				);
				longEdgeIds.add(row.id);
			}
			const footprints = [...heavyFootprints(features), ...longEdges.cases.map((c) => c.footprint)];
			const stats = { footprints: footprints.length, clippedEdges: 0, wholeEdges: 0, intersecting: 0, nearby: 0, maxRelArea: 0, maxDist: 0, maxDistLong: 0 };
			const mismatches: string[] = [];
			for (const [i, footprint] of footprints.entries()) {
				const v = validateFootprint(footprint);
				if (!v.ok) throw new Error(`footprint ${i}: ${v.error.message.en}`);
				const vertices = geometryEdges(footprint);
				const { sets } = await findCandidates(tx, v.footprint, zoningLayers(), vertices > DISTANCE_FILTER_MAX_VERTICES ? 'bbox' : 'distance');
				const whole = await wholeCandidates(tx, sets);
				stats.clippedEdges += candidateEdges(sets);
				stats.wholeEdges += candidateEdges(whole);
				const clipped = check(footprint, sets);
				const reference = check(footprint, whole);
				// 1. Clipped = whole, by the engine.
				// (Sorted by feature: equal overlaps may swap places on rounding noise.)
				const key = (r: CheckResult) => r.conflicts.map((c) => `${c.layer}/${c.featureId}/${c.relation}`).sort().join(' ');
				if (key(clipped) !== key(reference)) mismatches.push(`#${i}: clipped ${key(clipped)} | whole ${key(reference)}`);
				else
					reference.conflicts.forEach((c) => {
						const d = clipped.conflicts.find((x) => x.layer === c.layer && x.featureId === c.featureId)!;
						if (Math.abs(d.overlapM2 - c.overlapM2) > 1e-9 * c.overlapM2 + 0.01 || Math.abs(d.distanceM - c.distanceM) > 0.001)
							mismatches.push(`#${i} ${c.layer}/${c.featureId}: clipped ${d.overlapM2} m² at ${d.distanceM} m, whole ${c.overlapM2} m² at ${c.distanceM} m`);
					});
				// 2. Clipped = PostGIS on the whole geometries.
				const got = new Map(clipped.conflicts.map((c) => [`${c.layer}/${c.featureId}`, c]));
				const polygonal = footprint.type === 'Polygon';
				for (const t of await postgisTruth(tx, footprint)) {
					const rule = LAYERS.find((l) => l.id === t.layer)!.zoning!;
					const label = `#${i} ${t.layer}/${t.id}`;
					const c = got.get(`${t.layer}/${t.id}`);
					got.delete(`${t.layer}/${t.id}`);
					const counts = t.hit && (!polygonal || t.area >= rule.sliverM2 || (t.area > 0 && t.area >= clipped.footprint.areaM2 / 2));
					if (!counts && Math.abs(t.dist - rule.bufferM) < 0.05) continue; // on the buffer's edge: either answer is right
					const expected = counts ? 'intersects' : t.dist <= rule.bufferM ? 'nearby' : undefined;
					if (c?.relation !== expected) {
						mismatches.push(`${label}: clipped ${c?.relation ?? 'none'}, PostGIS ${expected ?? 'none'} (area ${t.area}, distance ${t.dist})`);
						continue;
					}
					if (!c) continue;
					if (expected === 'intersects') {
						stats.intersecting++;
						if (polygonal) {
							const err = Math.abs(c.overlapM2 - t.area);
							stats.maxRelArea = Math.max(stats.maxRelArea, err / t.area);
							if (err > 1e-5 * t.area + 0.01) mismatches.push(`${label}: overlap ${c.overlapM2} m², PostGIS ${t.area} m²`);
						}
					} else {
						stats.nearby++;
						const err = Math.abs(c.distanceM - t.dist);
						const long = t.layer === coalFire.id && longEdgeIds.has(t.id);
						const bow = long ? partsBowM(toParts(whole.find((s) => s.layerId === t.layer)!.features.find((f) => f.id === t.id)!.geometry)) : 0;
						if (long) stats.maxDistLong = Math.max(stats.maxDistLong, err);
						else stats.maxDist = Math.max(stats.maxDist, err);
						if (err > Math.max(0.05, 1e-5 * t.dist) + 0.0067 * bow) mismatches.push(`${label}: distance ${c.distanceM} m, PostGIS ${t.dist} m`);
					}
				}
				for (const k of got.keys()) mismatches.push(`#${i} ${k}: a conflict PostGIS does not find`);
			}
			return { stats, mismatches };
		});
		const s = result.stats;
		console.log(
			`[clipped-candidates, ${db.backend}] ${s.footprints} footprints; candidate edges clipped ${s.clippedEdges} vs whole ${s.wholeEdges}; ` +
				`${s.intersecting} intersecting, ${s.nearby} nearby agree with PostGIS; max error: area ${s.maxRelArea.toExponential(1)} relative, ` +
				`distance ${s.maxDist.toFixed(4)} m (long edges ${s.maxDistLong.toFixed(4)} m)`
		);
		expect(result.mismatches).toEqual([]);
		expect(s.intersecting).toBeGreaterThan(20);
		expect(s.nearby).toBeGreaterThan(20);
		// The clipping did something: far fewer edges reach the engine.
		expect(s.clippedEdges).toBeLessThan(s.wholeEdges / 3);
	}, 600_000);
});
