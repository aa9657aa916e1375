import { readFileSync } from 'node:fs';
import type { FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { readFeatures } from './index';
import { flatGeobuf } from './test-fixtures';

describe('FlatGeobuf reader', () => {
	it('reads features, attributes and the EPSG code of the header', async () => {
		const collection: FeatureCollection<Polygon> = {
			type: 'FeatureCollection',
			features: [
				{
					type: 'Feature',
					properties: { name: '硫磺沟火区', status: 'untreated', area: 12.5 },
					geometry: { type: 'Polygon', coordinates: [[[29510000, 4870000], [29511000, 4870000], [29511000, 4871000], [29510000, 4870000]]] }
				}
			]
		};
		const sut = await readFeatures([{ name: 'fires.fgb', bytes: flatGeobuf(collection, 4517) }]);
		expect(sut.format).toBe('flatgeobuf');
		expect(sut.crs).toEqual({ where: 'FlatGeobuf header', epsg: 4517 });
		expect(sut.features).toEqual([{ geometry: collection.features[0].geometry, properties: { name: '硫磺沟火区', status: 'untreated', area: 12.5 } }]);
	});

	it('reads a FlatGeobuf written by GDAL, with the CRS in its header', async () => {
		const bytes = new Uint8Array(readFileSync(new URL('./fixtures/gdal-4517.fgb', import.meta.url)));
		const sut = await readFeatures([{ name: 'gdal-4517.fgb', bytes }]);
		expect(sut.crs).toEqual({ where: 'FlatGeobuf header', epsg: 4517 });
		expect(sut.features.map((f) => f.properties.名称)).toEqual(['庙尔沟火区', '红三沟火区']);
		expect((sut.features[1].geometry as Polygon).coordinates).toHaveLength(2);
	});

	it('says so when the bytes are broken', async () => {
		const whole = flatGeobuf({
			type: 'FeatureCollection',
			features: [{ type: 'Feature', properties: { a: 1 }, geometry: { type: 'Point', coordinates: [87, 44] } }]
		});
		const bytes = whole.slice(0, 12);
		await expect(readFeatures([{ name: 'broken.fgb', bytes }])).rejects.toThrow(/FlatGeobuf/);
	});
});
