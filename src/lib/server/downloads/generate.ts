import type { MultiLineString, MultiPolygon, Point } from 'geojson';
import { publicAttributes } from '../../layers/registry';
import type { AttributeType, LayerDef } from '../../layers/types';
import type { Db } from '../db/types';
import { publicPropertiesJson, quoteIdent, selectPublicAttributes } from '../serving/columns';
import { ATTRIBUTION } from '../tiles/tilejson';
import { ColumnType, GeometryType, writeFlatGeobuf, type FgbValue } from './flatgeobuf';

export const DOWNLOAD_FORMATS = {
	fgb: { contentType: 'application/flatgeobuf', extension: 'fgb' },
	geojson: { contentType: 'application/geo+json', extension: 'geojson' }
} as const;
export type DownloadFormat = keyof typeof DOWNLOAD_FORMATS;

/** FlatGeobuf column types of the values `selectPublicAttributes(…, 'scalar')` reads. */
const FGB_COLUMN: Record<AttributeType, ColumnType> = {
	text: ColumnType.String,
	enum: ColumnType.String,
	'text[]': ColumnType.String,
	date: ColumnType.String,
	integer: ColumnType.Int,
	number: ColumnType.Double,
	boolean: ColumnType.Bool
};
const FGB_GEOMETRY = { MultiPolygon: GeometryType.MultiPolygon, MultiLineString: GeometryType.MultiLineString, Point: GeometryType.Point };

type FgbRow = { id: number; geometry: string; x0: number; y0: number; x1: number; y1: number } & Record<string, FgbValue>;

/** The layer as FlatGeobuf with its spatial index. `id` is a column: FlatGeobuf has no feature ids. */
async function flatGeobuf(db: Db, layer: LayerDef): Promise<Uint8Array<ArrayBuffer>> {
	const rows = await db.query<FgbRow>(
		`SELECT id, ${selectPublicAttributes(layer, 'scalar')}, ST_AsGeoJSON(geom, 15) AS geometry,
			ST_XMin(geom) AS x0, ST_YMin(geom) AS y0, ST_XMax(geom) AS x1, ST_YMax(geom) AS y1
		 FROM ${quoteIdent(layer.table)} ORDER BY id`
	);
	const attributes = publicAttributes(layer);
	return writeFlatGeobuf(
		{
			name: layer.id,
			title: `${layer.title.zh} ${layer.title.en}`,
			description: ATTRIBUTION,
			geometryType: FGB_GEOMETRY[layer.geometryType],
			columns: [{ name: 'id', type: ColumnType.Int }, ...attributes.map((a) => ({ name: a.name, type: FGB_COLUMN[a.type] }))],
			crs: 4326
		},
		rows.map((row) => ({
			geometry: JSON.parse(row.geometry) as Point | MultiPolygon | MultiLineString,
			properties: Object.fromEntries([['id', row.id], ...attributes.map((a) => [a.name, row[a.name]])]),
			bbox: [row.x0, row.y0, row.x1, row.y1]
		}))
	);
}

/** The whole layer as a GeoJSON FeatureCollection (RFC 7946: WGS84, lon/lat), built in SQL. */
async function geoJson(db: Db, layer: LayerDef): Promise<Uint8Array<ArrayBuffer>> {
	const [row] = await db.query<{ doc: string }>(
		`SELECT json_build_object(
			'type', 'FeatureCollection',
			'name', $1::text,
			'features', coalesce(json_agg(json_build_object(
				'type', 'Feature', 'id', id, 'geometry', ST_AsGeoJSON(geom)::json, 'properties', ${publicPropertiesJson(layer)}
			) ORDER BY id), '[]'::json)
		)::text AS doc FROM ${quoteIdent(layer.table)}`,
		[layer.id]
	);
	return new TextEncoder().encode(row.doc);
}

/** Builds a layer download from PostGIS (done once per data version; see DownloadStore). */
export function generateDownload(db: Db, layer: LayerDef, format: DownloadFormat): Promise<Uint8Array<ArrayBuffer>> {
	return format === 'fgb' ? flatGeobuf(db, layer) : geoJson(db, layer);
}
