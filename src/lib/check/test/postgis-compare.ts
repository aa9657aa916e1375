import type { Geometry } from 'geojson';
import { LAYERS } from '$lib/layers/registry';
import { partsBowM } from '../bow';
import { runCheck } from '../engine';
import { toParts } from '../parts';
import type { CandidateSet, CheckResult, ClippingMode } from '../types';
import { makeEdgeCases, makeFootprint, makeLongEdgeCases, makeZones, mulberry32, type FootprintKind, type Zone } from './generate';

/** Runs one SQL statement with `$n` parameters — the shape of `Db.query`. */
export type Query = (text: string, values: readonly unknown[]) => Promise<Record<string, unknown>[]>;

/** What PostGIS says about one footprint–zone pair (pairs more than 0.02° apart are left out). */
export interface Truth {
	hit: boolean;
	area: number;
	len: number;
	dist: number;
	within: boolean;
}

// One statement for every pair: embedded PGlite answers one query at a time, so no round trips.
// Geometries travel as one JSON array parameter each (both drivers pass text the same way).
// MATERIALIZED: otherwise the GeoJSON is parsed again for every pair. The && prefilter (0.02°
// is ≥ 1.6 km here, more than any buffer) keeps ST_DWithin on geography off the far pairs.
const SQL = `
WITH f AS MATERIALIZED (
  SELECT i::int AS i, ST_GeomFromGeoJSON(g) AS g FROM json_array_elements_text($1::json) WITH ORDINALITY AS t(g, i)
), z AS MATERIALIZED (
  SELECT j::int AS j, ST_GeomFromGeoJSON(g ->> 'geometry') AS g, (g ->> 'buffer')::float8 AS b
  FROM json_array_elements($2::json) WITH ORDINALITY AS t(g, j)
), pairs AS MATERIALIZED (
  SELECT f.i, z.j, f.g AS fg, z.g AS zg, z.b, ST_Intersects(f.g, z.g) AS hit
  FROM f JOIN z ON f.g && ST_Expand(z.g, 0.02)
)
SELECT i, j, hit,
  CASE WHEN hit THEN ST_Area(ST_Intersection(fg, zg)::geography) ELSE 0 END AS area,
  CASE WHEN hit AND ST_Dimension(fg) = 1 THEN ST_Length(ST_Intersection(fg, zg)::geography) ELSE 0 END AS len,
  ST_Distance(fg::geography, zg::geography) AS dist,
  ST_DWithin(fg::geography, zg::geography, b) AS within
FROM pairs`;

export interface Comparison {
	footprints: number;
	pairs: number;
	conflicts: number;
	intersecting: number;
	nearby: number;
	slivers: number;
	/** Pairs whose answer sits within tolerance of a threshold (sliver size, buffer): not judged. */
	ambiguous: number;
	mismatches: string[];
	maxRelArea: number;
	maxAbsArea: number;
	maxRelDist: number;
	maxAbsDist: number;
	/** The same for zones whose edges bow a metre or more (PostGIS's own path differs there: SPHERE_PATH_SLACK). */
	maxAbsDistLongEdges: number;
	maxRelLength: number;
	maxAbsLength: number;
	fallbacks: number;
	engineMs: { total: number; max: number };
}

/** Tolerance of the acceptance test: 0.1 % or 1 (m or m²), whichever is larger. */
const tolerance = (v: number) => Math.max(1, Math.abs(v) * 1e-3);
/**
 * PostGIS finds the nearest points of geography edges on the sphere's great circles, then
 * measures between them on the spheroid; a great circle bows off the [lon, lat] line like the
 * ellipsoid's geodesic to within ~e² (0.67 %) of the bow: ~2.6 m at a 200 km edge, where the
 * engine's distance is the exact geodesic one. Distances get that much more room.
 */
const SPHERE_PATH_SLACK = 0.0067;
/**
 * Band around a threshold (sliver size, buffer) inside which a pair is not judged: the two
 * answers may fall either side. Much tighter than `tolerance` — the engine agrees with PostGIS
 * to millimetres — so the touching and sliver cases are judged.
 */
