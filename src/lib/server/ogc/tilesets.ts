import { publicAttributes } from '../../layers/registry';
import type { AttributeType, LayerDef } from '../../layers/types';
import type { Bbox } from '../serving/extent';
import { tileOf } from '../tiles/coordinates';
import { MVT_TYPE } from '../tiles/handler';
import type { Link } from './documents';

// OGC API – Tiles, Part 1 (vector tiles of the collections) and the one tile matrix set our
// tiles use, WebMercatorQuad (OGC Two Dimensional Tile Matrix Set 2.0).

export const TILES_CONFORMANCE = [
	'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core',
	'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset',
	'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list',
	'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets',
	'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt',
	'http://www.opengis.net/spec/tms/2.0/conf/tilematrixset',
	'http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset'
];

/** Not declared: no layer has a temporal extent to select tiles by. Said so in the conformance page. */
export const TILES_DATETIME_NOTE = {
	zh: '瓦片不支持 datetime 参数（图层无时间范围）。',
	en: 'Tiles: the datetime parameter (…/ogcapi-tiles-1/1.0/conf/datetime) is not supported; no layer has a temporal extent.'
};

export const TMS_ID = 'WebMercatorQuad';
export const TMS_URI = 'http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad';
const EPSG_3857 = 'http://www.opengis.net/def/crs/EPSG/0/3857';
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const REL_TILING_SCHEME = 'http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme';
export const REL_TILING_SCHEMES = 'http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes';
export const REL_TILESETS_VECTOR = 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector';

const HALF_WORLD = 20037508.342789244;
const MAX_ZOOM = 24;

export function tileMatrixSets(base: string) {
	const href = `${base}/tileMatrixSets/${TMS_ID}`;
	return {
		links: [{ href: `${base}/tileMatrixSets`, rel: 'self', type: 'application/json', title: 'Tile matrix sets' }] satisfies Link[],
		tileMatrixSets: [{ id: TMS_ID, title: 'Google Maps Compatible for the World', uri: TMS_URI, links: [{ href, rel: 'self', type: 'application/json' }] }]
	};
}

/**
 * WebMercatorQuad as OGC 17-083r4 (TMS 2.0) defines it: 256-pixel tiles, origin top left,
 * zooms 0–24. The document also carries TMS 1.0's member names (`type`, `identifier`,
 * `supportedCRS`, `tileMatrix`), the only ones GDAL before 3.7 (QGIS 3.22 …) reads.
 */
export function webMercatorQuad() {
	const matrices = Array.from({ length: MAX_ZOOM + 1 }, (_, z) => ({
		id: String(z),
		scaleDenominator: 559082264.0287178 / 2 ** z,
		cellSize: 156543.03392804097 / 2 ** z,
		cornerOfOrigin: 'topLeft',
		pointOfOrigin: [-HALF_WORLD, HALF_WORLD],
		tileWidth: 256,
		tileHeight: 256,
		matrixWidth: 2 ** z,
		matrixHeight: 2 ** z
	}));
	return {
		id: TMS_ID,
		title: 'Google Maps Compatible for the World',
		uri: TMS_URI,
		crs: EPSG_3857,
		orderedAxes: ['X', 'Y'],
		wellKnownScaleSet: 'http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible',
		tileMatrices: matrices,
		// TMS 1.0
		type: 'TileMatrixSetType',
		identifier: TMS_ID,
		supportedCRS: EPSG_3857,
		tileMatrix: matrices.map(({ id, scaleDenominator, pointOfOrigin, tileWidth, tileHeight, matrixWidth, matrixHeight }) => ({
			type: 'TileMatrixType',
			identifier: id,
			scaleDenominator,
			topLeftCorner: pointOfOrigin,
			tileWidth,
			tileHeight,
			matrixWidth,
			matrixHeight
		}))
	};
}

const JSON_SCHEMA_TYPES: Record<AttributeType, string> = {
	text: 'string',
	enum: 'string',
	date: 'string',
	'text[]': 'string',
	integer: 'integer',
	number: 'number',
	boolean: 'boolean'
};

const GEOMETRY_DIMENSION = { Point: 0, MultiLineString: 1, MultiPolygon: 2 } as const;

function tilesetLinks(base: string, layer: LayerDef, version: string): Link[] {
	const href = `${base}/collections/${layer.id}/tiles/${TMS_ID}`;
	return [
		{ href, rel: 'self', type: 'application/json', title: `${layer.title.en} (${TMS_ID})` },
		{ href: `${base}/tileMatrixSets/${TMS_ID}`, rel: REL_TILING_SCHEME, type: 'application/json', title: TMS_ID },
		{ href: `${base}/collections/${layer.id}`, rel: 'collection', type: 'application/json', title: layer.title.en },
		{ href: `${href}/{tileMatrix}/{tileRow}/{tileCol}?v=${version}`, rel: 'item', type: MVT_TYPE, title: 'Vector tiles (MVT)', templated: true }
	];
}

/** GET /ogc/collections/{id}/tiles: the collection's one tileset, vector, in WebMercatorQuad. */
export function collectionTilesets(base: string, layer: LayerDef, version: string) {
	return {
		links: [{ href: `${base}/collections/${layer.id}/tiles`, rel: 'self', type: 'application/json', title: 'Tilesets' }] satisfies Link[],
		tilesets: [{ title: layer.title.en, dataType: 'vector', crs: EPSG_3857, tileMatrixSetURI: TMS_URI, links: tilesetLinks(base, layer, version) }]
	};
}

/** GET /ogc/collections/{id}/tiles/WebMercatorQuad: tileset metadata, its limits from the layer's extent and zooms. */
export function tileset(base: string, layer: LayerDef, version: string, bbox: Bbox) {
	const [west, south, east, north] = bbox;
	const limits = [];
	for (let z = layer.minzoom; z <= layer.maxzoom; z++) {
		const [minCol, minRow] = tileOf(west, north, z);
		const [maxCol, maxRow] = tileOf(east, south, z);
		limits.push({ tileMatrix: String(z), minTileRow: minRow, maxTileRow: maxRow, minTileCol: minCol, maxTileCol: maxCol });
	}
	return {
		title: `${layer.title.zh} ${layer.title.en}`,
		description: TILES_DATETIME_NOTE,
		dataType: 'vector',
		crs: EPSG_3857,
		tileMatrixSetURI: TMS_URI,
		links: tilesetLinks(base, layer, version),
		tileMatrixSetLimits: limits,
		boundingBox: { lowerLeft: [west, south], upperRight: [east, north], crs: CRS84 },
		layers: [
			{
				id: layer.id,
				title: layer.title.en,
				dataType: 'vector',
				geometryDimension: GEOMETRY_DIMENSION[layer.geometryType],
				minTileMatrix: String(layer.minzoom),
				maxTileMatrix: String(layer.maxzoom),
				propertiesSchema: {
					type: 'object',
					properties: Object.fromEntries(publicAttributes(layer).map((a) => [a.name, { type: JSON_SCHEMA_TYPES[a.type], title: a.label.en }]))
				}
			}
		]
	};
}
