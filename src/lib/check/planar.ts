import { EdgeGrid, KIND_POLYGON } from './edges';

// Planar predicates in [lon, lat] degrees: the model of PostGIS `ST_Intersects(geometry, geometry)`
// in EPSG:4326, which is what "the footprint intersects the zone" means in the check.

/**
 * Points closer than this (degrees, ≈ 0.1 µm) to a segment count as on it. It absorbs the
 * rounding of coordinates near 87° (≈ 2e-14) and of intersection points computed in doubles,
 * nothing more.
 */
export const ON_TOLERANCE = 1e-12;
/** Segments whose directions differ by less than this (radians) are treated as parallel. */
const PARALLEL = 1e-10;

/** Twice the signed area of the triangle a, b, c: > 0 when c lies left of a→b. */
export function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
	return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/**
 * Whether (px, py) lies on the closed segment a–b (within `ON_TOLERANCE`).
 *
 * @example
 * pointOnSegment(0.5, 0, 0, 0, 1, 0); // true
 */
export function pointOnSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): boolean {
	const minX = ax < bx ? ax : bx;
	const maxX = ax < bx ? bx : ax;
	const minY = ay < by ? ay : by;
	const maxY = ay < by ? by : ay;
	if (px < minX - ON_TOLERANCE || px > maxX + ON_TOLERANCE || py < minY - ON_TOLERANCE || py > maxY + ON_TOLERANCE)
		return false;
	const len = Math.hypot(bx - ax, by - ay);
	if (len === 0) return Math.abs(px - ax) <= ON_TOLERANCE && Math.abs(py - ay) <= ON_TOLERANCE;
	return Math.abs(orient(ax, ay, bx, by, px, py)) <= ON_TOLERANCE * len;
}

/**
 * Whether the closed segments a1–a2 and b1–b2 share at least one point (crossing, touching
 * or overlapping). Zero-length segments (points) are allowed.
 *
 * @example
 * segmentsMeet(0, 0, 1, 1, 0, 1, 1, 0); // true — they cross at (0.5, 0.5)
 */
export function segmentsMeet(
	ax1: number, ay1: number, ax2: number, ay2: number,
	bx1: number, by1: number, bx2: number, by2: number
): boolean {
	if (Math.max(ax1, ax2) < Math.min(bx1, bx2) - ON_TOLERANCE) return false;
	if (Math.max(bx1, bx2) < Math.min(ax1, ax2) - ON_TOLERANCE) return false;
	if (Math.max(ay1, ay2) < Math.min(by1, by2) - ON_TOLERANCE) return false;
	if (Math.max(by1, by2) < Math.min(ay1, ay2) - ON_TOLERANCE) return false;
	const la = Math.hypot(ax2 - ax1, ay2 - ay1);
	const lb = Math.hypot(bx2 - bx1, by2 - by1);
	const d1 = orient(ax1, ay1, ax2, ay2, bx1, by1);
	const d2 = orient(ax1, ay1, ax2, ay2, bx2, by2);
	const d3 = orient(bx1, by1, bx2, by2, ax1, ay1);
	const d4 = orient(bx1, by1, bx2, by2, ax2, ay2);
	const ta = ON_TOLERANCE * la;
	const tb = ON_TOLERANCE * lb;
	if (((d1 > ta && d2 < -ta) || (d1 < -ta && d2 > ta)) && ((d3 > tb && d4 < -tb) || (d3 < -tb && d4 > tb))) return true;
	return (
		pointOnSegment(bx1, by1, ax1, ay1, ax2, ay2) ||
		pointOnSegment(bx2, by2, ax1, ay1, ax2, ay2) ||
		pointOnSegment(ax1, ay1, bx1, by1, bx2, by2) ||
		pointOnSegment(ax2, ay2, bx1, by1, bx2, by2)
	);
}

/**
 * Parameters t ∈ [0, 1] along a1→a2 where it meets b1–b2: one for a crossing or a touch, the
 * two ends of the shared stretch for collinear overlap, none when apart.
 */
export function meetParams(
	ax1: number, ay1: number, ax2: number, ay2: number,
	bx1: number, by1: number, bx2: number, by2: number,
	out: number[]
): void {
	if (!segmentsMeet(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2)) return;
	const dx = ax2 - ax1;
	const dy = ay2 - ay1;
	const ex = bx2 - bx1;
	const ey = by2 - by1;
	const len2 = dx * dx + dy * dy;
	if (len2 === 0) {
		out.push(0);
		return;
	}
	const den = dx * ey - dy * ex;
	const la = Math.sqrt(len2);
	const lb = Math.hypot(ex, ey);
	if (lb > 0 && Math.abs(den) > PARALLEL * la * lb) {
		const t = ((bx1 - ax1) * ey - (by1 - ay1) * ex) / den;
		out.push(t < 0 ? 0 : t > 1 ? 1 : t);
		return;
	}
	// Parallel and meeting: collinear. Project b's ends (and a's, which may lie inside b).
	const proj = (x: number, y: number) => ((x - ax1) * dx + (y - ay1) * dy) / len2;
	const t1 = proj(bx1, by1);
	const t2 = proj(bx2, by2);
	const lo = Math.max(0, Math.min(t1, t2));
	const hi = Math.min(1, Math.max(t1, t2));
	if (lo <= hi) {
		out.push(lo);
		if (hi > lo) out.push(hi);
	}
}

/**
 * The point where two segments cross (or first meet), or null when apart.
 *
 * @example
 * meetPoint(0, 0, 2, 2, 0, 2, 2, 0); // [1, 1]
 */
export function meetPoint(
	ax1: number, ay1: number, ax2: number, ay2: number,
	bx1: number, by1: number, bx2: number, by2: number
): [number, number] | null {
	const ts: number[] = [];
	meetParams(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2, ts);
	if (ts.length === 0) return null;
	const t = Math.min(...ts);
	return [ax1 + t * (ax2 - ax1), ay1 + t * (ay2 - ay1)];
}

export const OUTSIDE = 0;
export const INSIDE = 1;
export const BOUNDARY = 2;

/**
 * Where (x, y) lies relative to the polygons of an edge grid (union of all polygon parts,
 * holes respected): OUTSIDE, INSIDE or BOUNDARY. Casts a ray towards +x and counts crossings
 * per polygon part, so overlapping parts behave as their union.
 *
 * @param polygonCount number of polygon parts the edges came from
 */
export function locatePoint(grid: EdgeGrid, polygonCount: number, x: number, y: number, scratch?: Uint8Array): number {
	const e = grid.edges;
	let onBoundary = false;
	grid.query(x - ON_TOLERANCE, y - ON_TOLERANCE, x + ON_TOLERANCE, y + ON_TOLERANCE, (i) => {
		if (e.kind[i] !== KIND_POLYGON) return;
		if (pointOnSegment(x, y, e.x1[i], e.y1[i], e.x2[i], e.y2[i])) onBoundary = true;
	});
	if (onBoundary) return BOUNDARY;
	const parity = scratch && scratch.length >= polygonCount ? scratch.fill(0, 0, polygonCount) : new Uint8Array(polygonCount);
	grid.query(x, y, Infinity, y, (i) => {
		if (e.kind[i] !== KIND_POLYGON) return;
		const y1 = e.y1[i];
		const y2 = e.y2[i];
		if (y1 > y === y2 > y) return;
		const xi = e.x1[i] + ((y - y1) * (e.x2[i] - e.x1[i])) / (y2 - y1);
		if (xi > x) parity[e.part[i]] ^= 1;
	});
	for (let p = 0; p < polygonCount; p++) if (parity[p]) return INSIDE;
	return OUTSIDE;
}
