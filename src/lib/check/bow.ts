import type { BBox, Parts } from './types';

/**
 * How far a geodesic edge can stray from its straight [lon, lat] segment (its "bow"), and the
 * bboxes grown by it. Prefilters that work on [lon, lat] boxes (the engine's skip and crop, the
 * database's `&&`/planar ST_DWithin, the browser's FlatGeobuf read) must allow for it: a 60 km
 * east–west edge at 44.5° N runs ~70 m poleward of its chord.
 *
 * The straight [lon, lat] line has geodesic curvature κ = tanφ/R·|cosβ|(1 + sin²β) (β its
 * heading from east; from the Christoffel symbols of R²(dφ² + cos²φ dλ²)), at most 1.089·tanφ/R,
 * and a curve of curvature ≤ κ and length L departs from the geodesic between its ends by at
 * most ≈ κL²/8. The bound takes that with L the chord's length measured generously, tanφ at
 * the edge's poleward end, and a 25 % margin (for the ellipsoid and the higher-order terms):
 * bow.test.ts checks it against GeographicLib's geodesics from 1 to 500 km, 0–70°.
 *
 * Pure arithmetic, no GeographicLib: the browser loads it with its candidate reader.
 */

const DEG = Math.PI / 180;
/** Mean radius of WGS84, m. */
const R = 6_371_008.8;
/** 1.089 (worst heading) × 1.25 margin. */
const CURVATURE_FACTOR = 1.089 * 1.25;
/** Longest degree of latitude / of longitude at the equator on WGS84, m (lengths are bounded above). */
const LAT_DEGREE_MAX = 111_695;
const LON_DEGREE_MAX = 111_695;
/** Shortest degree of latitude, and the equatorial degree of longitude (N ≥ a), m (offsets are bounded below). */
const LAT_DEGREE_MIN = 110_574;
const LON_DEGREE_MIN = 111_319;
/** Poleward of this the bound is taken at it: zoning data stays far from the poles. */
const MAX_LAT = 89;

/** Upper bound of the bow (m) of an edge at most `lengthM` long whose latitudes stay within ±`maxAbsLat`. */
export function bowBoundM(lengthM: number, maxAbsLat: number): number {
	const t = Math.tan(Math.min(MAX_LAT, Math.abs(maxAbsLat)) * DEG);
	// No point of the geodesic is farther than half its length from an end, hence from the chord.
	return Math.min((CURVATURE_FACTOR * lengthM * lengthM * t) / (8 * R), lengthM / 2) + 1e-6;
}

/** Upper bound of the bow (m) of the geodesic from [ax, ay] to [bx, by]. */
export function edgeBowM(ax: number, ay: number, bx: number, by: number): number {
	const minAbsLat = ay * by <= 0 ? 0 : Math.min(Math.abs(ay), Math.abs(by));
	const dx = (bx - ax) * LON_DEGREE_MAX * Math.cos(minAbsLat * DEG);
	const dy = (by - ay) * LAT_DEGREE_MAX;
	return bowBoundM(Math.hypot(dx, dy), Math.max(Math.abs(ay), Math.abs(by)));
}

/** Upper bound of the bow (m) of any edge inside a bbox: no edge is longer than its diagonal. */
export function bboxBowM(b: Readonly<BBox>): number {
	return edgeBowM(b[0], b[1], b[2], b[3]);
}

/** The largest bow (m) of the edges of a geometry. */
export function partsBowM(parts: Parts): number {
	let worst = 0;
	const ring = (r: readonly (readonly number[])[]) => {
		for (let i = 0; i + 1 < r.length; i++) worst = Math.max(worst, edgeBowM(r[i][0], r[i][1], r[i + 1][0], r[i + 1][1]));
	};
	for (const p of parts.polygons) p.forEach(ring);
	parts.lines.forEach(ring);
	return worst;
}

/** Degrees of longitude and latitude that cover `metres` anywhere in the bbox (at its poleward edge). */
export function metresToDegrees(metres: number, b: Readonly<BBox>): [number, number] {
	const lat = Math.min(MAX_LAT, Math.max(Math.abs(b[1]), Math.abs(b[3])));
	return [metres / (LON_DEGREE_MIN * Math.cos(lat * DEG)), metres / LAT_DEGREE_MIN];
}

