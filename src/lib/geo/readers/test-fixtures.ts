// Test fixtures written with JS libraries: shapefiles (@mapbox/shp-write, plus a .dbf
// writer here that can write GBK), GeoPackages (sql.js), FlatGeobuf (flatgeobuf).
// Used by the reader and importer tests only.
import { write, zip } from '@mapbox/shp-write';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import iconv from 'iconv-lite';
import { deflateRawSync } from 'node:zlib';
import initSqlJs from 'sql.js';
import type { FeatureCollection, Geometry, Polygon } from 'geojson';
import type { NamedFile } from './types';

type Row = Record<string, string | number | null>;

/** ESRI .prj texts as GDAL writes them (gdalsrsinfo -o wkt_esri EPSG:nnnn). */
export const ESRI_PRJ = {
	4517: 'PROJCS["CGCS2000_3_Degree_GK_Zone_29",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",29500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",87.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
	4538: 'PROJCS["CGCS2000_3_Degree_GK_CM_87E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",87.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
	4490: 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
} as const;

/** A dBase III table: text fields as C (bytes in `encoding`), numbers as N. */
export function writeDbf(rows: readonly Row[], encoding: 'utf-8' | 'gbk', languageDriver = 0): Uint8Array {
	const encode = (s: string) => new Uint8Array(iconv.encode(s, encoding));
	const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
	const fields = names.map((name) => {
		const numeric = rows.every((r) => r[name] === null || r[name] === undefined || typeof r[name] === 'number');
		const width = numeric ? 18 : Math.max(1, ...rows.map((r) => encode(String(r[name] ?? '')).length));
		return { name, numeric, width };
	});
	const headerLength = 32 + 32 * fields.length + 1;
	const recordLength = 1 + fields.reduce((n, f) => n + f.width, 0);
	const bytes = new Uint8Array(headerLength + rows.length * recordLength + 1).fill(0x20, headerLength);
	const view = new DataView(bytes.buffer);
	bytes[0] = 0x03;
	view.setUint32(4, rows.length, true);
	view.setUint16(8, headerLength, true);
	view.setUint16(10, recordLength, true);
	bytes[29] = languageDriver;
	fields.forEach((f, i) => {
		const at = 32 + 32 * i;
		bytes.fill(0, at, at + 32);
		bytes.set(encode(f.name).subarray(0, 10), at);
		bytes[at + 11] = (f.numeric ? 'N' : 'C').charCodeAt(0);
		bytes[at + 16] = f.width;
		bytes[at + 17] = f.numeric ? 6 : 0;
	});
	bytes[headerLength - 1] = 0x0d;
	rows.forEach((row, r) => {
		let at = headerLength + r * recordLength + 1;
		for (const f of fields) {
			const value = row[f.name];
			const text = value === null || value === undefined ? '' : f.numeric ? (value as number).toFixed(6).padStart(f.width) : String(value);
			bytes.set(encode(text).subarray(0, f.width), at);
			at += f.width;
		}
	});
	bytes[bytes.length - 1] = 0x1a;
	return bytes;
}

/**
 * A loose polygon shapefile's parts: .shp/.shx from shp-write, a .dbf in `encoding`, and
 * optional .prj and .cpg.
 */
export function polygonShapefile(
	base: string,
	collection: FeatureCollection<Polygon, Row>,
	options: { encoding?: 'utf-8' | 'gbk'; prj?: string; cpg?: string; languageDriver?: number } = {}
): NamedFile[] {
	let shp: DataView | undefined;
	let shx: DataView | undefined;
	write(
		collection.features.map((f) => f.properties),
		'POLYGON',
		collection.features.map((f) => f.geometry.coordinates),
		(_error, files) => {
			shp = files.shp as DataView;
			shx = files.shx as DataView;
		}
	);
	const files: NamedFile[] = [
		{ name: `${base}.shp`, bytes: new Uint8Array(shp!.buffer) },
		{ name: `${base}.shx`, bytes: new Uint8Array(shx!.buffer) },
		{ name: `${base}.dbf`, bytes: writeDbf(collection.features.map((f) => f.properties), options.encoding ?? 'utf-8', options.languageDriver) }
	];
	const text = (s: string) => new TextEncoder().encode(s);
	if (options.prj) files.push({ name: `${base}.prj`, bytes: text(options.prj) });
	if (options.cpg) files.push({ name: `${base}.cpg`, bytes: text(options.cpg) });
	return files;
}

/** A zipped shapefile as shp-write makes it (deflated; its default .prj is WGS84 unless `prj`). */
export async function zippedShapefile(collection: FeatureCollection<Polygon>, name: string, prj?: string): Promise<Uint8Array> {
	return zip<'uint8array'>(collection, { outputType: 'uint8array', compression: 'DEFLATE', types: { polygon: name }, ...(prj ? { prj } : {}) });
}

function crc32(bytes: Uint8Array): number {
	let crc = ~0;
	for (const byte of bytes) {
		crc ^= byte;
		for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
	}
	return ~crc >>> 0;
}

/** A zip of stored (uncompressed) entries; `utf8Names: false` writes names in GBK without the UTF-8 flag, as Chinese Windows does. */
export function storedZip(files: readonly NamedFile[], utf8Names = true): Uint8Array {
	return zipOf(files, { utf8Names });
}

/**
 * A zip, its entries stored or deflated; `declaredSize` overrides the uncompressed size the
 * zip states (a zip bomb lies about it).
 */
