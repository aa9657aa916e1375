import { edgeAreaToEquator, ringLength, zoneArea } from './geodesic';
import type { PolygonCoords } from './types';

const DEG = Math.PI / 180;
/** Heights (degrees, ≈ 1 µm) within which two edges in a slab are taken as coincident. */
const COINCIDENT = 1e-11;

/** A point set, as a test on the winding numbers of the input sets at a point. */
export type InsideTest = (winding: Int32Array) => boolean;

export interface SweepResult {
	/** Ellipsoidal area of the region, m², with geodesic edges (GeographicLib's model). */
	areaM2: number;
	/** A point inside the region (centre of its largest slab piece), when the area is > 0. */
	sample?: [number, number];
}

/**
 * Area of a region defined by winding numbers over several sets of polygons — e.g.
 * `w[0] !== 0 && w[1] !== 0` is the intersection of set 0 and set 1 — without building it.
 *
 * Plane sweep over [lon, lat]: every vertex and every edge crossing is an event; between two
 * events no edges cross, so each slab is cut by its edges into trapezoids whose order is the
 * order of the edges at the slab's middle. Each inside trapezoid is the area under its top
 * edge less the area under its bottom edge, so the region's area is a sum over the runs of
 * boundary along each input edge of the area between the run and the equator — taken along
 * the run's geodesic (GeographicLib's S12), so the result equals GeographicLib's area of the
 * polygon PostGIS would build.
 *
 * Robust by construction: nearly coincident edges can only be mis-ordered across a
 * trapezoid of near-zero width, so rounding costs area of that order and never throws; a
 * change of state undone at the same height (the two sides of a shared boundary) is dropped,
 * so shared boundaries add neither area nor a geodesic correction.
 * Rings are re-oriented (shells counter-clockwise, holes clockwise), so overlapping parts
 * of one set have winding 2 where they overlap.
 *
 * @example
 * const square = [[[87, 44], [87.01, 44], [87.01, 44.01], [87, 44.01], [87, 44]]];
 * const shifted = [[[87.005, 44], [87.015, 44], [87.015, 44.01], [87.005, 44.01], [87.005, 44]]];
 * sweepArea([[square], [shifted]], (w) => w[0] !== 0 && w[1] !== 0).areaM2; // ≈ 445 000 (half)
 */
