import { edgeBowM, metresToDegrees } from './bow';
import { KIND_LINE } from './edges';
import { MEAN_RADIUS, metresPerDegree, pointSegmentDistance } from './geodesic';
import type { Prepared } from './relate';

const DEG = Math.PI / 180;
/**
 * Slack between great-circle distances on the mean sphere R₁ (with geodetic latitudes) and
 * geodesic distances on WGS84. Their ratio lies between M/R₁ = 0.9944 (north–south at the
 * equator) and N/R₁ = 1.0045 (at the poles), so two pairs' ratios differ by at most 1.0102 <
 * SLACK²: a pair whose spherical distance exceeds the best one's by SLACK² can never be nearer,
 * and once the best exact distance is known, any pair beyond it × SLACK cannot beat it.
 */
const SPHERE_SLACK = 1.008;

function unitVector(lon: number, lat: number, out: Float64Array, o: number): void {
	const cl = Math.cos(lat * DEG);
	out[o] = cl * Math.cos(lon * DEG);
	out[o + 1] = cl * Math.sin(lon * DEG);
	out[o + 2] = Math.sin(lat * DEG);
}

/** Unit vectors of edge i's ends and the normal a × b, into `v` (computed per use: no per-feature arrays). */
function edgeVectors(p: Prepared, i: number, v: Float64Array): void {
	const e = p.edges;
	unitVector(e.x1[i], e.y1[i], v, 0);
	unitVector(e.x2[i], e.y2[i], v, 3);
	v[6] = v[1] * v[5] - v[2] * v[4];
	v[7] = v[2] * v[3] - v[0] * v[5];
	v[8] = v[0] * v[4] - v[1] * v[3];
}

/** Angle between unit vectors from their chord: robust for small angles. */
function chordAngle(ax: number, ay: number, az: number, bx: number, by: number, bz: number): number {
	const c = Math.hypot(ax - bx, ay - by, az - bz);
	return 2 * Math.asin(Math.min(1, c / 2));
}

/**
 * Great-circle distance (mean sphere) from unit vector p to edge i, and the fraction along the
 * edge of the nearest point — the pre-filter for the exact geodesic search.
 */
function sphereDistance(v: Float64Array, px: number, py: number, pz: number, out: { t: number }): number {
	const ax = v[0], ay = v[1], az = v[2];
	const bx = v[3], by = v[4], bz = v[5];
	const nx = v[6], ny = v[7], nz = v[8];
	const nn = Math.hypot(nx, ny, nz);
	const da = chordAngle(px, py, pz, ax, ay, az);
	if (nn < 1e-15) {
		out.t = 0;
		return da * MEAN_RADIUS;
	}
	// p projects inside the arc iff (a × p)·n ≥ 0 and (p × b)·n ≥ 0.
	const apn = (ay * pz - az * py) * nx + (az * px - ax * pz) * ny + (ax * py - ay * px) * nz;
	const pbn = (py * bz - pz * by) * nx + (pz * bx - px * bz) * ny + (px * by - py * bx) * nz;
	if (apn >= 0 && pbn >= 0) {
		const s = Math.abs(px * nx + py * ny + pz * nz) / nn;
		const arc = Math.asin(Math.min(1, nn));
		// Along-arc position of the foot: angle from a to the projection of p.
		const along = Math.atan2(apn / nn, ax * px + ay * py + az * pz);
		out.t = arc > 0 ? Math.min(1, Math.max(0, along / arc)) : 0;
		return Math.asin(Math.min(1, s)) * MEAN_RADIUS;
	}
	const db = chordAngle(px, py, pz, bx, by, bz);
	out.t = da <= db ? 0 : 1;
	return Math.min(da, db) * MEAN_RADIUS;
}

/** Largest bow of an edge of `p` off its [lon, lat] chord, in degrees (room for the grid queries). */
function maxBowDegrees(p: Prepared): number {
	const e = p.edges;
	let worst = 0;
	for (let i = 0; i < e.count; i++) worst = Math.max(worst, edgeBowM(e.x1[i], e.y1[i], e.x2[i], e.y2[i]));
	const lat = Math.min(89, Math.max(Math.abs(p.parts.bbox?.[1] ?? 0), Math.abs(p.parts.bbox?.[3] ?? 0)));
	return Math.max(...metresToDegrees(worst, [0, lat, 0, lat])) + 1e-7;
}

