import { LAYERS } from '../../layers/registry';
import type { LayerDef } from '../../layers/types';
import type { Bbox } from '../serving/extent';
import { ATTRIBUTION } from '../tiles/tilejson';
import { CRS84, REL_TILESETS_VECTOR, REL_TILING_SCHEMES, TILES_CONFORMANCE } from './tilesets';

export const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';
export const GEOJSON_TYPE = 'application/geo+json';

const FEATURES_CONFORMANCE = [
	'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
	'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
	'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
	'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30'
];

/** Features and Tiles: what the API conforms to. */
export const CONFORMANCE = [...FEATURES_CONFORMANCE, ...TILES_CONFORMANCE];

export interface Link {
	href: string;
	rel: string;
	type: string;
	title?: string;
	/** The href is a URI template (OGC API – Tiles `item` links). */
	templated?: boolean;
}

/** Links to a resource in JSON (`self` or `alternate`) and HTML. */
function selfAndAlternate(href: string, jsonType: string, asHtml: boolean): Link[] {
	const json: Link = { href: `${href}?f=json`, rel: asHtml ? 'alternate' : 'self', type: jsonType, title: 'JSON' };
	const html: Link = { href: `${href}?f=html`, rel: asHtml ? 'self' : 'alternate', type: 'text/html', title: 'HTML' };
	return [json, html];
}

/** Every layer is public for now: the OGC API lists the registry (an allow-list, not the database). */
export function publishedLayers(): readonly LayerDef[] {
	return LAYERS;
}

export function landingPage(base: string, asHtml: boolean) {
	return {
		title: '昌吉生态一张图 Changji EcoMap — OGC API – Features & Tiles',
		description: `Ecological zoning and restoration layers of Changji Prefecture. ${ATTRIBUTION}`,
		links: [
			...selfAndAlternate(base, 'application/json', asHtml),
			{ href: `${base}/api`, rel: 'service-desc', type: OPENAPI_TYPE, title: 'OpenAPI 3.0 definition' },
			{ href: `${base}/conformance`, rel: 'conformance', type: 'application/json', title: 'Conformance classes' },
			{ href: `${base}/collections`, rel: 'data', type: 'application/json', title: 'Collections' },
			{ href: `${base}/tileMatrixSets`, rel: REL_TILING_SCHEMES, type: 'application/json', title: 'Tile matrix sets' }
		] satisfies Link[]
	};
}

export function conformance() {
	return { conformsTo: CONFORMANCE };
}

export function collection(base: string, layer: LayerDef, bbox: Bbox, asHtml: boolean, self = false) {
	const href = `${base}/collections/${layer.id}`;
	const origin = new URL(base).origin;
	return {
		id: layer.id,
		title: `${layer.title.zh} ${layer.title.en}`,
		description: `${layer.description.zh} ${layer.description.en} ${ATTRIBUTION}`,
		itemType: 'feature',
		crs: [CRS84],
		extent: { spatial: { bbox: [bbox], crs: CRS84 } },
		links: [
			...(self ? selfAndAlternate(href, 'application/json', asHtml) : [{ href, rel: 'collection', type: 'application/json', title: layer.title.en }]),
			{ href: `${href}/items?f=json`, rel: 'items', type: GEOJSON_TYPE, title: 'Features (GeoJSON)' },
			{ href: `${href}/items?f=html`, rel: 'items', type: 'text/html', title: 'Features (HTML)' },
			{ href: `${href}/tiles`, rel: REL_TILESETS_VECTOR, type: 'application/json', title: 'Vector tilesets (OGC API – Tiles)' },
			{ href: `${origin}/tiles/${layer.id}.json`, rel: 'related', type: 'application/json', title: 'Vector tiles (TileJSON)' },
			{ href: `${origin}/download/${layer.id}.fgb`, rel: 'enclosure', type: 'application/flatgeobuf', title: 'Download (FlatGeobuf)' },
			{ href: `${origin}/download/${layer.id}.geojson`, rel: 'enclosure', type: GEOJSON_TYPE, title: 'Download (GeoJSON)' }
		] satisfies Link[]
	};
}

export type CollectionDocument = ReturnType<typeof collection>;

export function collections(base: string, entries: CollectionDocument[], asHtml: boolean) {
	return { links: selfAndAlternate(`${base}/collections`, 'application/json', asHtml), collections: entries };
}

export interface ItemsLinksInput {
	/** The items URL with the request's own parameters (f, limit and offset are replaced). */
	url: URL;
	collection: string;
	limit: number;
	offset: number;
	returned: number;
	matched: number;
	asHtml: boolean;
}

/** self/alternate plus `next` and `prev` when there are more pages. */
export function itemsLinks({ url, collection, limit, offset, returned, matched, asHtml }: ItemsLinksInput): Link[] {
	const page = (start: number, f: 'json' | 'html') => {
		const next = new URL(url);
		next.searchParams.set('f', f);
		next.searchParams.set('limit', String(limit));
		next.searchParams.set('offset', String(start));
		return next.toString();
	};
	const f = asHtml ? 'html' : 'json';
	const type = asHtml ? 'text/html' : GEOJSON_TYPE;
	const links: Link[] = [
		{ href: page(offset, 'json'), rel: asHtml ? 'alternate' : 'self', type: GEOJSON_TYPE, title: 'GeoJSON' },
		{ href: page(offset, 'html'), rel: asHtml ? 'self' : 'alternate', type: 'text/html', title: 'HTML' },
		{ href: collection, rel: 'collection', type: 'application/json', title: 'Collection' }
	];
	if (offset + returned < matched) links.push({ href: page(offset + limit, f), rel: 'next', type, title: 'Next page' });
	if (offset > 0) links.push({ href: page(Math.max(0, offset - limit), f), rel: 'prev', type, title: 'Previous page' });
	return links;
}

export function featureLinks(base: string, layer: LayerDef, id: number, asHtml: boolean): Link[] {
	const href = `${base}/collections/${layer.id}/items/${id}`;
	return [
		...selfAndAlternate(href, GEOJSON_TYPE, asHtml),
		{ href: `${base}/collections/${layer.id}`, rel: 'collection', type: 'application/json', title: layer.title.en }
	];
}