/** The bbox grown by `metres` on every side. */
export function growBBoxByMetres(b: Readonly<BBox>, metres: number): BBox {
	const [dLon, dLat] = metresToDegrees(metres, b);
	return [b[0] - dLon, b[1] - dLat, b[2] + dLon, b[3] + dLat];
}

/**
 * Calls `visit` with every edge of a geometry (polygon rings; with `lines`, line strings too)
 * whose geodesic can come within `box`.
 */
export function forEachEdgeNear(
	parts: Parts,
	box: BBox,
	lines: boolean,
	visit: (ax: number, ay: number, bx: number, by: number) => void
): void {
	// Edges outside the box grown by the largest bow any edge of the geometry can have are out
	// at once; edges meeting the box itself are in; only those between get their own bound.
	const outer = parts.bbox ? growBBoxByMetres(box, bboxBowM(parts.bbox)) : box;
	const each = (r: readonly (readonly number[])[]) => {
		for (let i = 0; i + 1 < r.length; i++) {
			const ax = r[i][0], ay = r[i][1], bx = r[i + 1][0], by = r[i + 1][1];
			const x0 = Math.min(ax, bx), x1 = Math.max(ax, bx), y0 = Math.min(ay, by), y1 = Math.max(ay, by);
			if (x1 < outer[0] || x0 > outer[2] || y1 < outer[1] || y0 > outer[3]) continue;
			if (x1 < box[0] || x0 > box[2] || y1 < box[1] || y0 > box[3]) {
				const [dLon, dLat] = metresToDegrees(edgeBowM(ax, ay, bx, by), [x0, y0, x1, y1]);
				if (x1 + dLon < box[0] || x0 - dLon > box[2] || y1 + dLat < box[1] || y0 - dLat > box[3]) continue;
			}
			visit(ax, ay, bx, by);
		}
	};
	for (const p of parts.polygons) p.forEach(each);
	if (lines) parts.lines.forEach(each);
}

/**
 * The edges of a geometry whose geodesic can come within `box` — the original, uncut edges,
 * as two-point lines (for boundary-to-boundary distances: cropping an edge would replace its
 * geodesic by the shorter geodesic of the cut piece, which has lost the bow).
 */
export function edgesNear(parts: Parts, box: BBox): Parts {
	const lines: [number, number][][] = [];
	forEachEdgeNear(parts, box, true, (ax, ay, bx, by) => lines.push([[ax, ay], [bx, by]]));
	const points = parts.points.filter((p) => p[0] >= box[0] && p[0] <= box[2] && p[1] >= box[1] && p[1] <= box[3]);
	let bbox: BBox | undefined;
	for (const l of lines) for (const p of l) bbox = extend(bbox, p);
	for (const p of points) bbox = extend(bbox, p);
	return { polygons: [], lines, points, bbox };
}

/** `b` grown to hold `p` (a new bbox when `b` is undefined). */
export function extend(b: BBox | undefined, p: readonly number[]): BBox {
	if (!b) return [p[0], p[1], p[0], p[1]];
	return [Math.min(b[0], p[0]), Math.min(b[1], p[1]), Math.max(b[2], p[0]), Math.max(b[3], p[1])];
}

/**
 * The longest edge the spatial-index prefilters allow for (the database's `&&`, the browser's
 * FlatGeobuf rectangle): an index only knows feature bboxes, so it is searched with room for
 * the bow of an edge this long; per-feature tests then use each feature's own bound.
 */
export const LONG_EDGE_M = 250_000;

/** Room (m) for the bow of an edge up to LONG_EDGE_M near a bbox (its latitudes can reach that far poleward). */
export function indexBowM(b: Readonly<BBox>): number {
	const lat = Math.max(Math.abs(b[1]), Math.abs(b[3])) + LONG_EDGE_M / LAT_DEGREE_MIN;
	return bowBoundM(LONG_EDGE_M, lat);
}

/**
 * k such that k·d²·tanφ/cosφ bounds, in degrees of longitude at latitude φ, the bow of any
 * edge inside a bbox of diagonal d degrees whose poleward latitude is φ (for SQL, which has
 * only the row's bbox: d·LAT_DEGREE_MAX bounds the edge length, see bowBoundM).
 */
export const BOW_DEGREES_PER_SQUARE_DEGREE = (CURVATURE_FACTOR * LAT_DEGREE_MAX * LAT_DEGREE_MAX) / (8 * R * LON_DEGREE_MIN);
