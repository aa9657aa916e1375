import { describe, expect, it } from 'vitest';
import { bearingDeg, compassPoint, distanceM, quarterStart, tileOf, tilesCovering } from './geo';

describe('field geometry', () => {
	it('measures distance and bearing between Fukang and Changji', () => {
		const fukang: [number, number] = [87.98, 44.16];
		const changji: [number, number] = [87.31, 44.01];
		expect(distanceM(fukang, changji) / 1000).toBeCloseTo(55.8, 0);
		const bearing = bearingDeg(fukang, changji);
		expect(bearing).toBeGreaterThan(250);
		expect(bearing).toBeLessThan(260);
		expect(compassPoint(bearing).en).toBe('W');
		expect(compassPoint(359).en).toBe('N');
	});

	it('finds the tiles of an area at each zoom', () => {
		expect(tileOf([0, 0], 1)).toEqual([1, 1]);
		const tiles = tilesCovering([87.9, 44.1, 88.1, 44.2], 8, 10);
		expect(tiles.filter(([z]) => z === 8)).toEqual([[8, 190, 92]]);
		expect(tiles.filter(([z]) => z === 10)).toEqual([[10, 762, 371]]);
	});

	it('starts quarters in China time', () => {
		expect(quarterStart(new Date('2026-09-30T17:00:00Z'))).toBe('2026-10-01');
		expect(quarterStart(new Date('2026-09-30T15:00:00Z'))).toBe('2026-07-01');
	});
});
