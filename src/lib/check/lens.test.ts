import { describe, expect, it } from 'vitest';
import { lensesNear, meetsLenses } from './lens';
import { toParts } from './parts';
import { prepare } from './relate';

const zone = toParts({ type: 'Polygon', coordinates: [[[88.0, 44.45], [88.75, 44.45], [88.75, 44.5], [88.0, 44.5], [88.0, 44.45]]] });
const box: [number, number, number, number] = [88.37, 44.495, 88.38, 44.51];

describe('lenses between edges and their geodesics', () => {
	it('finds the lens of the 60 km northern edge near a box, and not those of far or short edges', () => {
		const lenses = lensesNear(zone, box);
		expect(lenses.polygons).toHaveLength(1);
		// Its apex is the geodesic's: ~68 m (0.0006°) north of the line at 44.5°.
		expect(lenses.bbox?.[3]).toBeGreaterThan(44.5005);
		expect(lenses.bbox?.[3]).toBeLessThan(44.5007);
		expect(lensesNear(zone, [88.37, 44.6, 88.38, 44.61]).polygons).toHaveLength(0);
	});

	it('is met by what lies in it or crosses the geodesic, not by what lies beyond', () => {
		const lenses = lensesNear(zone, box);
		const at = (lat: number) => prepare(toParts({ type: 'Point', coordinates: [88.375, lat] }));
		expect(meetsLenses(at(44.5003), lenses)).toBe(true);
		expect(meetsLenses(at(44.501), lenses)).toBe(false);
		const across = prepare(toParts({ type: 'LineString', coordinates: [[88.375, 44.5003], [88.375, 44.502]] }));
		expect(meetsLenses(across, lenses)).toBe(true);
	});
});
