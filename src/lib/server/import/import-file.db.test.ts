import { readFileSync, readdirSync } from 'node:fs';
import proj4 from 'proj4';
import area from '@turf/area';
import type { FeatureCollection, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { getTestDb, rollbackAfter } from '../../../../tests/db';
import { TEST_ACTOR } from '../../../../tests/users';
import { getLayer } from '../../layers/registry';
import { crsFromEpsg } from '../../geo/crs';
import { wgs84ToGcj02 } from '../../geo/gcj02';
import { LocalizedError } from '../../geo/localized-error';
import { mapPositions } from '../../geo/positions';
import type { NamedFile } from '../../geo/readers';
import { ESRI_PRJ, flatGeobuf, geoPackage, polygonShapefile, zippedShapefile } from '../../geo/readers/test-fixtures';
import type { Db } from '../db/types';
import { countFeatures, layerVersions } from '../layer-writer';
import { importFile, ImportRefused, type ImportOptions } from './import-file';

const coalFire = getLayer('coal-fire')!;
const town = getLayer('town')!;

/** Two fire zones in WGS84 (the second with a hole) — the same as the GDAL fixtures. */
const SOURCE: FeatureCollection<Polygon, Record<string, string | number>> = {
	type: 'FeatureCollection',
	features: [
		{
			type: 'Feature',
			properties: { 名称: '庙尔沟火区', ZT: '已熄灭' },
			geometry: { type: 'Polygon', coordinates: [[[87.1, 43.8], [87.12, 43.8], [87.12, 43.81], [87.1, 43.81], [87.1, 43.8]]] }
		},
		{
			type: 'Feature',
			properties: { 名称: '红三沟火区', ZT: '治理中' },
			geometry: {
				type: 'Polygon',
				coordinates: [
					[[86.7, 43.9], [86.74, 43.9], [86.74, 43.93], [86.7, 43.93], [86.7, 43.9]],
					[[86.71, 43.91], [86.71, 43.92], [86.72, 43.92], [86.72, 43.91], [86.71, 43.91]]
				]
			}
		}
	]
};
const MAP = { 名称: 'name', ZT: 'status' };

/** SOURCE with every position passed through `fn` (into a CRS, into GCJ-02 …). */
function transformed(fn: (p: Position) => Position): FeatureCollection<Polygon, Record<string, string | number>> {
	return { ...SOURCE, features: SOURCE.features.map((f) => ({ ...f, geometry: mapPositions(f.geometry, fn) as Polygon })) };
}
const projected = (epsg: number) => transformed((p) => proj4('WGS84', crsFromEpsg(epsg)!.proj4, [p[0], p[1]]));
const geojsonFile = (name: string, value: unknown): NamedFile => ({ name, bytes: new TextEncoder().encode(JSON.stringify(value)) });
const fixture = (prefix: string): NamedFile[] => {
	const dir = new URL('../../geo/readers/fixtures/', import.meta.url);
	return readdirSync(dir)
		.filter((n) => n.startsWith(prefix))
		.map((name) => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, dir))) }));
};

const run = (db: Db, files: NamedFile[], options: Partial<ImportOptions> = {}) =>
	importFile(db, { layer: coalFire, files, map: MAP, mode: 'replace', actor: TEST_ACTOR, ...options });

/** The written rows, in insertion order. */
async function readBack(db: Db) {
	return db.query<{ name: string; status: string; illustrative: boolean; source_note: string; geojson: string; valid: boolean }>(
		`SELECT name, status, illustrative, source_note, ST_AsGeoJSON(geom, 15) AS geojson, ST_IsValid(geom) AS valid
		 FROM coal_fire ORDER BY id`
	);
}

