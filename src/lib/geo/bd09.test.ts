import { describe, expect, it } from 'vitest';
import { bd09ToGcj02, bd09ToWgs84, gcj02ToBd09, wgs84ToBd09 } from './bd09';
import { wgs84ToGcj02 } from './gcj02';

describe('BD-09', () => {
	it('matches the published GCJ-02 → BD-09 pair of Beijing (Tiananmen)', () => {
		const [lon, lat] = gcj02ToBd09([116.404, 39.915]);
		expect(lon).toBeCloseTo(116.41036949, 7);
		expect(lat).toBeCloseTo(39.92133699, 7);
	});

	it('is GCJ-02 shifted by Baidu’s offset (≈ 0.0065° east, 0.006° north) near Fukang', () => {
		const wgs: [number, number] = [87.98, 44.16];
		const [gLon, gLat] = wgs84ToGcj02(wgs);
		const [bLon, bLat] = wgs84ToBd09(wgs);
		expect(bLon - gLon).toBeGreaterThan(0.005);
		expect(bLon - gLon).toBeLessThan(0.008);
		expect(bLat - gLat).toBeGreaterThan(0.004);
		expect(bLat - gLat).toBeLessThan(0.008);
	});

	it('is undone by bd09ToWgs84 to well under a centimetre', () => {
		for (const wgs of [
			[87.3, 44.01],
			[89.59, 44.02],
			[116.404, 39.915]
		]) {
			const back = bd09ToWgs84(wgs84ToBd09(wgs));
			expect(Math.abs(back[0] - wgs[0])).toBeLessThan(1e-8);
			expect(Math.abs(back[1] - wgs[1])).toBeLessThan(1e-8);
		}
		expect(bd09ToGcj02([116.41036949, 39.92133699])[0]).toBeCloseTo(116.404, 7);
	});
});
