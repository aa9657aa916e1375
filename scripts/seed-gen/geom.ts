/**
 * Geometry helpers for the seed generator: a local metric frame, irregular star-shaped
 * outlines, fractal lines, and thin wrappers around turf's polygon clipping.
 */
import {
	area as turfArea,
	booleanPointInPolygon,
	difference as turfDifference,
	feature as turfFeature,
	featureCollection,
	intersect as turfIntersect,
	kinks,
	union as turfUnion
} from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { Rng } from './rng';

export type Pos = [number, number];
export type Ring = Pos[];
/** Polygon coordinates: outer ring then holes. */
export type Poly = Ring[];
/** MultiPolygon coordinates. */
export type MPoly = Poly[];

export const KM_PER_DEG_LAT = 110.574;
export const kmPerDegLon = (lat: number): number => 111.32 * Math.cos((lat * Math.PI) / 180);

/** Local equirectangular frame (km) around an origin; exact enough for shapes of tens of km. */
export interface Frame {
	toKm(p: Pos): Pos;
	toLonLat(p: Pos): Pos;
}
export function frame(origin: Pos): Frame {
	const kx = kmPerDegLon(origin[1]);
	return {
		toKm: ([lon, lat]) => [(lon - origin[0]) * kx, (lat - origin[1]) * KM_PER_DEG_LAT],
		toLonLat: ([x, y]) => [origin[0] + x / kx, origin[1] + y / KM_PER_DEG_LAT]
	};
}

/** Distance in km between two lon/lat points (local equirectangular). */
export function distKm(a: Pos, b: Pos): number {
	const f = frame(a);
	const [x, y] = f.toKm(b);
	return Math.hypot(x, y);
}

/** Move a lon/lat point by (dx, dy) km. */
export function offsetKm(p: Pos, dx: number, dy: number): Pos {
	return frame(p).toLonLat([dx, dy]);
}

export const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

/** Round a ring to 6 decimals, dropping consecutive duplicates; keeps it closed. */
export function roundRing(ring: Ring): Ring {
	const out: Ring = [];
	for (const [x, y] of ring) {
		const p: Pos = [round6(x), round6(y)];
		const last = out[out.length - 1];
		if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
	}
	const first = out[0];
	const last = out[out.length - 1];
	if (first[0] !== last[0] || first[1] !== last[1]) out.push([first[0], first[1]]);
	return out;
}
export const roundPoly = (p: Poly): Poly => p.map(roundRing);
/** Rounded multipolygon, degenerate rings and parts dropped. */
export const roundMPoly = (m: MPoly): MPoly => {
	const out: MPoly = [];
	for (const poly of m) {
		const rings = poly.map((r) => cleanRing(roundRing(r)));
		if (rings[0]) out.push(rings.filter((r): r is Ring => r !== null));
	}
	return out;
};
export const roundLine = (l: Pos[]): Pos[] => {
	const out: Pos[] = [];
	for (const [x, y] of l) {
		const p: Pos = [round6(x), round6(y)];
		const last = out[out.length - 1];
		if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
	}
	return out;
};

