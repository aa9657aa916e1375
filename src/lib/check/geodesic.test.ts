import { describe, expect, it } from 'vitest';
import * as geographiclib from 'geographiclib-geodesic';
import type { Position } from 'geojson';
import {
	distance,
	edgeAreaToEquator,
	lineLength,
	metresPerDegree,
	pointSegmentDistance,
	polygonArea,
	polygonMeasure,
	signedRingArea,
	zoneArea
} from './geodesic';

type GeographicLib = typeof geographiclib;
const lib: GeographicLib = (geographiclib as unknown as { default?: GeographicLib }).default ?? geographiclib;
const WGS84 = lib.Geodesic.WGS84;

// Closed form, written out independently of geodesic.ts: area of the ellipsoidal quadrangle
// between two parallels and two meridians, (b²/2)·Δλ·[sinφ/(1−e²sin²φ) + atanh(e sinφ)/e]₁².
const a = 6378137;
const f = 1 / 298.257223563;
const b = a * (1 - f);
const e = Math.sqrt(f * (2 - f));
const q = (latDeg: number) => {
	const s = Math.sin((latDeg * Math.PI) / 180);
	return s / (1 - e * e * s * s) + Math.log((1 + e * s) / (1 - e * s)) / (2 * e);
};
const quadrangle = (lat1: number, lat2: number, dLonDeg: number) => ((b * b) / 2) * ((dLonDeg * Math.PI) / 180) * (q(lat2) - q(lat1));

/** A lon/lat rectangle whose parallels are densified, so its geodesic edges follow them. */
function cell(lon: number, lat: number, dLon: number, dLat: number, steps = 2000): Position[] {
	const ring: Position[] = [];
	for (let i = 0; i < steps; i++) ring.push([lon + (dLon * i) / steps, lat]);
	ring.push([lon + dLon, lat]);
	for (let i = 0; i < steps; i++) ring.push([lon + dLon - (dLon * i) / steps, lat + dLat]);
	ring.push([lon, lat + dLat], [lon, lat]);
	return ring;
}

describe('polygon area on the WGS84 ellipsoid', () => {
	it('matches the closed-form quadrangle for a 1° × 1° cell at 44°N (Changji)', () => {
		const sut = polygonArea([cell(87, 44, 1, 1)]);
		const expected = quadrangle(44, 45, 1);
		expect(expected).toBeCloseTo(8_837_369_526, -1);
		expect(Math.abs(sut - expected) / expected).toBeLessThan(1e-9);
	});

	it('matches the closed form for small and large cells at other latitudes', () => {
		for (const [lat, d] of [
			[0, 0.01],
			[43.5, 0.001],
			[60, 2],
			[-35, 0.5]
		]) {
			const sut = polygonArea([cell(10, lat, d, d, 500)]);
			expect(Math.abs(sut / quadrangle(lat, lat + d, d) - 1)).toBeLessThan(1e-8);
		}
	});

	it('uses geodesic edges: an undensified cell is smaller than the parallel-bounded one', () => {
		// The geodesic along a parallel bulges poleward; between 44° and 45° the two bulges differ.
		const square = [[[87, 44], [88, 44], [88, 45], [87, 45], [87, 44]]];
		const sut = polygonArea(square);
		expect(sut).toBeCloseTo(8_837_263_633.16, 1);
		expect(quadrangle(44, 45, 1) - sut).toBeGreaterThan(100_000);
	});

	it('is positive whatever the ring orientation, signed by orientation, and subtracts holes', () => {
		const ccw = [[87, 44], [87.01, 44], [87.01, 44.01], [87, 44.01], [87, 44]];
		const cw = [...ccw].reverse();
		expect(signedRingArea(ccw)).toBeGreaterThan(0);
		expect(signedRingArea(cw)).toBeCloseTo(-signedRingArea(ccw), 6);
		const hole = [[87.004, 44.004], [87.004, 44.006], [87.006, 44.006], [87.006, 44.004], [87.004, 44.004]];
		expect(polygonArea([cw, hole])).toBeCloseTo(polygonArea([ccw]) - polygonArea([hole]), 6);
	});

	it('gives area and perimeter in one pass', () => {
		const ring = [[87, 44], [87.01, 44], [87.01, 44.01], [87, 44.01], [87, 44]];
		const sut = polygonMeasure([ring]);
		expect(sut.area).toBeCloseTo(polygonArea([ring]), 6);
		expect(sut.perimeter).toBeCloseTo(lineLength(ring), 6);
	});

	it('sums edge areas to the ring area (the basis of the sweep correction)', () => {
		const ring = [[87, 44], [87.3, 44.1], [87.1, 44.4], [86.9, 44.2], [87, 44]];
		let sum = 0;
		for (let i = 0; i + 1 < ring.length; i++) sum += edgeAreaToEquator(ring[i], ring[i + 1]);
		expect(-sum).toBeCloseTo(signedRingArea(ring), 3);
	});

	it('integrates the zone-area function to the closed form', () => {
		expect((zoneArea(45) - zoneArea(44)) * (Math.PI / 180)).toBeCloseTo(quadrangle(44, 45, 1), 3);
	});
});