interface Pair {
	approx: number;
	/** Vertex [lon, lat] and the edge it is measured to, in the other geometry. */
	x: number;
	y: number;
	other: Prepared;
	edge: number;
	t: number;
}

/**
 * Shortest geodesic distance between two geometries on WGS84, m, if it is at most `limitM` —
 * else null. Both are assumed not to intersect (test that first: this measures boundary to
 * boundary). Edges are geodesics, as in PostGIS `ST_Distance(geography, geography)`.
 *
 * The minimum over vertex-to-edge distances both ways is the distance between two sets of
 * segments that do not cross. Every vertex of one looks up the other's edges within the limit
 * in its grid index and ranks them by great-circle distance on the mean sphere; only pairs
 * that could still beat the best (see `SPHERE_SLACK`) are kept, and those are measured exactly
 * with `pointSegmentDistance`, nearest first — usually a handful.
 *
 * @example
 * distanceWithin(prepare(toParts(point)), prepare(toParts(zone)), 500); // e.g. 231.4, or null
 */
export function distanceWithin(a: Prepared, b: Prepared, limitM: number): number | null {
	const search: Search = { pairs: [], bestUpper: limitM * SPHERE_SLACK + 1 };
	collectPairs(a, b, search);
	collectPairs(b, a, search);
	const pairs = search.pairs.filter((p) => p.approx <= search.bestUpper * SPHERE_SLACK);
	if (pairs.length === 0) return null;
	pairs.sort((p, q) => p.approx - q.approx);
	let best = Infinity;
	for (const pair of pairs) {
		if (pair.approx > best * SPHERE_SLACK + 0.01) break;
		const e = pair.other.edges;
		const d = pointSegmentDistance(
			[pair.x, pair.y],
			[e.x1[pair.edge], e.y1[pair.edge]],
			[e.x2[pair.edge], e.y2[pair.edge]],
			pair.t
		);
		if (d < best) best = d;
	}
	return best <= limitM * (1 + 1e-12) + 1e-6 ? best : null;
}

interface Search {
	pairs: Pair[];
	/** An upper bound on the distance so far: the smallest spherical distance × slack. */
	bestUpper: number;
}

function collectPairs(from: Prepared, to: Prepared, search: Search): void {
	const fe = from.edges;
	if (fe.count === 0 || to.edges.count === 0) return;
	const pad = maxBowDegrees(to);
	const foot = { t: 0 };
	const p = new Float64Array(3);
	const v = new Float64Array(9);
	const visitVertex = (x: number, y: number) => {
		const reach = search.bestUpper * SPHERE_SLACK;
		const m = metresPerDegree(Math.min(89.9, Math.abs(y) + 1));
		const dLat = reach / m.lat + pad;
		const dLon = reach / Math.max(m.lon, 1) + pad;
		unitVector(x, y, p, 0);
		to.grid.query(x - dLon, y - dLat, x + dLon, y + dLat, (j) => {
			edgeVectors(to, j, v);
			const d = sphereDistance(v, p[0], p[1], p[2], foot);
			// Could it still be the nearest? Its true distance is at least d / slack.
			if (d > search.bestUpper * SPHERE_SLACK) return;
			search.bestUpper = Math.min(search.bestUpper, d * SPHERE_SLACK + 0.01);
			search.pairs.push({ approx: d, x, y, other: to, edge: j, t: foot.t });
		});
	};
	for (let i = 0; i < fe.count; i++) {
		visitVertex(fe.x1[i], fe.y1[i]);
		// Closed rings repeat their first vertex; a line's last vertex is only an end point.
		if (fe.kind[i] === KIND_LINE && fe.vertex[i] === fe.ringSize[i] - 1) visitVertex(fe.x2[i], fe.y2[i]);
	}
}
