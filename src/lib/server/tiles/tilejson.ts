import { publicOrigin } from '../serving/origin';
import { getLayer, publicAttributes } from '../../layers/registry';
import type { AttributeType, LayerDef } from '../../layers/types';
import type { Db } from '../db/types';
import { notModified } from '../serving/conditional';
import { unknownLayer } from '../serving/errors';
import { layerExtent } from '../serving/extent';
import { dataVersion, versionTag } from '../serving/layer-version';

/** Every tile carries this: the shipped data is illustrative, not authoritative. */
export const ATTRIBUTION =
	'昌吉生态一张图 Changji EcoMap — 示意数据，非权威界线 / Illustrative data, not authoritative boundaries';

/** Field types in TileJSON's vector_layers, as tippecanoe and Martin name them. */
const FIELD_TYPES: Record<AttributeType, string> = {
	text: 'String',
	enum: 'String',
	date: 'String',
	'text[]': 'String',
	integer: 'Number',
	number: 'Number',
	boolean: 'Boolean'
};

export interface TileJson {
	tilejson: '3.0.0';
	name: string;
	description: string;
	version: string;
	attribution: string;
	scheme: 'xyz';
	tiles: string[];
	minzoom: number;
	maxzoom: number;
	bounds: [number, number, number, number];
	center: [number, number, number];
	vector_layers: { id: string; description: string; minzoom: number; maxzoom: number; fields: Record<string, string> }[];
}

/** The versioned tile URL template of a layer: TileJSON, style.json and OGC tilesets all hand out this one. */
export function tileUrlTemplate(origin: string, layer: LayerDef, version: string): string {
	return `${origin}/tiles/${layer.id}/{z}/{x}/{y}.mvt?v=${version}`;
}

export function buildTileJson(layer: LayerDef, origin: string, version: string, bounds: TileJson['bounds']): TileJson {
	const fields = Object.fromEntries(publicAttributes(layer).map((a) => [a.name, FIELD_TYPES[a.type]]));
	const centerZoom = Math.min(Math.max(8, layer.minzoom), layer.maxzoom);
	return {
		tilejson: '3.0.0',
		name: `${layer.title.zh} ${layer.title.en}`,
		description: `${layer.description.zh} ${layer.description.en}`,
		version: '1.0.0',
		attribution: ATTRIBUTION,
		scheme: 'xyz',
		tiles: [tileUrlTemplate(origin, layer, version)],
		minzoom: layer.minzoom,
		maxzoom: layer.maxzoom,
		bounds,
		center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, centerZoom],
		vector_layers: [{ id: layer.id, description: layer.title.en, minzoom: layer.minzoom, maxzoom: layer.maxzoom, fields }]
	};
}

/**
 * GET /tiles/{layer}.json: TileJSON 3.0 whose tiles URL carries the current data version.
 * It must be revalidated (its ETag follows the version) so maps pick up new data at once.
 */
export async function tileJsonResponse(db: Db, layerId: string, request: Request): Promise<Response> {
	const layer = getLayer(layerId);
	if (!layer) return unknownLayer(layerId);
	const origin = publicOrigin(request);
	if (!origin.ok) throw origin.error;
	const data = await dataVersion(db, layer);
	const version = versionTag(layer, data);
	const headers: Record<string, string> = {
		etag: `"tilejson/${layer.id}/${version}"`,
		'cache-control': 'no-cache',
		'access-control-allow-origin': '*'
	};
	if (notModified(request, headers.etag)) return new Response(null, { status: 304, headers });
	const bounds = await layerExtent(db, layer, data);
	const doc = buildTileJson(layer, origin.origin, version, bounds);
	return new Response(JSON.stringify(doc), { headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
}
