import { describe, expect, it } from 'vitest';
import * as geographiclib from 'geographiclib-geodesic';
import { edgeBowM, edgesNear, growBBoxByMetres } from './bow';
import { metresPerDegree } from './geodesic';
import { toParts } from './parts';
import type { BBox } from './types';

type GeographicLib = typeof geographiclib;
const lib: GeographicLib = (geographiclib as unknown as { default?: GeographicLib }).default ?? geographiclib;
const WGS84 = lib.Geodesic.WGS84;

/**
 * The geodesic of length `lengthM` from (lon 88, `lat`) at `azimuth`, densified by GeographicLib:
 * its end, and the largest departure of its points from the straight [lon, lat] segment —
 * in metres (local scale at the point) and whether every point lies in the segment's bbox
 * grown by `growM`.
 */
function measure(lat: number, azimuth: number, lengthM: number, growM: (a: number[], b: number[]) => number) {
	const line = WGS84.DirectLine(lat, 88, azimuth, lengthM, lib.Geodesic.LATITUDE | lib.Geodesic.LONGITUDE | lib.Geodesic.DISTANCE_IN);
	const at = (s: number) => {
		const p = line.Position(s, lib.Geodesic.LATITUDE | lib.Geodesic.LONGITUDE);
		return [p.lon2 ?? 0, p.lat2 ?? 0];
	};
	const a = at(0);
	const b = at(lengthM);
	const bound = growM(a, b);
	const box = growBBoxByMetres([Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])] as BBox, bound);
	let deviation = 0;
	let inBox = true;
	for (let k = 1; k < 400; k++) {
		const p = at((lengthM * k) / 400);
		const m = metresPerDegree(p[1]);
		// Distance to the chord in local metres: project onto the segment in scaled coordinates.
		const dx = (b[0] - a[0]) * m.lon;
		const dy = (b[1] - a[1]) * m.lat;
		const px = (p[0] - a[0]) * m.lon;
		const py = (p[1] - a[1]) * m.lat;
		const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
		deviation = Math.max(deviation, Math.hypot(px - t * dx, py - t * dy));
		inBox &&= p[0] >= box[0] && p[0] <= box[2] && p[1] >= box[1] && p[1] <= box[3];
	}
	return { deviation, bound, inBox };
}

describe('geodesic bow bound', () => {
	it('bounds GeographicLib geodesics of 1–500 km at 0–70° in every direction', () => {
		let worstRatio = 0;
		for (const lengthM of [1_000, 10_000, 50_000, 100_000, 200_000, 500_000])
			for (const lat of [0, 20, 44.5, 60, 70])
				for (let azimuth = 0; azimuth < 360; azimuth += 15) {
					const r = measure(lat, azimuth, lengthM, (a, b) => edgeBowM(a[0], a[1], b[0], b[1]));
					expect(r.bound, `${lengthM} m at ${lat}°, azimuth ${azimuth}`).toBeGreaterThanOrEqual(r.deviation);
					expect(r.inBox, `${lengthM} m at ${lat}°, azimuth ${azimuth}: a point outside the grown bbox`).toBe(true);
					if (r.deviation > 1) worstRatio = Math.max(worstRatio, r.deviation / r.bound);
				}
		console.log(`[bow] largest measured/bound ratio: ${worstRatio.toFixed(3)}`);
	});

	it('is tight for the east–west edges that bow most (within a factor 2)', () => {
		for (const lengthM of [10_000, 60_000, 200_000])
			for (const lat of [20, 44.5, 60]) {
				const r = measure(lat, 90, lengthM, (a, b) => edgeBowM(a[0], a[1], b[0], b[1]));
				expect(r.bound).toBeLessThan(2 * r.deviation);
			}
	});

	it('is ~68 m for the 60 km edge at 44.5° N of the long-edge-bow fixture', () => {
		const bow = edgeBowM(88.0, 44.5, 88.75, 44.5);
		const r = measure(44.5, 90, WGS84.Inverse(44.5, 88, 44.5, 88.75).s12 ?? 0, () => bow);
		expect(r.deviation).toBeGreaterThan(60);
		expect(r.deviation).toBeLessThan(75);
		expect(bow).toBeGreaterThanOrEqual(r.deviation);
	});

	it('keeps the uncut edges whose geodesic can reach a box, and only those', () => {
		const zone = toParts({ type: 'Polygon', coordinates: [[[88.0, 44.45], [88.75, 44.45], [88.75, 44.5], [88.0, 44.5], [88.0, 44.45]]] });
		// 0.0055° (~610 m) north of the northern edge, where only its bow reaches.
		const near = edgesNear(zone, [88.37, 44.5005, 88.38, 44.51]);
		expect(near.lines).toEqual([[[88.75, 44.5], [88.0, 44.5]]]);
		expect(edgesNear(zone, [88.37, 44.502, 88.38, 44.51]).lines).toEqual([]);
	});
});
