import { describe, expect, it } from 'vitest';
import { featureCollection, intersect, polygon as turfPolygon, union } from '@turf/turf';
import type { Position } from 'geojson';
import { polygonArea } from './geodesic';
import { sweepArea } from './sweep';
import { blobPolygon, mulberry32, offset } from './test/generate';

const both = (w: Int32Array) => w[0] !== 0 && w[1] !== 0;
const any = (w: Int32Array) => w[0] !== 0;
const rect = (x0: number, y0: number, x1: number, y1: number): Position[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

/** turf.intersect + GeographicLib: the other way to the same number. */
function turfOverlap(a: Position[][], b: Position[][]): number {
	const r = intersect(featureCollection([turfPolygon(a), turfPolygon(b)]));
	if (!r) return 0;
	const polys = r.geometry.type === 'Polygon' ? [r.geometry.coordinates] : r.geometry.coordinates;
	return polys.reduce((s, p) => s + polygonArea(p), 0);
}

describe('sweepArea', () => {
	it('gives GeographicLib’s area for single polygons, with holes and either orientation', () => {
		const rng = mulberry32(7);
		for (let k = 0; k < 20; k++) {
			const poly = blobPolygon(rng, offset([87.5, 44], k * 1000, 0), 200 + k * 300, 5 + k * 40, k % 3 === 0);
			const sut = sweepArea([[poly]], any).areaM2;
			expect(Math.abs(sut / polygonArea(poly) - 1)).toBeLessThan(1e-9);
			const reversed = poly.map((r) => [...r].reverse());
			expect(Math.abs(sweepArea([[reversed]], any).areaM2 / sut - 1)).toBeLessThan(1e-12);
		}
	});

	it('uses geodesic edges, not [lon, lat] chords, even for long edges', () => {
		const cell = [rect(87, 44, 88, 45)];
		expect(Math.abs(sweepArea([[cell]], any).areaM2 / polygonArea(cell) - 1)).toBeLessThan(1e-10);
	});

	it('matches turf.intersect + GeographicLib on random overlaps', () => {
		const rng = mulberry32(11);
		for (let k = 0; k < 30; k++) {
			const a = blobPolygon(rng, [87.5, 44], 1000 + rng() * 3000, 4 + Math.floor(rng() * 300), rng() < 0.3);
			const b = blobPolygon(rng, offset([87.5, 44], (rng() - 0.5) * 5000, (rng() - 0.5) * 5000), 500 + rng() * 4000, 4 + Math.floor(rng() * 300), rng() < 0.3);
			const sut = sweepArea([[a], [b]], both).areaM2;
			const expected = turfOverlap(a, b);
			expect(Math.abs(sut - expected)).toBeLessThanOrEqual(Math.max(1e-3, expected * 1e-9));
		}
	});

	it('ignores shared boundaries: touching polygons overlap by 0, and shells, holes and islands add up', () => {
		expect(sweepArea([[[rect(87, 44, 87.01, 44.01)]], [[rect(87.01, 44, 87.02, 44.01)]]], both).areaM2).toBe(0);
		expect(sweepArea([[[rect(87, 44, 87.01, 44.01)]], [[rect(87, 44.01, 87.02, 44.02)]]], both).areaM2).toBe(0);
		// A zone with a hole that holds an island (turf issue 2230), a footprint over all three.
		const zone = [
			[rect(87.79, 44.29, 87.85, 44.33), rect(87.81, 44.3, 87.83, 44.32).reverse()],
			[rect(87.815, 44.305, 87.825, 44.315)]
		];
		const footprint = [[rect(87.8, 44.3, 87.83, 44.31)]];
		const expected = polygonArea([rect(87.8, 44.3, 87.81, 44.31)]) + polygonArea([rect(87.815, 44.305, 87.825, 44.31)]);
		expect(Math.abs(sweepArea([footprint, zone], both).areaM2 - expected)).toBeLessThan(1e-3);
	});

	it('counts overlapping parts of one set once (union), and finds where parts overlap', () => {
		const parts = [[rect(87, 44, 87.01, 44.01)], [rect(87.005, 44.005, 87.015, 44.015)]];
		// Not 2·A − overlap: the union's edges are split where they cross, and a geodesic split
		// into two is not the same curve. Compare with the union polygon itself.
		const merged = union(featureCollection([turfPolygon(parts[0]), turfPolygon(parts[1])]));
		expect(merged?.geometry.type).toBe('Polygon');
		const expectedUnion = merged?.geometry.type === 'Polygon' ? polygonArea(merged.geometry.coordinates) : NaN;
		expect(Math.abs(sweepArea([parts], any).areaM2 - expectedUnion)).toBeLessThan(1e-3);
		const overlap = polygonArea([rect(87.005, 44.005, 87.01, 44.01)]);
		const twice = sweepArea([parts], (w) => w[0] > 1, true);
		expect(Math.abs(twice.areaM2 - overlap)).toBeLessThan(1e-3);
		const [x, y] = twice.sample ?? [0, 0];
		expect(x > 87.005 && x < 87.01 && y > 44.005 && y < 44.01).toBe(true);
	});

	it('stays exact on vertices shared to the last bit and on collinear overlapping edges', () => {
		// Two polygons sharing a whole zig-zag boundary plus a near-duplicate vertex.
		const zig: Position[] = [[87, 44], [87.002, 44.001], [87.004, 43.9995], [87.006, 44.001], [87.008, 44]];
		const above = [[...zig, [87.008, 44.005], [87, 44.005], [87, 44]]];
		const below = [[...zig, [87.008, 43.995], [87, 43.995], [87, 44]]];
		expect(sweepArea([[above], [below]], both).areaM2).toBe(0);
		const nudged = [[...zig.map(([x, y], i) => [x, i === 2 ? y + 1e-9 : y]), [87.008, 43.995], [87, 43.995], [87, 44]]];
		const sut = sweepArea([[above], [nudged]], both).areaM2;
		expect(sut).toBeGreaterThan(0);
		expect(Math.abs(sut - turfOverlap(above, nudged))).toBeLessThan(1e-4);
	});
});
