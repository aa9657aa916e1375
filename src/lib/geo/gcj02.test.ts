import { describe, expect, it } from 'vitest';
import { distanceKm } from './crs-guess';
import { gcj02ToWgs84, wgs84ToGcj02 } from './gcj02';

const metres = (a: number[], b: number[]) => distanceKm([a[0], a[1]], [b[0], b[1]]) * 1000;

describe('GCJ-02', () => {
	it('shifts Changji by a few hundred metres, east and north', () => {
		const wgs = [87.3, 44.01];
		const gcj = wgs84ToGcj02(wgs);
		const east = metres(wgs, [gcj[0], wgs[1]]);
		const north = metres(wgs, [wgs[0], gcj[1]]);
		expect(gcj[0]).toBeGreaterThan(wgs[0]);
		expect(gcj[1]).toBeGreaterThan(wgs[1]);
		expect(east).toBeGreaterThan(150);
		expect(east).toBeLessThan(400);
		expect(north).toBeGreaterThan(50);
		expect(north).toBeLessThan(300);
	});

	it('round-trips to within 0.5 m (in fact far less) across the prefecture', () => {
		let worst = 0;
		for (let lon = 85.5; lon <= 91.5; lon += 0.25)
			for (let lat = 42.5; lat <= 46.5; lat += 0.25) {
				const back = gcj02ToWgs84(wgs84ToGcj02([lon, lat]));
				worst = Math.max(worst, metres([lon, lat], back));
			}
		expect(worst).toBeLessThan(0.5);
		expect(worst).toBeLessThan(0.001);
	});

	it('leaves points outside China alone', () => {
		expect(wgs84ToGcj02([2.35, 48.85])).toEqual([2.35, 48.85]);
		expect(gcj02ToWgs84([2.35, 48.85])).toEqual([2.35, 48.85]);
	});
});