/** Largest distance (m, ≈ on the sphere) between the written rings and SOURCE's. Shapefile readers may reorder rings' start. */
async function worstOffsetMetres(db: Db): Promise<number> {
	const rows = await readBack(db);
	expect(rows).toHaveLength(2);
	let worst = 0;
	rows.forEach((row, i) => {
		const written = JSON.parse(row.geojson).coordinates[0] as Position[][];
		const source = SOURCE.features[i].geometry.coordinates;
		expect(written).toHaveLength(source.length);
		written.forEach((ring, r) => {
			for (const p of ring) {
				// Each written vertex must be one of the source ring's vertices (ring order and start may differ).
				const nearest = Math.min(...source[r].map((q) => Math.hypot((p[0] - q[0]) * 80300, (p[1] - q[1]) * 111100)));
				worst = Math.max(worst, nearest);
			}
		});
	});
	return worst;
}

describe('importFile: formats and coordinate systems', () => {
	it('imports GeoJSON (WGS84) with labels turned into codes and provenance set', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			const summary = await run(tx, [geojsonFile('fires.geojson', SOURCE)]);
			expect(summary).toMatchObject({ layer: 'coal-fire', format: 'geojson', read: 2, written: 2, skipped: [], dryRun: false });
			expect(summary.crs).toBe('EPSG:4326 WGS 84');
			const rows = await readBack(tx);
			expect(rows.map((r) => [r.name, r.status, r.illustrative, r.source_note])).toEqual([
				['庙尔沟火区', 'extinguished', false, 'fires.geojson'],
				['红三沟火区', 'in_treatment', false, 'fires.geojson']
			]);
			expect(await worstOffsetMetres(tx)).toBeLessThan(0.01);
			// Geodesic area of what was written, checked against turf's spherical area (within 0.5 %).
			const expectedHa = SOURCE.features.reduce((sum, f) => sum + area(f), 0) / 10000;
			expect(Math.abs(summary.areaHa! - expectedHa) / expectedHa).toBeLessThan(0.005);
		});
	});

	it.each([
		['a zipped shapefile in GK zone 29 with prefix (EPSG:4517)', 4517],
		['a zipped shapefile in GK CM 87°E without prefix (EPSG:4538)', 4538],
		['a zipped shapefile in CGCS2000 lon/lat (EPSG:4490)', 4490]
	])('imports %s to within 1 cm', async (_, epsg) => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			const bytes = await zippedShapefile(
				{ ...projected(epsg), features: projected(epsg).features.map((f, i) => ({ ...f, properties: { name: `fire ${i}`, status: 'untreated' } })) },
				'fires',
				ESRI_PRJ[epsg as keyof typeof ESRI_PRJ]
			);
			const summary = await run(tx, [{ name: 'fires.zip', bytes }], { map: {} });
			expect(summary.crs).toContain(`EPSG:${epsg}`);
			expect(summary.written).toBe(2);
			expect(await worstOffsetMetres(tx)).toBeLessThan(0.01);
		});
	});

	it('imports a loose GBK shapefile written by GDAL (EPSG:4538, ESRI .prj, .cpg)', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			const summary = await run(tx, fixture('gdal-4538-gbk.'));
			expect(summary).toMatchObject({ format: 'shapefile', written: 2 });
			expect(summary.crs).toContain('EPSG:4538');
			expect((await readBack(tx)).map((r) => r.name)).toEqual(['庙尔沟火区', '红三沟火区']);
			expect(await worstOffsetMetres(tx)).toBeLessThan(0.01);
		});
	});

	it.each([
		['GeoPackage', 'gdal-4517.gpkg'],
		['FlatGeobuf', 'gdal-4517.fgb'],
		['KML', 'gdal.kml']
	])('imports a %s written by GDAL', async (_, name) => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			const summary = await run(tx, fixture(name));
			expect(summary.written).toBe(2);
			expect((await readBack(tx)).map((r) => r.status)).toEqual(['extinguished', 'in_treatment']);
			expect(await worstOffsetMetres(tx)).toBeLessThan(0.01);
		});
	});

	it('imports a GeoPackage and a FlatGeobuf made by the JS writers (EPSG:4517)', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			await run(tx, [{ name: 'f.gpkg', bytes: await geoPackage(projected(4517), { srsId: 4517 }) }]);
			expect(await worstOffsetMetres(tx)).toBeLessThan(0.01);
			await run(tx, [{ name: 'f.fgb', bytes: flatGeobuf(projected(4517), 4517) }]);
			expect(await worstOffsetMetres(tx)).toBeLessThan(0.01);
		});
	});

	it('imports GeoJSON declared in EPSG:4490 and in a GK zone through its crs member', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			const named = (epsg: number) => ({ ...projected(epsg), crs: { type: 'name', properties: { name: `urn:ogc:def:crs:EPSG::${epsg}` } } });
			await run(tx, [geojsonFile('a.geojson', named(4490))]);
			expect(await worstOffsetMetres(tx)).toBeLessThan(0.01);
			await run(tx, [geojsonFile('b.geojson', named(4519 - 2))]);
			expect(await worstOffsetMetres(tx)).toBeLessThan(0.01);
		});
	});

	it('converts GCJ-02 with --from-gcj02 (to within 1 cm), and without it the data stays ~300 m off', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			const gcj = transformed(wgs84ToGcj02);
			const summary = await run(tx, [geojsonFile('amap.geojson', gcj)], { fromGcj02: true });
			expect(summary.notes.map((n) => n.en)).toContain('Converted from GCJ-02 to WGS84');
			expect(await worstOffsetMetres(tx)).toBeLessThan(0.01);
			const plain = await run(tx, [geojsonFile('amap.geojson', gcj)]);
			expect(plain.notes.map((n) => n.en).join()).toContain('--from-gcj02');
			expect(await worstOffsetMetres(tx)).toBeGreaterThan(100);
		});
	});
});

