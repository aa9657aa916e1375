import { readFileSync, readdirSync } from 'node:fs';
import type { FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { readFeatures } from './index';
import { ESRI_PRJ, polygonShapefile, storedZip, zippedShapefile } from './test-fixtures';
import type { NamedFile } from './types';

const square = (lon: number, lat: number, d = 0.01): Polygon => ({
	type: 'Polygon',
	coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]]
});
const fires: FeatureCollection<Polygon, Record<string, string | number>> = {
	type: 'FeatureCollection',
	features: [
		{ type: 'Feature', properties: { 名称: '庙尔沟火区', ZT: '已熄灭', MJ: 12.5 }, geometry: square(87.1, 43.8) },
		{ type: 'Feature', properties: { 名称: '红三沟火区', ZT: '治理中', MJ: 3 }, geometry: square(86.7, 43.9) }
	]
};

describe('shapefile reader', () => {
	it('reads a zipped shapefile with its .prj', async () => {
		const bytes = await zippedShapefile(
			{ ...fires, features: fires.features.map((f) => ({ ...f, properties: { name: 'fire', n: f.properties.MJ } })) },
			'fires',
			ESRI_PRJ[4490]
		);
		const sut = await readFeatures([{ name: 'fires.zip', bytes }]);
		expect(sut.format).toBe('shapefile');
		expect(sut.layerName).toBe('fires');
		expect(sut.crs?.where).toBe('.prj');
		expect(sut.crs?.text).toContain('China_Geodetic_Coordinate_System_2000');
		expect(sut.features).toHaveLength(2);
		expect(sut.features[0].properties).toEqual({ name: 'fire', n: 12.5 });
		expect(sut.features[1].geometry).toMatchObject({ type: 'Polygon' });
		expect((sut.features[1].geometry as Polygon).coordinates[0]).toHaveLength(5);
	});

	it('reads GBK attributes, told by the .cpg', async () => {
		const files = polygonShapefile('fires', fires, { encoding: 'gbk', cpg: 'GBK', prj: ESRI_PRJ[4490] });
		const sut = await readFeatures(files);
		expect(sut.encoding).toBe('gbk');
		expect(sut.features.map((f) => f.properties)).toEqual([
			{ 名称: '庙尔沟火区', ZT: '已熄灭', MJ: 12.5 },
			{ 名称: '红三沟火区', ZT: '治理中', MJ: 3 }
		]);
	});

	it('falls back to GBK when the text is not valid UTF-8 and there is no .cpg', async () => {
		const sut = await readFeatures(polygonShapefile('fires', fires, { encoding: 'gbk' }));
		expect(sut.encoding).toBe('gbk');
		expect(sut.features[0].properties.名称).toBe('庙尔沟火区');
		expect(sut.notes.map((n) => n.en).join()).toContain('gbk (detected)');
		expect(sut.crs).toBeUndefined();
	});

	it('keeps UTF-8 as UTF-8, and a .cpg of "936" means GBK', async () => {
		const utf8 = await readFeatures(polygonShapefile('fires', fires, { encoding: 'utf-8' }));
		expect(utf8.encoding).toBe('utf-8');
		expect(utf8.features[1].properties.ZT).toBe('治理中');
		const cp936 = await readFeatures(polygonShapefile('fires', fires, { encoding: 'gbk', cpg: '936' }));
		expect(cp936.features[1].properties.ZT).toBe('治理中');
	});

	it('uses the language driver byte when there is no .cpg, and --encoding over everything', async () => {
		const ldid = await readFeatures(polygonShapefile('fires', fires, { encoding: 'gbk', languageDriver: 0x4d }));
		expect(ldid.notes.map((n) => n.en).join()).toContain('gbk (language driver)');
		const forced = await readFeatures(polygonShapefile('fires', fires, { encoding: 'gbk', cpg: 'UTF-8' }), { encoding: 'gbk' });
		expect(forced.features[0].properties.名称).toBe('庙尔沟火区');
	});

	it('reads a GDAL-written GBK shapefile in EPSG:4538', async () => {
		const dir = new URL('./fixtures/', import.meta.url);
		const files: NamedFile[] = readdirSync(dir)
			.filter((n) => n.startsWith('gdal-4538-gbk.'))
			.map((name) => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, dir))) }));
		const sut = await readFeatures(files);
		expect(sut.crs?.text).toContain('CGCS2000_3_Degree_GK_CM_87E');
		expect(sut.features.map((f) => f.properties.名称)).toEqual(['庙尔沟火区', '红三沟火区']);
		expect(sut.features[0].properties.RQ).toBe('2023-06-30');
		const [x, y] = (sut.features[0].geometry as Polygon).coordinates[0][0];
		expect(x).toBeGreaterThan(500000);
		expect(x).toBeLessThan(520000);
		expect(y).toBeGreaterThan(4.8e6);
		expect((sut.features[1].geometry as Polygon).coordinates).toHaveLength(2); // the hole survives
	});

	it('asks which shapefile when given several', async () => {
		const files = [...polygonShapefile('fires', fires), ...polygonShapefile('reserves', { ...fires, features: fires.features.slice(1) })];
		await expect(readFeatures(files)).rejects.toThrow(/fires, reserves; choose one with --table/);
		expect((await readFeatures(files, { table: 'reserves' })).features).toHaveLength(1);
		await expect(readFeatures(files, { table: 'towns' })).rejects.toThrow(/No layer "towns"/);
	});

	it('reads a zip whose entry names are GBK (no UTF-8 flag), inside a folder', async () => {
		const parts = polygonShapefile('数据/火区', fires, { encoding: 'gbk', cpg: 'GBK', prj: ESRI_PRJ[4490] });
		const sut = await readFeatures([{ name: 'fires.zip', bytes: storedZip(parts, false) }]);
		expect(sut.layerName).toBe('火区');
		expect(sut.crs?.where).toBe('.prj');
		expect(sut.features[1].properties.名称).toBe('红三沟火区');
	});

	it('refuses a .shp cut in half, naming the record counts of .shp, .shx and .dbf', async () => {
		const many = {
			...fires,
			features: Array.from({ length: 26 }, (_, i) => ({ type: 'Feature' as const, properties: { name: `火区${i + 1}`, n: i }, geometry: square(87 + i * 0.02, 44) }))
		};
		const files = polygonShapefile('fires', many);
		expect((await readFeatures(files)).features).toHaveLength(26);
		const cut = files.map((f) => (f.name.endsWith('.shp') ? { ...f, bytes: f.bytes.slice(0, Math.floor(f.bytes.length / 2)) } : f));
		const refusal = readFeatures(cut);
		await expect(refusal).rejects.toThrow(/fires\.shp is incomplete: its parts hold different numbers of records \(\.shp 12 \(the last one cut short\), \.shx 26, \.dbf 26\)/);
		await expect(refusal).rejects.toThrow(/各文件的记录数不一致/);
		// A .dbf with fewer records than the .shp is refused too.
		const fewer = polygonShapefile('fires', { ...many, features: many.features.slice(0, 20) }).find((f) => f.name.endsWith('.dbf'))!;
		await expect(readFeatures(files.map((f) => (f.name.endsWith('.dbf') ? fewer : f)))).rejects.toThrow(/\.shp 26, \.shx 26, \.dbf 20\)/);
	});

	it('refuses a .dbf without its .shp', async () => {
		const files = polygonShapefile('fires', fires).filter((f) => f.name.endsWith('.dbf'));
		await expect(readFeatures(files)).rejects.toThrow(/\.shp is missing/);
	});
});