describe('geodesic distance', () => {
	it('reproduces GeographicLib’s documented JFK → LHR distance', () => {
		// GeographicLib example: Inverse(40.6, -73.8, 51.6, -0.5) → s12 = 5551759.400319 m.
		expect(distance([-73.8, 40.6], [-0.5, 51.6])).toBeCloseTo(5_551_759.400319, 4);
	});

	it('measures lines as the sum of their geodesic segments', () => {
		const line = [[87.3, 44.01], [87.5, 44.05], [87.98, 44.16]];
		expect(lineLength(line)).toBeCloseTo(distance(line[0], line[1]) + distance(line[1], line[2]), 6);
	});

	it('finds the nearest point on a geodesic segment (vs a scan and golden-section search along it)', () => {
		const cases: [Position, Position, Position][] = [
			[[87.35, 44.3], [87.1, 44.2], [87.6, 44.0]],
			[[87.3, 44.01], [87.29, 44], [87.31, 44]],
			[[88, 45], [87.1, 44.2], [87.6, 44.0]], // beyond the end: nearest is b
			[[86.5, 43.9], [87.1, 44.2], [87.6, 44.0]], // before the start: nearest is a
			[[87.3, 44.000001], [87.29, 44], [87.31, 44]], // 11 cm away
			[[87.3, 44], [87.29, 44], [87.31, 44]] // on the chord, just off the geodesic
		];
		for (const [p, s, t] of cases) {
			const line = WGS84.InverseLine(s[1], s[0], t[1], t[0]);
			const at = (d: number) => {
				const x = line.Position(Math.min(line.s13, Math.max(0, d)));
				return WGS84.Inverse(p[1], p[0], x.lat2 ?? 0, x.lon2 ?? 0).s12 ?? Infinity;
			};
			// Coarse scan, then golden-section search in the best bracket: independent of the Newton step.
			const n = 2000;
			const step = line.s13 / n;
			let bestI = 0;
			for (let i = 1; i <= n; i++) if (at(i * step) < at(bestI * step)) bestI = i;
			let lo = Math.max(0, (bestI - 1) * step);
			let hi = Math.min(line.s13, (bestI + 1) * step);
			const g = (Math.sqrt(5) - 1) / 2;
			for (let k = 0; k < 80; k++) {
				const m1 = hi - g * (hi - lo);
				const m2 = lo + g * (hi - lo);
				if (at(m1) < at(m2)) hi = m2;
				else lo = m1;
			}
			const best = Math.min(at(lo), at(0), at(line.s13));
			const sut = pointSegmentDistance(p, s, t);
			expect(Math.abs(sut - best)).toBeLessThan(1e-6);
		}
	});

	it('handles zero-length segments as points', () => {
		expect(pointSegmentDistance([87.3, 44.01], [87.3, 44], [87.3, 44])).toBeCloseTo(distance([87.3, 44.01], [87.3, 44]), 6);
	});

	it('gives metres per degree from the ellipsoid’s radii of curvature', () => {
		const m = metresPerDegree(44);
		// Short geodesics along the meridian and the parallel, scaled up to a degree.
		expect(m.lat).toBeCloseTo(distance([87, 43.9995], [87, 44.0005]) * 1000, 1);
		expect(m.lon).toBeCloseTo(distance([86.9995, 44], [87.0005, 44]) * 1000, 1);
	});
});
