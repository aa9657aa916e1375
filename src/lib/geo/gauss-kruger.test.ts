import geographiclib from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import { toGaussKruger3 } from './gauss-kruger';

// GRS80, CGCS2000's ellipsoid.
const GRS80 = new geographiclib.Geodesic.Geodesic(6378137, 1 / 298.257222101);

describe('toGaussKruger3', () => {
	it('puts a point on the central meridian at the false easting, its northing the meridian arc', () => {
		const sut = toGaussKruger3(87, 44)!;
		expect(sut.zone).toBe(29);
		expect(sut.epsg).toBe(4517);
		expect(sut.y).toBeCloseTo(29_500_000, 3);
		// On the central meridian (scale 1) the northing is the arc length from the equator.
		const arc = GRS80.Inverse(0, 87, 44, 87).s12!;
		expect(sut.x).toBeCloseTo(arc, 2);
	});

	it('chooses the zone by the nearest central meridian: east of it, west of the next', () => {
		expect(toGaussKruger3(88.4, 44)!.zone).toBe(29);
		expect(toGaussKruger3(88.6, 44)!.zone).toBe(30);
		const east = toGaussKruger3(88.4, 44)!;
		expect(east.y).toBeGreaterThan(29_500_000);
		const west = toGaussKruger3(88.6, 44)!;
		expect(west.y).toBeLessThan(30_500_000);
		expect(west.y).toBeGreaterThan(30_000_000);
	});

	it('has no zone outside China’s 3° zones (25–45)', () => {
		expect(toGaussKruger3(10, 50)).toBeUndefined();
	});
});
