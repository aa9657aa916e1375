import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { distance, polygonArea } from '../check/geodesic';
import { applyAffine, metresPerDegree, placementAffine, placements } from './placements';

const square = (lon: number, lat: number, d: number): Polygon => ({
	type: 'Polygon',
	coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]]
});

describe('placements', () => {
	it('walks rings outwards, unturned first at each distance', () => {
		const sut = placements(100, 300, [0, 90]);
		expect(sut.length).toBe((8 + 13 + 19) * 2);
		for (let i = 1; i < sut.length; i++) expect(sut[i].ringM).toBeGreaterThanOrEqual(sut[i - 1].ringM);
		expect(sut[0].rotationDeg).toBe(0);
		expect(Math.hypot(sut[5].eastM, sut[5].northM)).toBeCloseTo(100, 6);
	});

	it('moves a footprint by the metres asked, keeping its area when turned', () => {
		const fp = square(87.3, 44.0, 0.005);
		const before = polygonArea(fp.coordinates);
		const sut = applyAffine(fp, placementAffine({ eastM: 3000, northM: -4000, rotationDeg: 30, ringM: 5000 }, [87.3, 44.0]));
		const moved = [(sut.coordinates[0][0][0] + sut.coordinates[0][2][0]) / 2, (sut.coordinates[0][0][1] + sut.coordinates[0][2][1]) / 2];
		expect(distance([87.3, 44.0], moved)).toBeGreaterThan(4990);
		expect(distance([87.3, 44.0], moved)).toBeLessThan(5010);
		expect(Math.abs(polygonArea(sut.coordinates) / before - 1)).toBeLessThan(0.002);
	});

	it('turns clockwise: a quarter turn takes the south-west corner of a ground square to the north-west', () => {
		const m = metresPerDegree(44);
		const half = 500;
		const ground: Polygon = { type: 'Polygon', coordinates: [[[87.3 - half / m.lon, 44 - half / m.lat], [87.3 + half / m.lon, 44 - half / m.lat], [87.3 + half / m.lon, 44 + half / m.lat], [87.3 - half / m.lon, 44 + half / m.lat], [87.3 - half / m.lon, 44 - half / m.lat]]] };
		const sut = applyAffine(ground, placementAffine({ eastM: 0, northM: 0, rotationDeg: 90, ringM: 0 }, [87.3, 44]));
		expect(sut.coordinates[0][0][0]).toBeCloseTo(ground.coordinates[0][3][0], 9);
		expect(sut.coordinates[0][0][1]).toBeCloseTo(ground.coordinates[0][3][1], 9);
	});

	it('leaves a footprint as it is for the null placement', () => {
		const fp = square(89.5, 44.5, 0.01);
		expect(applyAffine(fp, placementAffine({ eastM: 0, northM: 0, rotationDeg: 0, ringM: 0 }, [89.5, 44.5])).coordinates[0][2]).toEqual(fp.coordinates[0][2]);
	});
});