const band = (v: number) => Math.max(0.05, Math.abs(v) * 1e-4);

export interface Case {
	footprint: Geometry;
	kind: FootprintKind;
}

/**
 * The deterministic cases: `zoneCount` zones; footprints built on zone edges (touching,
 * slivers, lines along the boundary, points on vertices), then random ones cycling through
 * the kinds up to `count` in all — polygons up to 2000 vertices; then the long-edge zones and
 * their footprints (makeLongEdgeCases).
 */
export function makeCases(seed: number, zoneCount: number, count: number): { zones: Zone[]; cases: Case[] } {
	const rng = mulberry32(seed);
	const zones = makeZones(rng, zoneCount);
	const kinds: FootprintKind[] = ['polygon', 'polygon', 'polygon', 'multipolygon', 'line', 'multiline', 'point', 'multipoint'];
	const cases: Case[] = makeEdgeCases(rng, zones);
	for (let k = cases.length; k < count; k++) {
		const kind = kinds[k % kinds.length];
		cases.push({ kind, footprint: makeFootprint(rng, zones, kind) });
	}
	// Long edges, whose geodesics bow off the [lon, lat] lines the prefilters work on.
	const buffers = new Map(LAYERS.map((l) => [l.id, l.zoning?.bufferM ?? 0]));
	const long = makeLongEdgeCases(zones.length + 1, (id) => buffers.get(id) ?? 0);
	return { zones: [...zones, ...long.zones], cases: [...cases, ...long.cases] };
}

/** What PostGIS says about every footprint–zone pair, keyed `i:j` (1-based): one statement. */
export async function postgisTruth(query: Query, zones: Zone[], cases: Case[]): Promise<Map<string, Truth>> {
	const layers = new Map(LAYERS.map((l) => [l.id, l]));
	const rows = await query(SQL, [
		JSON.stringify(cases.map((c) => JSON.stringify(c.footprint))),
		JSON.stringify(zones.map((z) => ({ geometry: JSON.stringify(z.feature.geometry), buffer: layers.get(z.layerId)?.zoning?.bufferM ?? 0 })))
	]);
	const truth = new Map<string, Truth>();
	for (const r of rows) {
		truth.set(`${r.i}:${r.j}`, {
			hit: Boolean(r.hit),
			area: Number(r.area),
			len: Number(r.len),
			dist: Number(r.dist),
			within: Boolean(r.within)
		});
	}
	return truth;
}

/**
 * Checks every case with the engine and compares with PostGIS: the same set of conflicting
 * features and relations, areas (`ST_Area(ST_Intersection(f, z)::geography)`), line lengths
 * and distances (`ST_Distance(f::geography, z::geography)`) within 0.1 % or 1.
 */
