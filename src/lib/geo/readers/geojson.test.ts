import { describe, expect, it } from 'vitest';
import { readFeatures } from './index';

const file = (name: string, value: unknown) => ({ name, bytes: new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value)) });
const point = { type: 'Point', coordinates: [87.3, 44.01] };

describe('GeoJSON reader', () => {
	it('reads a FeatureCollection as WGS84 (RFC 7946)', async () => {
		const sut = await readFeatures([file('a.geojson', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '昌吉' }, geometry: point }] })]);
		expect(sut).toMatchObject({ format: 'geojson', crs: { epsg: 4326, implicit: true } });
		expect(sut.features).toEqual([{ geometry: point, properties: { name: '昌吉' } }]);
	});

	it('reads the old `crs` member GDAL writes, a lone Feature, a bare geometry and a BOM', async () => {
		const named = await readFeatures([
			file('a.json', { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4517' } }, features: [] })
		]);
		expect(named.crs).toEqual({ where: 'GeoJSON crs', text: 'urn:ogc:def:crs:EPSG::4517' });
		expect((await readFeatures([file('f.json', { type: 'Feature', properties: null, geometry: point })])).features).toEqual([
			{ geometry: point, properties: {} }
		]);
		expect((await readFeatures([file('g.json', point)])).features).toHaveLength(1);
		expect((await readFeatures([file('bom.geojson', '\uFEFF' + JSON.stringify(point))])).features).toHaveLength(1);
	});

	it('refuses what is not GeoJSON', async () => {
		await expect(readFeatures([file('a.geojson', '{"type": "Feature"')])).rejects.toThrow(/not valid JSON/);
		await expect(readFeatures([file('a.geojson', { hello: 1 })])).rejects.toThrow(/Not GeoJSON/);
		await expect(readFeatures([file('a.txt', 'hello')])).rejects.toThrow(/Cannot tell the format/);
	});
});
