import { COUNTIES } from '../../layers/counties';
import { getLayer } from '../../layers/registry';
import type { Db } from '../db/types';
import { ApiError } from '../http/errors';
import { OVERLAY_GRID } from './class-map-sql';
import type { AreaInput } from './request';

/** An area of interest resolved to geometry, cut to the prefecture. */
export interface ResolvedArea {
	/** GeoJSON (WGS84) of the area inside the prefecture. */
	geojson: string;
	areaM2: number;
	bbox: [number, number, number, number];
}

function countyTable(): string {
	const county = getLayer('county');
	if (!county) throw new Error('The registry has no county layer');
	return `"${county.table}"`;
}

/**
 * A cache key for an area that needs no geometry: the county is named by its code (looked up
 * here, so "昌吉市", "Changji" and "652301" share one entry).
 */
export async function areaKey(db: Db, area: AreaInput): Promise<string> {
	if ('prefecture' in area) return 'prefecture';
	if ('point' in area) return `point:${area.point[0]},${area.point[1]},${area.radiusM}`;
	if ('county' in area) return `county:${await countyCode(db, area.county)}`;
	return `polygon:${JSON.stringify(area.coordinates)}`;
}

async function countyCode(db: Db, name: string): Promise<string> {
	const wanted = name.trim();
	// English names as the registry spells them ("Mori (Mulei)") map to the stored Chinese name.
	const zh = Object.entries(COUNTIES).find(([, l]) => l.en.toLowerCase() === wanted.toLowerCase())?.[0] ?? wanted;
	const [row] = await db.query<{ code: string }>(
		`SELECT code FROM ${countyTable()} WHERE name = $1 OR code = $1 OR lower(name_en) = lower($2) ORDER BY code LIMIT 1`,
		[zh, wanted]
	);
	if (!row) {
		const list = Object.entries(COUNTIES).map(([k, l]) => `${k} (${l.en})`).join(', ');
		const messages = { zh: `未知的县市 "${name}"：可选 ${list}，或其代码。`, en: `Unknown county "${name}": use one of ${list}, or its code.` };
		throw new ApiError(400, 'unknown-county', messages, { messages });
	}
	return row.code;
}

/**
 * The area as geometry inside the prefecture (the county layer): the zoning data covers the
 * prefecture only, so ground beyond it would look clear for want of data. A county is taken as
 * it is; the prefecture is the union of the counties; a drawn area or a circle is cut by the
 * counties it meets (their union, so no county line splits it). One statement. Throws 422
 * `outside-prefecture` when nothing of the area is inside.
 */
export async function resolveArea(db: Db, area: AreaInput, key: string): Promise<ResolvedArea> {
	const table = countyTable();
	const union = (where: string) => `(SELECT ST_Union(geom, ${OVERLAY_GRID}) FROM ${table} c WHERE ${where})`;
	const clip = (drawn: string) =>
		`(SELECT ST_Intersection(d.g, ${union('c.geom && d.g')}, ${OVERLAY_GRID}) FROM (SELECT ${drawn} AS g) d)`;
	let expr: string;
	let values: unknown[];
	if ('prefecture' in area) [expr, values] = [union('true'), []];
	else if ('county' in area) [expr, values] = [union('c.code = $1'), [key.slice('county:'.length)]];
	else if ('point' in area)
		[expr, values] = [clip(`ST_Buffer(ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326)::geography, $3::float8, 'quad_segs=16')::geometry`), [...area.point, area.radiusM]];
	else [expr, values] = [clip(`ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326))`), [JSON.stringify(area)]];
	const [row] = await db.query<{ geojson: string | null; area_m2: number | null; xmin: number; ymin: number; xmax: number; ymax: number }>(
		`WITH a AS (SELECT ST_CollectionExtract(COALESCE(${expr}, ST_GeomFromText('POLYGON EMPTY', 4326)), 3) AS g)
SELECT CASE WHEN ST_IsEmpty(g) THEN NULL ELSE ST_AsGeoJSON(g) END AS geojson, ST_Area(g::geography) AS area_m2,
	ST_XMin(g) AS xmin, ST_YMin(g) AS ymin, ST_XMax(g) AS xmax, ST_YMax(g) AS ymax FROM a`,
		values
	);
	if (!row?.geojson || !row.area_m2) {
		const messages = { zh: '所选范围不在昌吉州内：州外没有区划数据，无法判断。', en: 'The area lies outside Changji Prefecture: there is no zoning data to class it by.' };
		throw new ApiError(422, 'outside-prefecture', messages, { messages });
	}
	return { geojson: row.geojson, areaM2: row.area_m2, bbox: [row.xmin, row.ymin, row.xmax, row.ymax] };
}
