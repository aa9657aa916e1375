/**
 * Rough, always-valid outlines for the heavy dataset. A ring is star-shaped around its centre:
 * radius r(θ) = R·exp(noise(θ)) at strictly increasing angles, with noise from periodic
 * midpoint displacement (fractal at every scale down to the vertex spacing). A star-shaped
 * ring with positive radii cannot cross itself, so every polygon is valid by construction;
 * holes sit inside the disk the outer ring never enters, apart from each other.
 */
import type { Rng } from '../seed-gen/rng';

/** Local km offsets from the centre (x east, y north). */
export type KmRing = Array<[number, number]>;

/** The noise is scaled so |noise| ≤ this: r stays within [R·e^-A, R·e^A]. */
export const MAX_LOG_RADIUS = 0.7;

/** Periodic fractal values on n0·2^levels points: midpoint displacement with Hurst exponent `hurst`. */
function periodicFractal(r: Rng, n0: number, levels: number, amp: number, hurst: number): Float64Array {
	let v = Float64Array.from({ length: n0 }, () => amp * gauss(r));
	for (let level = 1; level <= levels; level++) {
		const sd = amp * 2 ** (-hurst * level);
		const next = new Float64Array(v.length * 2);
		for (let i = 0; i < v.length; i++) {
			next[2 * i] = v[i];
			next[2 * i + 1] = (v[i] + v[(i + 1) % v.length]) / 2 + sd * gauss(r);
		}
		v = next;
	}
	return v;
}

/** Standard normal (Box–Muller). */
export function gauss(r: Rng): number {
	const u = 1 - r.next();
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.next());
}

/**
 * A counter-clockwise ring of exactly `n` distinct vertices (closing vertex not included)
 * around (0, 0) with base radius `radiusKm`, |log(r/R)| ≤ maxLog.
 */
export function fractalRing(r: Rng, n: number, radiusKm: number, maxLog = MAX_LOG_RADIUS, hurst = 0.6): KmRing {
	const n0 = 6;
	const levels = Math.max(0, Math.ceil(Math.log2(n / n0)));
	const noise = periodicFractal(r, n0, levels, 0.35, hurst);
	let peak = 0;
	for (const x of noise) peak = Math.max(peak, Math.abs(x));
	const scale = peak > maxLog ? maxLog / peak : 1;
	const phase = r.next() * 2 * Math.PI;
	const out: KmRing = [];
	for (let i = 0; i < n; i++) {
		// n of the noise's N ≥ n evenly spread samples: angles stay strictly increasing.
		const k = Math.floor((i * noise.length) / n);
		const theta = phase + (2 * Math.PI * k) / noise.length;
		const rad = radiusKm * Math.exp(scale * noise[k]);
		out.push([rad * Math.cos(theta), rad * Math.sin(theta)]);
	}
	return out;
}

/** Smallest distance from the centre to the ring's vertices (the disk inside it is at least e^-A·R). */
export const minRadius = (ring: KmRing): number => Math.min(...ring.map(([x, y]) => Math.hypot(x, y)));

/**
 * `count` holes (≤ 4) inside the disk of radius `innerKm` the outer ring never enters: centred at
 * half that radius, 360°/count apart, each at most 0.18·e^0.3 ≈ 0.243 of it across — so they
 * neither touch the outer ring, nor each other, nor cover the centre. Clockwise, as holes are.
 */
export function holes(r: Rng, count: number, innerKm: number, vertices: number): KmRing[] {
	const out: KmRing[] = [];
	const phase = r.next() * 2 * Math.PI;
	for (let j = 0; j < Math.min(count, 4); j++) {
		const a = phase + (2 * Math.PI * j) / count;
		const cx = 0.5 * innerKm * Math.cos(a);
		const cy = 0.5 * innerKm * Math.sin(a);
		const ring = fractalRing(r, vertices, 0.18 * innerKm, 0.3);
		out.push(ring.map(([x, y]) => [cx + x, cy + y] as [number, number]).reverse());
	}
	return out;
}
