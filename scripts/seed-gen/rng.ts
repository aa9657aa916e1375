/**
 * Deterministic pseudo-random numbers for the seed generator. Every stream is keyed by a
 * string (layer + feature), so adding or changing one feature never shifts the others.
 */

/** 32-bit FNV-1a hash of a string. */
export function hashString(s: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

export interface Rng {
	/** Uniform in [0, 1). */
	next(): number;
	/** Uniform in [a, b). */
	range(a: number, b: number): number;
	/** Integer in [a, b]. */
	int(a: number, b: number): number;
	/** Approximately normal, mean 0, sd 1 (sum of uniforms). */
	normal(): number;
	pick<T>(items: readonly T[]): T;
	/** A child stream keyed by a label. */
	fork(label: string): Rng;
}

/** mulberry32 generator seeded from a key string. */
export function rng(key: string): Rng {
	let a = hashString(key) ^ 0x9e3779b9;
	const next = (): number => {
		a = (a + 0x6d2b79f5) | 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const r: Rng = {
		next,
		range: (lo, hi) => lo + (hi - lo) * next(),
		int: (lo, hi) => lo + Math.floor((hi - lo + 1) * next()),
		normal: () => {
			let s = 0;
			for (let i = 0; i < 6; i++) s += next();
			return (s - 3) / Math.sqrt(0.5);
		},
		pick: (items) => items[Math.floor(next() * items.length)],
		fork: (label) => rng(`${key}/${label}`)
	};
	return r;
}
