// GeoPackage (an SQLite file) read with sql.js. Geometries are "GeoPackage binary": a
// header (magic "GP", flags, srs_id, optional envelope) followed by WKB.
import initSqlJs, { type Database, type SqlValue } from 'sql.js';
import type { Geometry } from 'geojson';
import { LocalizedError, L } from '../localized-error';
import { parseWkb } from '../wkb';
import { readWhole, type ByteSource } from './byte-source';
import { checkWholeSize } from './limits';
import type { DeclaredCrs, FeatureStream, ReadOptions, SourceFeature } from './types';

const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

export function isSqlite(bytes: Uint8Array): boolean {
	return new TextDecoder().decode(bytes.subarray(0, 15)) === 'SQLite format 3';
}

/** A GeoPackage binary geometry blob → GeoJSON (null when flagged empty). */
export function parseGeoPackageGeometry(blob: Uint8Array): Geometry | null {
	if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50)
		throw new LocalizedError(L('几何字段不是 GeoPackage 二进制格式', 'A geometry is not in GeoPackage binary format'));
	const flags = blob[3];
	const envelope = (flags >> 1) & 0x07;
	if (envelope >= ENVELOPE_BYTES.length)
		throw new LocalizedError(L('GeoPackage 几何头无效', 'Invalid GeoPackage geometry header'));
	if (flags & 0x10) return null;
	return parseWkb(blob.subarray(8 + ENVELOPE_BYTES[envelope]));
}

interface FeatureTable {
	table: string;
	column: string;
	organization: string | null;
	code: number | null;
	definition: string | null;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

function rows(db: Database, sql: string): Record<string, SqlValue>[] {
	const out: Record<string, SqlValue>[] = [];
	const statement = db.prepare(sql);
	try {
		while (statement.step()) out.push(statement.getAsObject());
	} finally {
		statement.free();
	}
	return out;
}

function featureTables(db: Database): FeatureTable[] {
	try {
		return rows(
			db,
			`SELECT g.table_name AS "table", g.column_name AS "column", s.organization AS organization,
			        s.organization_coordsys_id AS code, s.definition AS definition
			 FROM gpkg_geometry_columns g
			 JOIN gpkg_contents c ON c.table_name = g.table_name
			 LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id
			 ORDER BY g.table_name`
		) as unknown as FeatureTable[];
	} catch {
		throw new LocalizedError(L('不是 GeoPackage（缺少 gpkg_geometry_columns 表）', 'Not a GeoPackage (no gpkg_geometry_columns table)'));
	}
}

function declaredCrs(t: FeatureTable): DeclaredCrs | undefined {
	const where = 'gpkg_spatial_ref_sys';
	if (t.organization?.toUpperCase() === 'EPSG' && t.code && t.code > 0) return { where, epsg: t.code };
	if (t.definition && t.definition.trim() !== 'undefined') return { where, text: t.definition };
	return undefined;
}

/**
 * One feature table (the only one, or `options.table`) of a GeoPackage. sql.js needs the
 * whole file in memory, so the file is refused over maxWholeFileBytes; rows are then read
 * one at a time.
 */
export async function geoPackageStream(source: ByteSource, options: ReadOptions = {}): Promise<FeatureStream> {
	checkWholeSize(source, options);
	const bytes = await readWhole(source);
	const SQL = await initSqlJs(options.locateSqlJsFile ? { locateFile: options.locateSqlJsFile } : undefined);
	const db = new SQL.Database(bytes);
	let chosen: FeatureTable | undefined;
	try {
		const tables = featureTables(db);
		const names = tables.map((t) => t.table);
		if (options.table) chosen = tables.find((t) => t.table.toLowerCase() === options.table!.toLowerCase());
		else if (tables.length === 1) chosen = tables[0];
		if (!chosen) {
			if (!tables.length) throw new LocalizedError(L('GeoPackage 中没有要素表', 'The GeoPackage holds no feature table'));
			throw new LocalizedError(
				options.table
					? L(`找不到表 ${options.table}，可选：${names.join('、')}`, `No table "${options.table}"; there are: ${names.join(', ')}`)
					: L(`GeoPackage 有多个要素表：${names.join('、')}；请用 --table 指定一个`, `The GeoPackage has several feature tables: ${names.join(', ')}; choose one with --table`)
			);
		}
	} finally {
		db.close();
	}
	const table = chosen;
	return {
		format: 'geopackage',
		layerName: table.table,
		crs: declaredCrs(table),
		notes: [],
		async *features() {
			const db = new SQL.Database(bytes);
			const statement = db.prepare(`SELECT * FROM ${quote(table.table)}`);
			try {
				while (statement.step()) {
					const { [table.column]: blob, ...properties } = statement.getAsObject();
					yield { geometry: blob instanceof Uint8Array ? parseGeoPackageGeometry(blob) : null, properties } satisfies SourceFeature;
				}
			} finally {
				statement.free();
				db.close();
			}
		}
	};
}