/** Signed area (shoelace, in coordinate units); > 0 for counter-clockwise. */
export function signedArea(ring: Ring): number {
	let s = 0;
	for (let i = 0; i < ring.length - 1; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
	return s / 2;
}

/** RFC 7946 winding: outer rings counter-clockwise, holes clockwise. */
export function rewindPoly(p: Poly): Poly {
	return p.map((ring, i) => {
		const ccw = signedArea(ring) > 0;
		return (i === 0) === ccw ? ring : [...ring].reverse();
	});
}

// ---------------------------------------------------------------------------------------
// Shapes

/** Radius of an ellipse (semi-axes a along `rot`, b across) centred at the origin, at angle t. */
export function ellipseR(a: number, b: number, rot: number) {
	return (t: number): number => {
		const c = Math.cos(t - rot) / a;
		const s = Math.sin(t - rot) / b;
		return 1 / Math.sqrt(c * c + s * s);
	};
}

/**
 * Radius, seen from the origin, of an ellipse whose centre is at (cx, cy) km; the origin
 * must lie inside it. Lets a zone reach further upstream than downstream of its intake.
 */
export function offsetEllipseR(a: number, b: number, rot: number, cx: number, cy: number) {
	const cr = Math.cos(rot);
	const sr = Math.sin(rot);
	// origin relative to the ellipse centre, in the ellipse's frame
	const px = (-cx * cr - cy * sr) / a;
	const py = (cx * sr - cy * cr) / b;
	return (t: number): number => {
		const dx0 = Math.cos(t);
		const dy0 = Math.sin(t);
		const dx = (dx0 * cr + dy0 * sr) / a;
		const dy = (-dx0 * sr + dy0 * cr) / b;
		// |p + s d|^2 = 1
		const A = dx * dx + dy * dy;
		const B = 2 * (px * dx + py * dy);
		const C = px * px + py * py - 1;
		return (-B + Math.sqrt(B * B - 4 * A * C)) / (2 * A);
	};
}

/** Smooth multiplicative noise 1 + Σ a_k cos(kθ + φ_k), never below `floor`. */
export function harmonicNoise(r: Rng, amp: number, kMin = 2, kMax = 9, floor = 0.45) {
	const terms: Array<[number, number, number]> = [];
	for (let k = kMin; k <= kMax; k++) terms.push([k, (amp * r.range(0.3, 1)) / Math.pow(k - kMin + 1, 0.9), r.range(0, 2 * Math.PI)]);
	return (t: number): number => {
		let v = 1;
		for (const [k, a, ph] of terms) v += a * Math.cos(k * t + ph);
		return Math.max(floor, v);
	};
}

/** Angles of a star-shaped outline with n vertices (shared by nested zones). */
export const angles = (n: number, phase = 0): number[] =>
	Array.from({ length: n }, (_, i) => phase + (2 * Math.PI * i) / n);

/** Closed lon/lat ring of a star-shaped outline around `center`, radii (km) per angle. */
export function starRing(center: Pos, thetas: number[], radii: number[]): Ring {
	const f = frame(center);
	const ring: Ring = thetas.map((t, i) => f.toLonLat([radii[i] * Math.cos(t), radii[i] * Math.sin(t)]));
	ring.push([ring[0][0], ring[0][1]]);
	return ring;
}

export interface BlobOpts {
	/** Semi-axes (km). */
	a: number;
	b: number;
	/** Orientation of the long axis, radians from east, counter-clockwise. */
	rot?: number;
	/** Noise amplitude (0.1 gentle … 0.35 ragged). */
	amp?: number;
	n?: number;
	kMax?: number;
	/** Bend of the long axis (km of sideways shift per km² along it), for seams and valleys. */
	bend?: number;
}

/** An irregular natural-looking blob: noisy ellipse, optionally bent. */
export function blob(center: Pos, r: Rng, o: BlobOpts): Ring {
	const n = o.n ?? 72;
	const rot = o.rot ?? 0;
	const base = ellipseR(o.a, o.b, rot);
	const noise = harmonicNoise(r, o.amp ?? 0.2, 2, o.kMax ?? 9);
	const jitter = Array.from({ length: n }, () => 1 + r.range(-0.025, 0.025));
	const th = angles(n, r.range(0, 1));
	const f = frame(center);
	const bend = o.bend ?? 0;
	const pts: Ring = th.map((t, i) => {
		const rr = base(t) * noise(t) * jitter[i];
		let x = rr * Math.cos(t);
		let y = rr * Math.sin(t);
		if (bend) {
			// bend in the ellipse frame: v += bend * u^2
			const u = x * Math.cos(rot) + y * Math.sin(rot);
			let v = -x * Math.sin(rot) + y * Math.cos(rot);
			v += bend * u * u;
			x = u * Math.cos(rot) - v * Math.sin(rot);
			y = u * Math.sin(rot) + v * Math.cos(rot);
		}
		return f.toLonLat([x, y]);
	});
	pts.push([pts[0][0], pts[0][1]]);
	return pts;
}

// ---------------------------------------------------------------------------------------
// Fractal lines (large outlines, borders, rivers). Work in a scaled-degree space where one
// unit east is as long as one unit north at 44.5°N.

const XS = Math.cos((44.5 * Math.PI) / 180);
const toS = ([lon, lat]: Pos): Pos => [lon * XS, lat];
const fromS = ([x, y]: Pos): Pos => [x / XS, y];

/**
 * Midpoint displacement between fixed control points: each level halves every segment and
 * moves the midpoint sideways by up to `rough` × the segment length.
 */
export function fractalLine(ctrl: Pos[], r: Rng, levels: number, rough: number): Pos[] {
	let pts = ctrl.map(toS);
	for (let l = 0; l < levels; l++) {
		const out: Pos[] = [pts[0]];
		for (let i = 0; i < pts.length - 1; i++) {
			const [x1, y1] = pts[i];
			const [x2, y2] = pts[i + 1];
			const dx = x2 - x1;
			const dy = y2 - y1;
			const d = r.range(-rough, rough);
			out.push([(x1 + x2) / 2 - dy * d, (y1 + y2) / 2 + dx * d]);
			out.push(pts[i + 1]);
		}
		pts = out;
	}
	return pts.map(fromS);
}

/** Closed fractal ring through control points (first point not repeated in ctrl). */
export function fractalRing(ctrl: Pos[], r: Rng, levels: number, rough: number): Ring {
	const line = fractalLine([...ctrl, ctrl[0]], r, levels, rough);
	return line;
}

/** Chaikin corner cutting for an open line (keeps the end points). */
export function chaikin(line: Pos[], iterations = 1): Pos[] {
	let pts = line;
	for (let it = 0; it < iterations; it++) {
		const out: Pos[] = [pts[0]];
		for (let i = 0; i < pts.length - 1; i++) {
			const [x1, y1] = pts[i];
			const [x2, y2] = pts[i + 1];
			out.push([0.75 * x1 + 0.25 * x2, 0.75 * y1 + 0.25 * y2]);
			out.push([0.25 * x1 + 0.75 * x2, 0.25 * y1 + 0.75 * y2]);
		}
		out.push(pts[pts.length - 1]);
		pts = out;
	}
	return pts;
}

/** Point of a polyline closest to latitude `lat` (first crossing), with direction. */
export function atLatitude(line: Pos[], lat: number): { p: Pos; dir: number } {
	for (let i = 0; i < line.length - 1; i++) {
		const [x1, y1] = line[i];
		const [x2, y2] = line[i + 1];
		if ((y1 - lat) * (y2 - lat) <= 0 && y1 !== y2) {
			const k = (lat - y1) / (y2 - y1);
			const i0 = Math.max(0, i - 3);
			const i1 = Math.min(line.length - 1, i + 4);
			const a = toS(line[i0]);
			const b = toS(line[i1]);
			return { p: [x1 + (x2 - x1) * k, lat], dir: Math.atan2(b[1] - a[1], b[0] - a[0]) };
		}
	}
	throw new Error(`line does not cross latitude ${lat}`);
}

// ---------------------------------------------------------------------------------------
// Polygon operations (turf / polyclip-ts) on MultiPolygon coordinates.

export const mfeat = (m: MPoly): Feature<MultiPolygon> => turfFeature({ type: 'MultiPolygon', coordinates: m as Position[][][] });

function toM(f: Feature<Polygon | MultiPolygon> | null): MPoly {
	if (!f) return [];
	return (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as MPoly;
}

export function intersectM(a: MPoly, b: MPoly): MPoly {
	if (!a.length || !b.length) return [];
	return toM(turfIntersect(featureCollection([mfeat(a), mfeat(b)])));
}
export function differenceM(a: MPoly, b: MPoly): MPoly {
	if (!a.length) return [];
	if (!b.length) return a;
	return toM(turfDifference(featureCollection([mfeat(a), mfeat(b)])));
}
export function unionM(...parts: MPoly[]): MPoly {
	const ps = parts.filter((p) => p.length);
	if (ps.length === 0) return [];
	if (ps.length === 1) return ps[0];
	return toM(turfUnion(featureCollection(ps.map(mfeat))));
}
export const areaKm2 = (m: MPoly): number => (m.length ? turfArea(mfeat(m)) / 1e6 : 0);
export const areaHa = (m: MPoly): number => (m.length ? turfArea(mfeat(m)) / 1e4 : 0);

/** Drop polygon parts smaller than `minKm2`. */
export const dropSmall = (m: MPoly, minKm2: number): MPoly => m.filter((p) => areaKm2([p]) >= minKm2);

export const hasKinks = (m: MPoly): boolean => kinks(mfeat(m)).features.length > 0;

export const pointIn = (p: Pos, m: MPoly): boolean =>
	m.length > 0 && booleanPointInPolygon(p as Position, mfeat(m));

/** True when `inner` lies inside `outer` (area outside below `tolKm2`). */
export const within = (inner: MPoly, outer: MPoly, tolKm2 = 1e-7): boolean =>
	areaKm2(differenceM(inner, outer)) <= tolKm2;

/** True when a and b share area (more than `tolKm2`). */
export const overlaps = (a: MPoly, b: MPoly, tolKm2 = 1e-7): boolean => {
	if (!a.length || !b.length) return false;
	const ba = bbox(a);
	const bb = bbox(b);
	if (ba[2] < bb[0] || bb[2] < ba[0] || ba[3] < bb[1] || bb[3] < ba[1]) return false;
	return areaKm2(intersectM(a, b)) > tolKm2;
};

export function bbox(m: MPoly): [number, number, number, number] {
	let x0 = Infinity;
	let y0 = Infinity;
	let x1 = -Infinity;
	let y1 = -Infinity;
	for (const p of m)
		for (const [x, y] of p[0]) {
			if (x < x0) x0 = x;
			if (y < y0) y0 = y;
			if (x > x1) x1 = x;
			if (y > y1) y1 = y;
		}
	return [x0, y0, x1, y1];
}

/** Polygon from a line running west→east (or any open line) closed far to the south. */
export function belowLine(line: Pos[], southLat = 42): MPoly {
	const ring: Ring = [[line[0][0], southLat], ...line, [line[line.length - 1][0], southLat], [line[0][0], southLat]];
	return [rewindPoly([ring])];
}

/** Polygon between two non-crossing lines running south→north (west line, east line). */
export function betweenLines(west: Pos[], east: Pos[]): MPoly {
	const ring: Ring = [...west, ...[...east].reverse(), west[0]];
	return [rewindPoly([ring])];
}

// ---------------------------------------------------------------------------------------
// Snapping a partition to shared vertices

/**
 * Vertices of pieces cut from the same inputs must agree exactly after rounding to 6
 * decimals. A pool hands out one representative for every grid point and snaps points
 * within `tol` grid steps (1e-6°) of an earlier one onto it, so a crossing that lands next
 * to an existing vertex does not leave a sliver between neighbours.
 */
export class VertexPool {
	private readonly map = new Map<string, Pos>();
	constructor(private readonly tol = 2) {}
	snap([x, y]: Pos): Pos {
		const gx = Math.round(x * 1e6);
		const gy = Math.round(y * 1e6);
		let best: Pos | undefined;
		let bestD = Infinity;
		for (let dx = -this.tol; dx <= this.tol; dx++)
			for (let dy = -this.tol; dy <= this.tol; dy++) {
				const q = this.map.get(`${gx + dx},${gy + dy}`);
				const d = dx * dx + dy * dy;
				if (q && d < bestD) {
					best = q;
					bestD = d;
				}
			}
		if (best) return best;
		const p: Pos = [gx / 1e6, gy / 1e6];
		this.map.set(`${gx},${gy}`, p);
		return p;
	}
}

/** Closed ring without repeated points or there-and-back spikes; null when degenerate. */
export function cleanRing(ring: Ring): Ring | null {
	let pts = ring.slice(0, -1);
	let changed = true;
	while (changed && pts.length >= 3) {
		changed = false;
		const out: Pos[] = [];
		for (const p of pts) {
			const last = out[out.length - 1];
			if (last && last[0] === p[0] && last[1] === p[1]) {
				changed = true;
				continue;
			}
			out.push(p);
		}
		while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) {
			out.pop();
			changed = true;
		}
		// a → b → a: drop b and the second a
		for (let i = 0; i < out.length && out.length >= 3; i++) {
			const a = out[(i - 1 + out.length) % out.length];
			const c = out[(i + 1) % out.length];
			if (a[0] === c[0] && a[1] === c[1]) {
				out.splice(i, 1);
				changed = true;
				break;
			}
		}
		pts = out;
	}
	if (pts.length < 3) return null;
	const closed: Ring = [...pts, [pts[0][0], pts[0][1]]];
	return Math.abs(signedArea(closed)) > 0 ? closed : null;
}

export function snapMPoly(m: MPoly, pool: VertexPool): MPoly {
	const out: MPoly = [];
	for (const poly of m) {
		const rings = poly.map((r) => cleanRing(r.map((p) => pool.snap(p))));
		if (!rings[0]) continue;
		out.push(rings.filter((r): r is Ring => r !== null));
	}
	return out;
}

/**
 * T-junction repair: where a vertex of one piece lies on (within `tol` degrees of) an edge
 * of another, insert it into that edge. Pieces cut by different lines then share every
 * vertex along common borders and leave neither slivers nor gaps between them.
 */
export function repairTJunctions(parts: MPoly[], tol = 1.5e-6): MPoly[] {
	const cell = 0.01;
	const grid = new Map<string, Pos[]>();
	const seen = new Set<string>();
	for (const m of parts)
		for (const poly of m)
			for (const ring of poly)
				for (const p of ring) {
					const k = `${p[0]},${p[1]}`;
					if (seen.has(k)) continue;
					seen.add(k);
					const gk = `${Math.floor(p[0] / cell)},${Math.floor(p[1] / cell)}`;
					const list = grid.get(gk);
					if (list) list.push(p);
					else grid.set(gk, [p]);
				}
	const fixRing = (ring: Ring): Ring => {
		const out: Ring = [];
		for (let i = 0; i < ring.length - 1; i++) {
			const a = ring[i];
			const b = ring[i + 1];
			out.push(a);
			const dx = b[0] - a[0];
			const dy = b[1] - a[1];
			const len2 = dx * dx + dy * dy;
			if (len2 === 0) continue;
			const hits: Array<[number, Pos]> = [];
			const x0 = Math.floor((Math.min(a[0], b[0]) - tol) / cell);
			const x1 = Math.floor((Math.max(a[0], b[0]) + tol) / cell);
			const y0 = Math.floor((Math.min(a[1], b[1]) - tol) / cell);
			const y1 = Math.floor((Math.max(a[1], b[1]) + tol) / cell);
			for (let gx = x0; gx <= x1; gx++)
				for (let gy = y0; gy <= y1; gy++)
					for (const v of grid.get(`${gx},${gy}`) ?? []) {
						if ((v[0] === a[0] && v[1] === a[1]) || (v[0] === b[0] && v[1] === b[1])) continue;
						const t = ((v[0] - a[0]) * dx + (v[1] - a[1]) * dy) / len2;
						if (t <= 0 || t >= 1) continue;
						const px = a[0] + t * dx - v[0];
						const py = a[1] + t * dy - v[1];
						if (px * px + py * py <= tol * tol) hits.push([t, v]);
					}
			hits.sort((p, q) => p[0] - q[0]);
			for (const [, v] of hits) out.push(v);
		}
		out.push(ring[ring.length - 1]);
		return out;
	};
	return parts.map((m) => {
		const out: MPoly = [];
		for (const poly of m) {
			const rings = poly.map((r) => cleanRing(fixRing(r)));
			if (rings[0]) out.push(rings.filter((r): r is Ring => r !== null));
		}
		return out;
	});
}
