import { describe, expect, it } from 'vitest';
import { gcj02ToBd09, wgs84ToBd09 } from './bd09';
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
});
