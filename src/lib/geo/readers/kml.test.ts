import { readFileSync } from 'node:fs';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { readFeatures } from './index';
import { storedZip } from './test-fixtures';

const text = (s: string) => new TextEncoder().encode(s);

describe('KML reader', () => {
	it('reads placemarks with names and ExtendedData, as WGS84', async () => {
		const kml = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
  <Placemark><name>吉木萨尔站</name>
    <ExtendedData><Data name="kind"><value>automatic</value></Data><Data name="measures"><value>空气,水质</value></Data></ExtendedData>
    <Point><coordinates>89.18,44.00,0</coordinates></Point></Placemark>
  <Placemark><name>区</name><Polygon><outerBoundaryIs><LinearRing><coordinates>
    87.1,43.8 87.2,43.8 87.2,43.9 87.1,43.8</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
</Document></kml>`;
		const sut = await readFeatures([{ name: 'stations.kml', bytes: text(kml) }]);
		expect(sut.format).toBe('kml');
		expect(sut.crs).toEqual({ where: 'KML', epsg: 4326, implicit: true });
		expect(sut.features[0].properties).toMatchObject({ name: '吉木萨尔站', kind: 'automatic', measures: '空气,水质' });
		expect(sut.features[0].geometry).toEqual({ type: 'Point', coordinates: [89.18, 44, 0] });
		expect(sut.features[1].geometry?.type).toBe('Polygon');
	});

	it('reads a KML written by GDAL', async () => {
		const bytes = new Uint8Array(readFileSync(new URL('./fixtures/gdal.kml', import.meta.url)));
		const sut = await readFeatures([{ name: 'gdal.kml', bytes }]);
		expect(sut.features.map((f) => f.properties.名称)).toEqual(['庙尔沟火区', '红三沟火区']);
		expect((sut.features[0].geometry as Polygon).coordinates[0][0].slice(0, 2)).toEqual([87.1, 43.8]);
	});

	it('reads KMZ (a zip holding doc.kml)', async () => {
		const kml = new Uint8Array(readFileSync(new URL('./fixtures/gdal.kml', import.meta.url)));
		const sut = await readFeatures([{ name: 'fires.kmz', bytes: storedZip([{ name: 'doc.kml', bytes: kml }]) }]);
		expect(sut.format).toBe('kml');
		expect(sut.features).toHaveLength(2);
	});

	it('refuses broken XML', async () => {
		await expect(readFeatures([{ name: 'bad.kml', bytes: text('<kml><Placemark>') }])).rejects.toThrow(/Not valid KML/);
	});
});
