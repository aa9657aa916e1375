import type { FieldLayer, FieldSite, FieldSitesQuery, LastInspection } from '../../api/field';
import { siteKey } from '../../api/field';
import type { LayerDef } from '../../layers/types';
import type { Db } from '../db/types';
import { columnOfRecord } from './of-record';
import { fieldLayerDef, fieldLayerDefs, hasAttribute, statusLabel } from './field-layers';

/**
 * One SELECT per field layer, in the same columns, for a UNION: status and restored
 * hectares as of record, the mapped area for mine restoration (its target).
 */
function layerBranch(layer: LayerDef): string {
	const status = hasAttribute(layer, 'status') ? columnOfRecord(layer, 'status') : 'NULL::text';
	const restored = hasAttribute(layer, 'restored_ha') ? `${columnOfRecord(layer, 'restored_ha')}::float8` : 'NULL::float8';
	const target = hasAttribute(layer, 'restored_ha') ? 'ST_Area(geom::geography) / 10000' : 'NULL::float8';
	return `SELECT '${layer.id}'::text AS layer, id, name, name_en, county, ${status} AS status,
		${restored} AS restored_ha, ${target} AS target_ha, geom FROM "${layer.table}"`;
}

/** Every site of every field layer with its status of record (layer ids come from the registry). */
export function sitesSql(): string {
	return fieldLayerDefs().map(layerBranch).join('\nUNION ALL\n');
}

export type SiteRow = {
	layer: FieldLayer;
	id: number;
	name: string;
	name_en: string | null;
	county: string | null;
	status: string | null;
	restored_ha: number | null;
	target_ha: number | null;
	cx: number;
	cy: number;
	west: number;
	south: number;
	east: number;
	north: number;
	distance_m: number | null;
	bearing_deg: number | null;
	last_id: string | null;
	last_at: Date | string | null;
	last_status: string | null;
}

/** The shared SELECT list: centroid (a point inside), bbox, distance/bearing from $1/$2, last inspection. */
export const SITE_COLUMNS = `s.layer, s.id, s.name, s.name_en, s.county, s.status, s.restored_ha, s.target_ha,
	ST_X(c.p) AS cx, ST_Y(c.p) AS cy,
	ST_XMin(s.geom) AS west, ST_YMin(s.geom) AS south, ST_XMax(s.geom) AS east, ST_YMax(s.geom) AS north,
	CASE WHEN $1::float8 IS NULL THEN NULL
		ELSE ST_Distance(s.geom::geography, ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326)::geography) END AS distance_m,
	CASE WHEN $1::float8 IS NULL THEN NULL
		ELSE degrees(ST_Azimuth(ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326)::geography, c.p::geography)) END AS bearing_deg,
	last.id::text AS last_id, last.inspected_at AS last_at, last.status_change AS last_status`;

export const SITE_JOINS = `CROSS JOIN LATERAL (SELECT ST_PointOnSurface(s.geom) AS p) c
	LEFT JOIN LATERAL (
		SELECT id, inspected_at, status_change FROM field_inspection
		WHERE layer = s.layer AND site_id = s.id AND deleted_at IS NULL
		ORDER BY inspected_at DESC, updated_at DESC LIMIT 1
	) last ON true`;

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

export function siteFromRow(row: SiteRow): FieldSite {
	const layer = fieldLayerDef(row.layer);
	const lastInspection: LastInspection | undefined =
		row.last_id && row.last_at ? { id: row.last_id, inspectedAt: iso(row.last_at), status: row.last_status } : undefined;
	const site: FieldSite = {
		key: siteKey(row.layer, row.id),
		layer: row.layer,
		id: row.id,
		name: row.name,
		nameEn: row.name_en,
		county: row.county,
		status: row.status,
		statusLabel: statusLabel(layer, row.status),
		centroid: [Number(row.cx), Number(row.cy)],
		bbox: [Number(row.west), Number(row.south), Number(row.east), Number(row.north)]
	};
	if (row.distance_m !== null) site.distanceM = Math.round(Number(row.distance_m) * 10) / 10;
	if (row.bearing_deg !== null) site.bearingDeg = Math.round(Number(row.bearing_deg) * 10) / 10;
	if (lastInspection) site.lastInspection = lastInspection;
	if (row.target_ha !== null) site.targetHa = Math.round(Number(row.target_ha) * 100) / 100;
	if (row.restored_ha !== null) site.restoredHa = Number(row.restored_ha);
	return site;
}

/** Midnight China Standard Time (UTC+8, no daylight saving) of a YYYY-MM-DD day. */
export function chinaMidnight(day: string): Date {
	return new Date(`${day}T00:00:00+08:00`);
}

/**
 * Sites of the field layers, nearest first (geodesic distance to the site, 0 inside it)
 * when a position is given, else by name; filtered by county, layer, status of record and
 * "no accepted inspection since".
 */
export async function listSites(db: Db, query: FieldSitesQuery): Promise<FieldSite[]> {
	const hasPosition = query.lon !== undefined && query.lat !== undefined;
	const rows = await db.query<SiteRow>(
		`SELECT ${SITE_COLUMNS}
		FROM (${sitesSql()}) s ${SITE_JOINS}
		WHERE ($3::text IS NULL OR s.county = $3) AND ($4::text IS NULL OR s.layer = $4)
			AND ($5::text IS NULL OR s.status = $5)
			AND ($6::timestamptz IS NULL OR last.inspected_at IS NULL OR last.inspected_at < $6)
		ORDER BY distance_m NULLS LAST, s.name, s.layer, s.id
		LIMIT $7`,
		[
			hasPosition ? query.lon : null,
			hasPosition ? query.lat : null,
			query.county ?? null,
			query.layer ?? null,
			query.status ?? null,
			query.notInspectedSince ? chinaMidnight(query.notInspectedSince).toISOString() : null,
			query.limit ?? 200
		]
	);
	return rows.map(siteFromRow);
}