describe('importFile: all or nothing', () => {
	async function expectUnchanged(db: Db, action: () => Promise<unknown>, message: RegExp) {
		const before = await countFeatures(db, coalFire);
		const version = (await layerVersions(db)).get('coal-fire')!.version;
		const error = await action().then(
			() => undefined,
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(LocalizedError);
		const text = [(error as LocalizedError).message, ...(error as LocalizedError).details.map((d) => `${d.zh} / ${d.en}`)].join('\n');
		expect(text).toMatch(message);
		expect(await countFeatures(db, coalFire)).toBe(before);
		expect((await layerVersions(db)).get('coal-fire')!.version).toBe(version);
		return error as LocalizedError;
	}

	it('refuses one invalid geometry among valid ones, naming it, its reason and location', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			const bowtie: Polygon = { type: 'Polygon', coordinates: [[[88, 44], [88.1, 44.1], [88.1, 44], [88, 44.1], [88, 44]]] };
			const data = { ...SOURCE, features: [...SOURCE.features, { type: 'Feature', properties: { 名称: '蝴蝶', ZT: '未治理' }, geometry: bowtie }] };
			const error = await expectUnchanged(tx, () => run(tx, [geojsonFile('f.geojson', data)]), /1 invalid geometry; nothing was imported/);
			expect(error.details).toHaveLength(1);
			expect(error.details[0].en).toMatch(/^feature 3 "蝴蝶": invalid geometry: Self-intersection.* at 88\.050000, 44\.050000/);
			expect(error.details[0].zh).toMatch(/^第 3 个要素「蝴蝶」：几何无效/);
		});
	});

	it('repairs with --repair, keeping polygons only', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			const bowtie: Polygon = { type: 'Polygon', coordinates: [[[88, 44], [88.1, 44.1], [88.1, 44], [88, 44.1], [88, 44]]] };
			const data = { ...SOURCE, features: [...SOURCE.features, { type: 'Feature', properties: { 名称: '蝴蝶', ZT: '未治理' }, geometry: bowtie }] };
			const summary = await run(tx, [geojsonFile('f.geojson', data)], { repair: true });
			expect(summary).toMatchObject({ written: 3, repaired: 1 });
			const rows = await readBack(tx);
			expect(rows.every((r) => r.valid)).toBe(true);
			expect(JSON.parse(rows[2].geojson)).toMatchObject({ type: 'MultiPolygon', coordinates: [expect.anything(), expect.anything()] });
		});
	});

	it('reports a ring PostGIS cannot even build', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			const line: Polygon = { type: 'Polygon', coordinates: [[[88, 44], [88.1, 44.1], [88, 44]]] };
			const data = { ...SOURCE, features: [{ type: 'Feature', properties: { 名称: '线', ZT: '未治理' }, geometry: line }, ...SOURCE.features] };
			await expectUnchanged(tx, () => run(tx, [geojsonFile('f.geojson', data)]), /feature 1 "线": invalid geometry/);
		});
	});

	it('refuses coordinates in the wrong CRS, saying what they look like', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			await expectUnchanged(
				tx,
				() => run(tx, [geojsonFile('f.geojson', projected(4517))]),
				/Coordinates do not fit the declared CRS: declared WGS 84.*zone 29 with zone prefix \(EPSG:4517\)/
			);
		});
	});

	it('refuses a missing required attribute, an unknown code and points for a polygon layer', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			const data = {
				...SOURCE,
				features: [
					{ ...SOURCE.features[0], properties: { 名称: '甲' } },
					{ ...SOURCE.features[1], properties: { 名称: '乙', ZT: '烧着' } },
					{ type: 'Feature', properties: { 名称: '丙', ZT: '未治理' }, geometry: { type: 'Point', coordinates: [87.3, 44] } }
				]
			};
			const error = await expectUnchanged(tx, () => run(tx, [geojsonFile('f.geojson', data)]), /3 features have problems; nothing was imported/);
			expect(error.details.map((d) => d.en)).toEqual([
				'feature 1 "甲": required attribute status (Status) is missing',
				expect.stringMatching(/^feature 2 "乙": "烧着" is not a valid status/),
				'feature 3 "丙": geometry is a Point, but layer coal-fire takes polygons (Polygon/MultiPolygon) only'
			]);
		});
	});

	it('never lets an empty file with --replace wipe the layer', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			const empty = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 名称: '空', ZT: '未治理' }, geometry: null }] };
			await expectUnchanged(tx, () => run(tx, [geojsonFile('empty.geojson', empty)], { mode: 'replace' }), /holds no feature that can be imported; nothing was changed/);
		});
	});

	it('skips features without geometry and says why', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			const data = { ...SOURCE, features: [...SOURCE.features, { type: 'Feature', properties: { 名称: '空', ZT: '未治理' }, geometry: null }] };
			const summary = await run(tx, [geojsonFile('f.geojson', data)]);
			expect(summary).toMatchObject({ read: 3, written: 2 });
			expect(summary.skipped).toEqual([{ feature: 3, name: '空', reason: { zh: '没有几何图形', en: 'no geometry' } }]);
		});
	});
});