export function sweepArea(sets: readonly (readonly PolygonCoords[])[], inside: InsideTest, withSample = false): SweepResult {
	// Flat edge arrays, left end first.
	const xl: number[] = [];
	const yl: number[] = [];
	const xr: number[] = [];
	const yr: number[] = [];
	const setOf: number[] = [];
	const dirOf: number[] = [];
	let latSum = 0;
	let latCount = 0;
	sets.forEach((polygons, s) => {
		for (const polygon of polygons) {
			polygon.forEach((ring, r) => {
				const n = ringLength(ring);
				if (n < 3) return;
				let twice = 0;
				for (let i = 0; i < n; i++) {
					const a = ring[i];
					const b = ring[(i + 1) % n];
					twice += (b[0] - a[0]) * (b[1] + a[1]);
				}
				// twice < 0 ⇔ counter-clockwise. Shells must be CCW, holes CW.
				const ccw = twice < 0;
				const flip = r === 0 ? !ccw : ccw;
				for (let i = 0; i < n; i++) {
					const a = ring[i];
					const b = ring[(i + 1) % n];
					if (a[0] === b[0]) continue;
					const east = b[0] > a[0];
					xl.push(east ? a[0] : b[0]);
					yl.push(east ? a[1] : b[1]);
					xr.push(east ? b[0] : a[0]);
					yr.push(east ? b[1] : a[1]);
					setOf.push(s);
					dirOf.push((east ? 1 : -1) * (flip ? -1 : 1));
					latSum += a[1];
					latCount++;
				}
			});
		}
	});
	const m = xl.length;
	if (m === 0) return { areaM2: 0 };
	// Measured against G(φ0): the constant cancels between the bottom and top of every inside
	// piece and keeps the terms small.
	const g0 = zoneArea(latSum / latCount);
	const yAt = (e: number, x: number) => yl[e] + ((yr[e] - yl[e]) * (x - xl[e])) / (xr[e] - xl[e]);

	// Events: all ends and all crossings.
	const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => xl[a] - xl[b]);
	const xs: number[] = [];
	for (let i = 0; i < m; i++) xs.push(xl[i], xr[i]);
	{
		const active = new Int32Array(m);
		let count = 0;
		for (const e of order) {
			const x = xl[e];
			let kept = 0;
			for (let i = 0; i < count; i++) if (xr[active[i]] > x) active[kept++] = active[i];
			count = kept;
			const eMinY = Math.min(yl[e], yr[e]);
			const eMaxY = Math.max(yl[e], yr[e]);
			for (let i = 0; i < count; i++) {
				const f = active[i];
				if (Math.max(yl[f], yr[f]) < eMinY || Math.min(yl[f], yr[f]) > eMaxY) continue;
				const x0 = Math.max(xl[e], xl[f]);
				const x1 = Math.min(xr[e], xr[f]);
				if (x0 >= x1) continue;
				const d0 = yAt(e, x0) - yAt(f, x0);
				const d1 = yAt(e, x1) - yAt(f, x1);
				if ((d0 < 0 && d1 > 0) || (d0 > 0 && d1 < 0)) xs.push(x0 + ((x1 - x0) * d0) / (d0 - d1));
			}
			active[count++] = e;
		}
	}
	xs.sort((a, b) => a - b);

	let area = 0;
	let sample: [number, number] | undefined;
	let sampleSize = 0;
	// Boundary runs per edge, for the geodesic correction: start, end, +1 top / −1 bottom.
	const runStart = new Float64Array(m).fill(NaN);
	const runEnd = new Float64Array(m);
	const runSide = new Int8Array(m);
	const corrections: { e: number; a: number; b: number; side: number }[] = [];
	const closeRun = (e: number) => {
		if (!Number.isNaN(runStart[e])) corrections.push({ e, a: runStart[e], b: runEnd[e], side: runSide[e] });
		runStart[e] = NaN;
	};

	const winding = new Int32Array(sets.length);
	const ym = new Float64Array(m);
	const transEdge = new Int32Array(m);
	const transSide = new Int8Array(m);
	// Active edges, kept in their order from the previous slab: between two slabs only a few
	// swap, so an insertion sort is nearly linear.
	const active = new Int32Array(m);
	let count = 0;
	let next = 0;
	for (let k = 0; k + 1 < xs.length; k++) {
		const a = xs[k];
		const b = xs[k + 1];
		if (b <= a) continue;
		let kept = 0;
		for (let i = 0; i < count; i++) if (xr[active[i]] > a) active[kept++] = active[i];
		count = kept;
		while (next < m && xl[order[next]] <= a) active[count++] = order[next++];
		if (count < 2) continue;
		const mid = (a + b) / 2;
		for (let i = 0; i < count; i++) {
			const e = active[i];
			ym[e] = yl[e] + ((yr[e] - yl[e]) * (mid - xl[e])) / (xr[e] - xl[e]);
		}
		for (let i = 1; i < count; i++) {
			const e = active[i];
			const y = ym[e];
			let j = i - 1;
			while (j >= 0 && ym[active[j]] > y) {
				active[j + 1] = active[j];
				j--;
			}
			active[j + 1] = e;
		}
		// Where the inside/outside state changes, bottom to top: (edge, −1 entering / +1 leaving).
		winding.fill(0);
		let was = false;
		let nt = 0;
		for (let i = 0; i < count; i++) {
			const e = active[i];
			winding[setOf[e]] += dirOf[e];
			const now = inside(winding);
			if (now === was) continue;
			// A change straight back at the same height is a zero-width sliver between coincident
			// edges (a shared boundary): it adds no area and is no boundary, so drop both.
			if (nt > 0 && Math.abs(ym[transEdge[nt - 1]] - ym[e]) <= COINCIDENT) nt--;
			else {
				transEdge[nt] = e;
				transSide[nt++] = now ? -1 : 1;
			}
			was = now;
		}
		for (let t = 0; t < nt; t++) {
			const e = transEdge[t];
			const side = transSide[t];
			if (runSide[e] === side && runEnd[e] === a && !Number.isNaN(runStart[e])) runEnd[e] = b;
			else {
				closeRun(e);
				runStart[e] = a;
				runEnd[e] = b;
				runSide[e] = side;
			}
			if (withSample && side === 1 && t > 0) {
				const lower = ym[transEdge[t - 1]];
				const size = (b - a) * (ym[e] - lower);
				if (size > sampleSize) {
					sampleSize = size;
					sample = [mid, (lower + ym[e]) / 2];
				}
			}
		}
		// Runs on edges that stopped being boundary in this slab end here.
		for (let i = 0; i < count; i++) {
			const e = active[i];
			if (!Number.isNaN(runStart[e]) && runEnd[e] !== b) closeRun(e);
		}
	}
	for (let e = 0; e < m; e++) closeRun(e);

	// Each inside piece of a slab is the area under its top edge less the area under its bottom
	// edge; summed over the slabs, every run of boundary along one input edge contributes the
	// area between it and the equator — taken along the geodesic, GeographicLib's S12 of the run,
	// rather than along the [lon, lat] chord. So no slab needs integrating: the runs are the area.
	for (const { e, a, b, side } of corrections) {
		const s12 = edgeAreaToEquator([a, yAt(e, a)], [b, yAt(e, b)]);
		area += side * (s12 - g0 * (b - a) * DEG);
	}
	return { areaM2: Math.max(0, area), sample: area > 0 ? sample : undefined };
}
