import type { LayerDef } from '../../layers/types';
import { quoteIdent, selectPublicAttributes } from '../serving/columns';
import { BUFFER, EXTENT, simplifyTolerance, tileBounds, type TileCoord } from './coordinates';
import { isLowZoom, MIN_FEATURE_UNITS, simplifyUnits, tileAttributes } from './detail';

/** Most features one tile carries (Martin's per-tile limit): a guard, not a style choice. */
export const FEATURE_LIMIT = 10_000;

export interface Statement {
	text: string;
	values: unknown[];
}

// $1 z, $2 x, $3 y throughout. The query box is the tile plus its buffer, transformed to
// the table's SRID (4326) so `geom && box` can use the GiST index — never ST_Transform on
// the column, which would hide it from the index.
const QUERY_BOX = `ST_Transform(ST_TileEnvelope($1, $2, $3, margin => ${BUFFER / EXTENT}), 4326)`;
// Clipping in WGS84 before projecting saves projecting the parts of big polygons that lie
// far outside the tile; the box is two units wider than the final clip so that clip
// decides the edge. Web Mercator keeps lon/lat boxes axis-aligned, so this cuts nothing
// the tile would show.
const PRECLIP_BOX = `ST_Transform(ST_TileEnvelope($1, $2, $3, margin => ${(BUFFER + 2) / EXTENT}), 4326)::box2d`;

/**
 * The WGS84 geometry clipped near the tile and simplified (`tolerance`: see simplifyUnits).
 * ST_AsMVTGeom (wagyu) repairs whatever ST_Simplify breaks; the embedded path clips with
 * GEOS, which needs valid polygons, so there polygons keep their topology while simplified.
 */
function preparedGeometry(layer: LayerDef, tolerance: string, keepValid: boolean): string {
	if (layer.geometry === 'point') return 'geom';
	const simplify = keepValid && layer.geometry === 'polygon' ? 'ST_SimplifyPreserveTopology' : 'ST_Simplify';
	return `${simplify}(ST_ClipByBox2D(geom, ${PRECLIP_BOX}), ${tolerance})`;
}

/** Points are neither clipped nor simplified, so their statements take no tolerance. */
function withTolerance(layer: LayerDef, values: unknown[], tile: TileCoord): unknown[] {
	return layer.geometry === 'point' ? values : [...values, simplifyTolerance(tile, simplifyUnits(tile.z))];
}

// The larger side of the feature's box (`b`, WGS84) in tile units at zoom $1: longitudes
// scale linearly, latitudes through the Web Mercator northing ln(tan(π/4 + φ/2)).
const MERCATOR_Y = (lat: string) => `ln(tan(pi() / 4 + radians(${lat}) / 2))`;
const SIZE_IN_UNITS = `greatest((ST_XMax(b) - ST_XMin(b)) / 360, (${MERCATOR_Y('ST_YMax(b)')} - ${MERCATOR_Y('ST_YMin(b)')}) / (2 * pi())) * ${EXTENT} * 2 ^ $1`;

/**
 * The rows of the tile: those whose box meets the buffered tile (through the GiST index),
 * and below DETAIL_ZOOM only those a pixel or more across. Both encoders share this clause,
 * so they leave out the same features.
 */
function fromWhere(layer: LayerDef, low: boolean): string {
	const table = quoteIdent(layer.table);
	if (!low || layer.geometry === 'point') return `FROM ${table} WHERE geom && ${QUERY_BOX} LIMIT ${FEATURE_LIMIT}`;
	return `FROM ${table}, LATERAL (SELECT ${table}.geom::box2d AS b) AS extent
	WHERE geom && ${QUERY_BOX} AND ${SIZE_IN_UNITS} >= ${MIN_FEATURE_UNITS} LIMIT ${FEATURE_LIMIT}`;
}

/** `id, <attributes the tile carries>`, read for MVT values. */
function selectColumns(layer: LayerDef, z: number): string {
	const attributes = tileAttributes(layer, z);
	return attributes.length ? `id, ${selectPublicAttributes(layer, 'scalar', attributes)}` : 'id';
}

