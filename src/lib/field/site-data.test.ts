import { describe, expect, it } from 'vitest';
import type { FieldSite } from '../api/field';
import { filterStored } from './site-data';
import { fitWithin } from './photo';

const site = (key: string, centroid: [number, number], extra: Partial<FieldSite> = {}): FieldSite => ({
	key,
	layer: 'coal-fire',
	id: Number(key.split('/')[1]),
	name: key,
	nameEn: null,
	county: '阜康市',
	status: 'untreated',
	statusLabel: null,
	centroid,
	bbox: [centroid[0], centroid[1], centroid[0], centroid[1]],
	...extra
});

describe('stored sites offline', () => {
	const sites = [
		site('coal-fire/1', [88.5, 44.2]),
		site('coal-fire/2', [87.99, 44.17], { lastInspection: { id: 'a', inspectedAt: '2026-11-02T03:00:00Z', status: null } }),
		site('coal-fire/3', [87.3, 44.0], { county: '昌吉市', status: 'extinguished' })
	];

	it('sorts by distance from the position and gives bearings', () => {
		const near = filterStored(sites, { lon: 87.98, lat: 44.16 });
		expect(near.map((s) => s.key)).toEqual(['coal-fire/2', 'coal-fire/1', 'coal-fire/3']);
		expect(near[0].distanceM).toBeGreaterThan(1000);
		expect(near[0].distanceM).toBeLessThan(2000);
		const inside = filterStored([site('coal-fire/4', [88, 44.2], { bbox: [87.9, 44.1, 88.1, 44.3] })], { lon: 87.98, lat: 44.16 });
		expect(inside[0].distanceM).toBe(0);
		expect(near[1].bearingDeg).toBeGreaterThan(60);
	});

	it('filters by county, status and "not inspected since"', () => {
		expect(filterStored(sites, { county: '昌吉市' }).map((s) => s.key)).toEqual(['coal-fire/3']);
		expect(filterStored(sites, { status: 'untreated' }).length).toBe(2);
		expect(filterStored(sites, { notInspectedSince: '2026-10-01' }).map((s) => s.key).sort()).toEqual(['coal-fire/1', 'coal-fire/3']);
	});
});

describe('photo size on the device', () => {
	it('keeps the long edge at 2048 px and never enlarges', () => {
		expect(fitWithin(4000, 3000)).toEqual({ width: 2048, height: 1536 });
		expect(fitWithin(1500, 3000)).toEqual({ width: 1024, height: 2048 });
		expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
	});
});
