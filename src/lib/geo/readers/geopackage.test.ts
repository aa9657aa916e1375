import { readFileSync } from 'node:fs';
import type { FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { readFeatures } from './index';
import { parseGeoPackageGeometry } from './geopackage';
import { geoPackage, wkb } from './test-fixtures';

const polygon: Polygon = { type: 'Polygon', coordinates: [[[29510000, 4870000], [29511000, 4870000], [29511000, 4871000], [29510000, 4870000]]] };
const collection: FeatureCollection<Geometry, Record<string, string | number>> = {
	type: 'FeatureCollection',
	features: [
		{ type: 'Feature', properties: { name: '头道沙漠', year: 2015 }, geometry: polygon },
		{ type: 'Feature', properties: { name: '点', year: 2016 }, geometry: { type: 'Point', coordinates: [29510500, 4870500] } },
		{
			type: 'Feature',
			properties: { name: '多面', year: 2017 },
			geometry: { type: 'MultiPolygon', coordinates: [polygon.coordinates, polygon.coordinates] } satisfies MultiPolygon
		}
	]
};

describe('GeoPackage reader', () => {
	it('reads the feature table, its attributes, geometries and EPSG code', async () => {
		const bytes = await geoPackage(collection, { srsId: 4517, table: 'reserves' });
		const sut = await readFeatures([{ name: 'data.gpkg', bytes }]);
		expect(sut).toMatchObject({ format: 'geopackage', layerName: 'reserves', crs: { where: 'gpkg_spatial_ref_sys', epsg: 4517 } });
		expect(sut.features.map((f) => f.properties)).toEqual([
			{ fid: 1, name: '头道沙漠', year: 2015 },
			{ fid: 2, name: '点', year: 2016 },
			{ fid: 3, name: '多面', year: 2017 }
		]);
		expect(sut.features.map((f) => f.geometry)).toEqual(collection.features.map((f) => f.geometry));
	});

	it('falls back to the WKT definition when the organisation is not EPSG', async () => {
		const bytes = await geoPackage(collection, { srsId: 100001, organization: 'NONE', code: 100001, definition: 'CGCS2000_3_Degree_GK_Zone_29' });
		const sut = await readFeatures([{ name: 'data.gpkg', bytes }]);
		expect(sut.crs).toEqual({ where: 'gpkg_spatial_ref_sys', text: 'CGCS2000_3_Degree_GK_Zone_29' });
	});

	it('reads a GeoPackage written by GDAL', async () => {
		const bytes = new Uint8Array(readFileSync(new URL('./fixtures/gdal-4517.gpkg', import.meta.url)));
		const sut = await readFeatures([{ name: 'gdal-4517.gpkg', bytes }]);
		expect(sut.crs?.epsg).toBe(4517);
		expect(sut.layerName).toBe('fires');
		expect(sut.features.map((f) => f.properties.名称)).toEqual(['庙尔沟火区', '红三沟火区']);
		const ring = (sut.features[0].geometry as Polygon).coordinates[0];
		expect(ring[0][0]).toBeGreaterThan(29500000);
		expect(ring[0][0]).toBeLessThan(29520000);
	});

	it('asks for --table when there are several tables, and refuses plain SQLite', async () => {
		const bytes = await geoPackage(collection, { srsId: 4517 });
		await expect(readFeatures([{ name: 'x.gpkg', bytes }], { table: 'nope' })).rejects.toThrow(/No table "nope"; there are: features/);
		const initSqlJs = (await import('sql.js')).default;
		const SQL = await initSqlJs();
		const plain = new SQL.Database();
		plain.run('CREATE TABLE t (a int)');
		await expect(readFeatures([{ name: 'x.sqlite', bytes: plain.export() }])).rejects.toThrow(/Not a GeoPackage/);
	});

	it('parses the header: envelope sizes, byte order, empty flag, big-endian WKB', () => {
		const body = wkb({ type: 'Point', coordinates: [87.5, 44.25] });
		const withHeader = (flags: number, envelopeBytes: number, payload: Uint8Array) => {
			const blob = new Uint8Array(8 + envelopeBytes + payload.length);
			blob.set([0x47, 0x50, 0, flags]);
			blob.set(payload, 8 + envelopeBytes);
			return blob;
		};
		expect(parseGeoPackageGeometry(withHeader(0b0000_0001, 0, body))).toEqual({ type: 'Point', coordinates: [87.5, 44.25] });
		expect(parseGeoPackageGeometry(withHeader(0b0000_0101, 48, body))).toEqual({ type: 'Point', coordinates: [87.5, 44.25] });
		expect(parseGeoPackageGeometry(withHeader(0b0000_1001, 64, body))).toEqual({ type: 'Point', coordinates: [87.5, 44.25] });
		expect(parseGeoPackageGeometry(withHeader(0b0001_0001, 0, body))).toBeNull();
		// Big-endian ISO WKB Point Z (type 1001): Z is dropped.
		const bigZ = new Uint8Array(1 + 4 + 24);
		const view = new DataView(bigZ.buffer);
		bigZ[0] = 0;
		view.setUint32(1, 1001);
		[88, 45, 1200].forEach((v, i) => view.setFloat64(5 + i * 8, v));
		expect(parseGeoPackageGeometry(withHeader(0, 0, bigZ))).toEqual({ type: 'Point', coordinates: [88, 45] });
		expect(() => parseGeoPackageGeometry(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(/GeoPackage binary/);
	});
});