export function compareWithTruth(truth: Map<string, Truth>, zones: Zone[], cases: Case[], clipping: ClippingMode): Comparison {
	const layers = new Map(LAYERS.map((l) => [l.id, l]));
	const candidates: CandidateSet[] = [];
	for (const z of zones) {
		let set = candidates.find((c) => c.layerId === z.layerId);
		if (!set) candidates.push((set = { layerId: z.layerId, features: [] }));
		(set.features as unknown[]).push(z.feature);
	}
	const out: Comparison = {
		footprints: cases.length,
		pairs: truth.size,
		conflicts: 0,
		intersecting: 0,
		nearby: 0,
		slivers: 0,
		ambiguous: 0,
		mismatches: [],
		maxRelArea: 0,
		maxAbsArea: 0,
		maxRelDist: 0,
		maxAbsDist: 0,
		maxAbsDistLongEdges: 0,
		maxRelLength: 0,
		maxAbsLength: 0,
		fallbacks: 0,
		engineMs: { total: 0, max: 0 }
	};
	const bows = zones.map((z) => partsBowM(toParts(z.feature.geometry)));
	cases.forEach((c, k) => {
		const i = k + 1;
		const result: CheckResult = runCheck({ footprint: c.footprint, projectType: 'building', candidates, layers: LAYERS, clipping });
		out.engineMs.total += result.engine.durationMs;
		out.engineMs.max = Math.max(out.engineMs.max, result.engine.durationMs);
		out.fallbacks += result.engine.fallbacks.length;
		out.conflicts += result.conflicts.length;
		out.slivers += result.slivers.length;
		const polygonal = c.kind === 'polygon' || c.kind === 'multipolygon';
		const linear = c.kind === 'line' || c.kind === 'multiline';
		zones.forEach((z, jIndex) => {
			const j = jIndex + 1;
			const zoneBow = bows[jIndex];
			const rule = layers.get(z.layerId)!.zoning!;
			const t = truth.get(`${i}:${j}`);
			const got = result.conflicts.find((x) => x.layer === z.layerId && x.featureId === z.feature.id);
			const label = `case ${i} (${c.kind}) × zone ${j} (${z.layerId})`;
			if (!t) {
				if (got) out.mismatches.push(`${label}: engine reports ${got.relation} at ${got.distanceM} m, PostGIS has it more than 0.02° away`);
				return;
			}
			// PostGIS's verdict, and whether it sits on a threshold.
			let expected: 'intersects' | 'nearby' | null;
			let ambiguous = false;
			if (polygonal) {
				if (t.area >= rule.sliverM2) expected = 'intersects';
				else expected = t.within ? 'nearby' : null;
				if (t.hit && Math.abs(t.area - rule.sliverM2) <= band(t.area)) ambiguous = true;
			} else expected = t.hit ? 'intersects' : t.within ? 'nearby' : null;
			if (expected !== 'intersects' && Math.abs(t.dist - rule.bufferM) <= band(t.dist)) ambiguous = true;
			if (ambiguous) {
				out.ambiguous++;
				return;
			}
			const relation = got?.relation ?? null;
			if (relation !== expected) {
				out.mismatches.push(
					`${label}: engine ${relation ?? 'no conflict'} (overlap ${got?.overlapM2 ?? '-'} m², distance ${got?.distanceM ?? '-'} m), ` +
						`PostGIS ${expected ?? 'no conflict'} (intersects ${t.hit}, area ${t.area} m², distance ${t.dist} m)`
				);
				return;
			}
			if (!got) return;
			if (got.relation === 'intersects') {
				out.intersecting++;
				if (polygonal) {
					const err = Math.abs(got.overlapM2 - t.area);
					out.maxAbsArea = Math.max(out.maxAbsArea, err);
					if (t.area > 0) out.maxRelArea = Math.max(out.maxRelArea, err / t.area);
					if (err > tolerance(t.area)) out.mismatches.push(`${label}: overlap ${got.overlapM2} m², PostGIS ${t.area} m²`);
				}
				if (linear) {
					const err = Math.abs((got.overlapLengthM ?? 0) - t.len);
					out.maxAbsLength = Math.max(out.maxAbsLength, err);
					if (t.len > 0) out.maxRelLength = Math.max(out.maxRelLength, err / t.len);
					if (err > tolerance(t.len)) out.mismatches.push(`${label}: length inside ${got.overlapLengthM} m, PostGIS ${t.len} m`);
				}
			} else {
				out.nearby++;
				const err = Math.abs(got.distanceM - t.dist);
				if (zoneBow < 1) out.maxAbsDist = Math.max(out.maxAbsDist, err);
				else out.maxAbsDistLongEdges = Math.max(out.maxAbsDistLongEdges, err);
				if (t.dist > 0) out.maxRelDist = Math.max(out.maxRelDist, err / t.dist);
				if (err > tolerance(t.dist) + SPHERE_PATH_SLACK * zoneBow) out.mismatches.push(`${label}: distance ${got.distanceM} m, PostGIS ${t.dist} m`);
			}
		});
	});
	return out;
}
