/** Placing generated shapes: exact-ish target areas, inside a county, clear of other features. */
import { countyGeom } from './frame';
import { areaKm2, offsetKm, overlaps, within, type MPoly, type Pos } from './geom';
import { rng } from './rng';

/** Shape of about `targetKm2` from a generator taking a linear scale. */
export function fitArea(targetKm2: number, gen: (scale: number) => MPoly): MPoly {
	let s = 1;
	let g = gen(s);
	for (let i = 0; i < 3; i++) {
		const a = areaKm2(g);
		if (Math.abs(a / targetKm2 - 1) < 0.01) break;
		s *= Math.sqrt(targetKm2 / a);
		g = gen(s);
	}
	return g;
}

export interface PlaceOpts {
	key: string;
	center: Pos;
	county: string;
	/** Shape at a given centre (same shape for every centre). */
	make: (c: Pos) => MPoly;
	/** Features it must not overlap. */
	avoid: MPoly[];
	/** Region it must lie in as well as the county. */
	inside?: MPoly;
	/** Step (km) between attempts. */
	stepKm?: number;
	tries?: number;
}

/** The shape at the centre, or moved step by step around it until it fits. */
export function place(o: PlaceOpts): MPoly {
	const county = countyGeom(o.county);
	const r = rng(`place/${o.key}`);
	const step = o.stepKm ?? 0.8;
	const tries = o.tries ?? 60;
	const why: string[] = [];
	for (let k = 0; k < tries; k++) {
		const c = k === 0 ? o.center : offsetKm(o.center, ...polar(r.range(0, 2 * Math.PI), step * Math.ceil(k / 4)));
		const g = o.make(c);
		if (!within(g, county, 0)) {
			why.push('county');
			continue;
		}
		if (o.inside && !within(g, o.inside, 0)) {
			why.push('region');
			continue;
		}
		if (o.avoid.some((a) => overlaps(a, g, 0))) {
			why.push('overlap');
			continue;
		}
		return g;
	}
	throw new Error(`cannot place ${o.key}: ${[...new Set(why)].join(', ')}`);
}

const polar = (t: number, d: number): [number, number] => [d * Math.cos(t), d * Math.sin(t)];