export function zipOf(files: readonly NamedFile[], options: { utf8Names?: boolean; deflate?: boolean; declaredSize?: number } = {}): Uint8Array {
	const utf8Names = options.utf8Names ?? true;
	const centrals: number[] = [];
	const u16 = (out: number[], n: number) => out.push(n & 0xff, n >>> 8);
	const u32 = (out: number[], n: number) => out.push(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24);
	const chunks: Uint8Array[] = [];
	let localLength = 0;
	for (const file of files) {
		const name = utf8Names ? new TextEncoder().encode(file.name) : new Uint8Array(iconv.encode(file.name, 'gbk'));
		const offset = localLength;
		const crc = crc32(file.bytes);
		const flags = utf8Names ? 0x800 : 0;
		const method = options.deflate ? 8 : 0;
		const data = options.deflate ? new Uint8Array(deflateRawSync(file.bytes)) : file.bytes;
		const size = options.declaredSize ?? file.bytes.length;
		const local: number[] = [];
		u32(local, 0x04034b50), u16(local, 20), u16(local, flags), u16(local, method), u32(local, 0);
		u32(local, crc), u32(local, data.length), u32(local, size), u16(local, name.length), u16(local, 0);
		local.push(...name);
		chunks.push(new Uint8Array(local), data);
		localLength += local.length + data.length;
		u32(centrals, 0x02014b50), u16(centrals, 20), u16(centrals, 20), u16(centrals, flags), u16(centrals, method), u32(centrals, 0);
		u32(centrals, crc), u32(centrals, data.length), u32(centrals, size), u16(centrals, name.length);
		u16(centrals, 0), u16(centrals, 0), u16(centrals, 0), u16(centrals, 0), u32(centrals, 0), u32(centrals, offset);
		centrals.push(...name);
	}
	const end: number[] = [];
	u32(end, 0x06054b50), u16(end, 0), u16(end, 0), u16(end, files.length), u16(end, files.length);
	u32(end, centrals.length), u32(end, localLength), u16(end, 0);
	const all = new Uint8Array(localLength + centrals.length + end.length);
	let at = 0;
	for (const part of [...chunks, new Uint8Array(centrals), new Uint8Array(end)]) {
		all.set(part, at);
		at += part.length;
	}
	return all;
}

export function flatGeobuf(collection: FeatureCollection, epsg = 0): Uint8Array {
	return serialize(collection, epsg);
}

/** Little-endian ISO WKB of a 2D Point, LineString, Polygon or MultiPolygon. */
export function wkb(geometry: Geometry): Uint8Array {
	const parts: number[] = [];
	const uint32 = (n: number) => {
		const b = new Uint8Array(4);
		new DataView(b.buffer).setUint32(0, n, true);
		parts.push(...b);
	};
	const float64 = (n: number) => {
		const b = new Uint8Array(8);
		new DataView(b.buffer).setFloat64(0, n, true);
		parts.push(...b);
	};
	const points = (ps: number[][]) => {
		uint32(ps.length);
		ps.forEach(([x, y]) => (float64(x), float64(y)));
	};
	const one = (g: Geometry) => {
		parts.push(1);
		switch (g.type) {
			case 'Point':
				uint32(1);
				float64(g.coordinates[0]);
				float64(g.coordinates[1]);
				break;
			case 'LineString':
				uint32(2);
				points(g.coordinates);
				break;
			case 'Polygon':
				uint32(3);
				uint32(g.coordinates.length);
				g.coordinates.forEach(points);
				break;
			case 'MultiPolygon':
				uint32(6);
				uint32(g.coordinates.length);
				g.coordinates.forEach((coordinates) => one({ type: 'Polygon', coordinates }));
				break;
			default:
				throw new Error(`wkb(): ${g.type} not needed by the tests`);
		}
	};
	one(geometry);
	return new Uint8Array(parts);
}

/** A GeoPackage with one feature table; geometries as GeoPackage binary with an XY envelope. */
export async function geoPackage(
	collection: FeatureCollection<Geometry, Row>,
	options: { table?: string; srsId: number; organization?: string; code?: number; definition?: string }
): Promise<Uint8Array> {
	const SQL = await initSqlJs();
	const db = new SQL.Database();
	const table = options.table ?? 'features';
	const columns = [...new Set(collection.features.flatMap((f) => Object.keys(f.properties)))];
	db.run(`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
		organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)`);
	db.run(`CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT, srs_id INTEGER)`);
	db.run(`CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
		srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL)`);
	db.run('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, NULL)', [
		'test', options.srsId, options.organization ?? 'EPSG', options.code ?? options.srsId, options.definition ?? 'undefined'
	]);
	db.run('INSERT INTO gpkg_contents VALUES (?, ?, ?, ?)', [table, 'features', table, options.srsId]);
	db.run('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)', [table, 'geom', 'GEOMETRY', options.srsId]);
	db.run(`CREATE TABLE "${table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB, ${columns.map((c) => `"${c}"`).join(', ')})`);
	for (const f of collection.features) {
		const body = wkb(f.geometry);
		const blob = new Uint8Array(8 + 32 + body.length);
		const view = new DataView(blob.buffer);
		blob.set([0x47, 0x50, 0, 0b0000_0011]); // "GP", version 0, XY envelope, little-endian
		view.setInt32(4, options.srsId, true);
		[0, 0, 0, 0].forEach((v, i) => view.setFloat64(8 + i * 8, v, true)); // envelope content is not read
		blob.set(body, 40);
		db.run(`INSERT INTO "${table}" (geom, ${columns.map((c) => `"${c}"`).join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`, [
			blob,
			...columns.map((c) => f.properties[c] ?? null)
		]);
	}
	const bytes = db.export();
	db.close();
	return bytes;
}