describe('importFile: replace, append, refusal, dry run', () => {
	it('refuses a layer that holds data unless --replace or --append, naming both', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			const before = await countFeatures(tx, coalFire);
			expect(before).toBeGreaterThan(0);
			const error = await run(tx, [geojsonFile('f.geojson', SOURCE)], { mode: undefined }).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(ImportRefused);
			expect((error as Error).message).toMatch(/--replace.*--append/);
			expect(await countFeatures(tx, coalFire)).toBe(before);
		});
	});

	it('appends, replaces, and imports into an empty layer without a mode; the data version moves', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			const before = await countFeatures(tx, coalFire);
			const v0 = (await layerVersions(tx)).get('coal-fire')!.version;
			const appended = await run(tx, [geojsonFile('f.geojson', SOURCE)], { mode: 'append' });
			expect(appended).toMatchObject({ written: 2, deleted: 0 });
			expect(await countFeatures(tx, coalFire)).toBe(before + 2);
			expect(appended.version).toBeGreaterThan(v0);
			expect((await layerVersions(tx)).get('coal-fire')!.version).toBe(appended.version);

			const replaced = await run(tx, [geojsonFile('f.geojson', SOURCE)], { mode: 'replace' });
			expect(replaced).toMatchObject({ written: 2, deleted: before + 2 });
			expect(await countFeatures(tx, coalFire)).toBe(2);
			expect(replaced.version).toBeGreaterThan(appended.version);

			await tx.query('DELETE FROM coal_fire');
			await run(tx, [geojsonFile('f.geojson', SOURCE)], { mode: undefined });
			expect(await countFeatures(tx, coalFire)).toBe(2);
		});
	});

	it('dry run validates everything and changes nothing', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			const before = await countFeatures(tx, coalFire);
			const version = (await layerVersions(tx)).get('coal-fire')!.version;
			const summary = await run(tx, [geojsonFile('f.geojson', SOURCE)], { dryRun: true });
			expect(summary).toMatchObject({ dryRun: true, written: 2, deleted: before, version });
			expect(summary.areaHa).toBeGreaterThan(0);
			expect(await countFeatures(tx, coalFire)).toBe(before);
			expect((await layerVersions(tx)).get('coal-fire')!.version).toBe(version);
			const bowtie: Polygon = { type: 'Polygon', coordinates: [[[88, 44], [88.1, 44.1], [88.1, 44], [88, 44.1], [88, 44]]] };
			const bad = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 名称: 'x', ZT: '未治理' }, geometry: bowtie }] };
			await expect(run(tx, [geojsonFile('f.geojson', bad)], { dryRun: true })).rejects.toThrow(/invalid geometry/);
		});
	});

	it('imports points into a point layer, taking a one-point MultiPoint as a Point', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			const towns = {
				type: 'FeatureCollection',
				features: [
					{ type: 'Feature', properties: { name: '三工镇', kind: '乡镇', county: '昌吉市' }, geometry: { type: 'Point', coordinates: [87.25, 44.05] } },
					{ type: 'Feature', properties: { name: '老奇台镇', kind: 'town', county: 'Qitai' }, geometry: { type: 'MultiPoint', coordinates: [[89.8, 43.9]] } }
				]
			};
			const summary = await importFile(tx, { layer: town, files: [geojsonFile('towns.geojson', towns)], mode: 'append', actor: TEST_ACTOR });
			expect(summary).toMatchObject({ written: 2, areaHa: undefined });
			// The import is in the audit trail, with a digest of the file rather than its data.
			const [trail] = await tx.query<{ actor: string; after: { files: string[]; sha256: string; written: number } }>(
				"SELECT actor, after FROM audit_log WHERE action = 'import' AND entity_id = 'town' ORDER BY id DESC LIMIT 1"
			);
			expect(trail.actor).toBe(TEST_ACTOR.name);
			expect(trail.after).toMatchObject({ files: ['towns.geojson'], written: 2 });
			expect(trail.after.sha256).toMatch(/^[0-9a-f]{64}$/);
			const rows = await tx.query<{ county: string; t: string }>(
				`SELECT county, ST_GeometryType(geom) AS t FROM town WHERE source_note = 'towns.geojson' ORDER BY id`
			);
			expect(rows).toEqual([
				{ county: '昌吉市', t: 'ST_Point' },
				{ county: '奇台县', t: 'ST_Point' }
			]);
		});
	});
});

describe('importFile: GBK shapefile attributes', () => {
	it('maps GBK field names and values from a loose shapefile in EPSG:4517', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			const files = polygonShapefile('火区', projected(4517), { encoding: 'gbk', prj: ESRI_PRJ[4517] });
			const summary = await run(tx, files);
			expect(summary.notes.map((n) => n.en)).toContain('Attribute encoding: gbk (detected)');
			expect((await readBack(tx)).map((r) => r.name)).toEqual(['庙尔沟火区', '红三沟火区']);
			expect(await worstOffsetMetres(tx)).toBeLessThan(0.01);
		});
	});
});