/** Statement texts depend on the layer and on whether the tile is below DETAIL_ZOOM. */
const textKey = (layer: LayerDef, tile: TileCoord) => `${layer.id}/${isLowZoom(tile.z) ? 'low' : 'detail'}`;

const postgisTexts = new Map<string, string>();

/**
 * The whole tile as one statement on a PostGIS server built with protobuf-c: ST_AsMVT
 * over ST_AsMVTGeom. $4 is the layer id (the MVT layer name), $5 the simplification
 * tolerance. Returns one row `{ version, mvt }`: the layer's data version read in the same
 * snapshot as the features (so a cache miss costs one round trip), and the tile, empty
 * when no feature falls in it.
 */
export function postgisTileStatement(layer: LayerDef, tile: TileCoord): Statement {
	const key = textKey(layer, tile);
	let text = postgisTexts.get(key);
	if (!text) {
		const low = isLowZoom(tile.z);
		text = `SELECT (SELECT version FROM layer_version WHERE layer = $4) AS version,
	ST_AsMVT(features, $4, ${EXTENT}, 'geom', 'id') AS mvt FROM (
	SELECT ${selectColumns(layer, tile.z)},
		ST_AsMVTGeom(ST_Transform(${preparedGeometry(layer, '$5', false)}, 3857), ST_TileEnvelope($1, $2, $3), ${EXTENT}, ${BUFFER}, true) AS geom
	${fromWhere(layer, low)}
) AS features`;
		postgisTexts.set(key, text);
	}
	return { text, values: withTolerance(layer, [tile.z, tile.x, tile.y, layer.id], tile) };
}

/**
 * ST_AsMVTGeom spelt out in plain PostGIS, for PGlite (whose PostGIS has no protobuf-c):
 * project, move into tile units with y pointing down ($4–$7: the affine transform), clip
 * to the buffered tile while the polygon is still valid (GEOS's clip needs that), snap to
 * the integer grid, drop collinear points, repair what snapping broke. The result is in
 * tile coordinates, ready for the JavaScript encoder.
 */
function tileGeometry(layer: LayerDef): string {
	const projected = `ST_Affine(ST_Transform(${preparedGeometry(layer, '$8', true)}, 3857), $4, 0, 0, $5, $6, $7)`;
	if (layer.geometry === 'point') return `ST_SnapToGrid(${projected}, 1)`;
	const box = `ST_MakeEnvelope(${-BUFFER}, ${-BUFFER}, ${EXTENT + BUFFER}, ${EXTENT + BUFFER})::box2d`;
	const snapped = `ST_Simplify(ST_SnapToGrid(ST_ClipByBox2D(${projected}, ${box}), 1), 0)`;
	if (layer.geometry === 'line') return `ST_CollectionExtract(${snapped}, 2)`;
	return `ST_CollectionExtract(ST_MakeValid(${snapped}, 'method=structure'), 3)`;
}

const encoderTexts = new Map<string, string>();

/**
 * The tile's features with geometries in tile coordinates (GeoJSON text in `tile_geom`),
 * for the JavaScript MVT encoder. Runs on PGlite and on a PostGIS server alike.
 */
export function encoderTileStatement(layer: LayerDef, tile: TileCoord): Statement {
	const key = textKey(layer, tile);
	let text = encoderTexts.get(key);
	if (!text) {
		const low = isLowZoom(tile.z);
		const names = tileAttributes(layer, tile.z).map((a) => quoteIdent(a.name));
		text = `SELECT ${['id', ...names].join(', ')}, ST_AsGeoJSON(g) AS tile_geom FROM (
	SELECT ${selectColumns(layer, tile.z)}, ${tileGeometry(layer)} AS g
	${fromWhere(layer, low)}
) AS features WHERE g IS NOT NULL AND NOT ST_IsEmpty(g)`;
		encoderTexts.set(key, text);
	}
	const { xmin, ymax, xmax, ymin } = tileBounds(tile);
	const fx = EXTENT / (xmax - xmin);
	const fy = -EXTENT / (ymax - ymin);
	return { text, values: withTolerance(layer, [tile.z, tile.x, tile.y, fx, fy, -xmin * fx, -ymax * fy], tile) };
}
