import { publicOrigin } from '../serving/origin';
import type { Feature } from 'geojson';
import { getLayer } from '../../layers/registry';
import type { Localized } from '../../layers/types';
import type { Db } from '../db/types';
import { invalidParameter, servingError, unknownLayer } from '../serving/errors';
import { layerExtent } from '../serving/extent';
import { dataVersion, versionTag } from '../serving/layer-version';
import { versionedReadDb, type Databases } from '../serving/read-db';
import { tileResponse } from '../tiles/handler';
import {
	collection,
	collections,
	conformance,
	featureLinks,
	GEOJSON_TYPE,
	itemsLinks,
	landingPage,
	OPENAPI_TYPE,
	publishedLayers
} from './documents';
import { queryFeature, queryFeatures } from './features';
import { collectionHtml, collectionsHtml, conformanceHtml, featureHtml, htmlResponse, itemsHtml, landingHtml } from './html';
import { parseItemsQuery } from './items-query';
import { openApi } from './openapi';
import { collectionTilesets, tileMatrixSets, TILES_DATETIME_NOTE, tileset, TMS_ID, webMercatorQuad } from './tilesets';

type Format = 'json' | 'html';

/** `f=json|html` wins; otherwise HTML only for clients that ask for it (browsers). */
function negotiate(request: Request, url: URL): Format | null {
	const f = url.searchParams.get('f');
	if (f === 'json' || f === 'html') return f;
	if (f !== null) return null;
	return (request.headers.get('accept') ?? '').includes('text/html') ? 'html' : 'json';
}

function jsonResponse(body: unknown, type = 'application/json'): Response {
	return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
		headers: { 'content-type': type, 'cache-control': 'no-cache', 'access-control-allow-origin': '*' }
	});
}

const notFound = (what: Localized) => servingError(404, 'not-found', { zh: `${what.zh}不存在。`, en: `${what.en} does not exist.` });
const noPath = (segments: string[]) => notFound({ zh: `路径 /ogc/${segments.join('/')} `, en: `/ogc/${segments.join('/')}` });

/** /collections/{id}/tiles and /collections/{id}/tiles/WebMercatorQuad (OGC API – Tiles). */
async function tilesetResource(db: Db, base: string, segments: string[]): Promise<Response> {
	const layer = getLayer(segments[1]);
	if (!layer) return unknownLayer(segments[1]);
	const data = await dataVersion(db, layer);
	const version = versionTag(layer, data);
	if (segments.length === 3) return jsonResponse(collectionTilesets(base, layer, version));
	if (segments.length === 4 && segments[3] === TMS_ID) return jsonResponse(tileset(base, layer, version, await layerExtent(db, layer, data)));
	return noPath(segments);
}

/** /collections/{id}/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}: the tile of /tiles/{id}/{z}/{x}/{y}.mvt. */
async function tileResource(dbs: Databases, request: Request, url: URL, segments: string[]): Promise<Response> {
	const [, layer, , tms, z, row, col] = segments;
	if (tms !== TMS_ID) return notFound({ zh: `切片矩阵集“${tms}”`, en: `Tile matrix set "${tms}"` });
	if (url.searchParams.has('datetime')) return invalidParameter(TILES_DATETIME_NOTE);
	const extra = [...url.searchParams.keys()].find((name) => name !== 'v' && name !== 'f');
	if (extra) return invalidParameter({ zh: `未知参数“${extra}”。`, en: `unknown parameter "${extra}"` });
	return tileResponse(await versionedReadDb(dbs, layer, request), { layer, z, x: col, y: row }, request);
}

/**
 * OGC API – Features (Part 1: Core) and – Tiles (Part 1, vector tiles of each collection) under /ogc: `path` is what follows `/ogc/`.
 * Resources: landing page, /conformance, /api, /collections, /collections/{id},
 * /collections/{id}/items and /collections/{id}/items/{featureId}, JSON or HTML; and for
 * tiles /tileMatrixSets[/WebMercatorQuad], /collections/{id}/tiles[/WebMercatorQuad[/{z}/{row}/{col}]], JSON and MVT.
 * Tileset documents hand out versioned tile URLs, so they read the primary's versions;
 * tiles, collections and items read `readDb` (a replica when there is one).
 */
export async function ogcResponse(dbs: Databases, request: Request, path: string): Promise<Response> {
	if (request.method !== 'GET' && request.method !== 'HEAD')
		return servingError(405, 'method-not-allowed', { zh: 'OGC API 只读：请用 GET。', en: 'The OGC API is read-only: use GET.' }, { allow: 'GET, HEAD' });
	const origin = publicOrigin(request);
	if (!origin.ok) throw origin.error;
	// The request's own URL carries adapter-node's guess of the scheme: links use the public origin.
	const requested = new URL(request.url);
	const url = new URL(requested.pathname + requested.search, origin.origin);
	const base = `${origin.origin}/ogc`;
	const format = negotiate(request, url);
	if (!format) return invalidParameter({ zh: 'f 须为 json 或 html。', en: 'f must be json or html' });
	const asHtml = format === 'html';
	const segments = path.split('/').filter(Boolean);

	// Only the items resource takes parameters besides f (OGC asks for 400 on unknown ones).
	const isItems = segments[0] === 'collections' && segments[2] === 'items' && segments.length === 3;
	const isApi = segments.length === 1 && segments[0] === 'api';
	const isTile = segments[0] === 'collections' && segments[2] === 'tiles' && segments.length === 7;
	if (isTile) return tileResource(dbs, request, url, segments);
	if (!isItems && !isApi) {
		const extra = [...url.searchParams.keys()].find((name) => name !== 'f');
		if (extra) return invalidParameter({ zh: `未知参数“${extra}”。`, en: `unknown parameter "${extra}"` });
	}

	if (segments.length === 0) {
		const doc = landingPage(base, asHtml);
		return asHtml ? htmlResponse(landingHtml(doc)) : jsonResponse(doc);
	}
	if (segments[0] === 'conformance' && segments.length === 1) {
		const doc = conformance();
		const links = [{ href: `${base}/conformance?f=json`, rel: 'alternate', type: 'application/json', title: 'JSON' }];
		return asHtml ? htmlResponse(conformanceHtml(doc, links, `${TILES_DATETIME_NOTE.zh} / ${TILES_DATETIME_NOTE.en}`)) : jsonResponse(doc);
	}
	if (isApi) return jsonResponse(openApi(base), OPENAPI_TYPE);
	if (segments[0] === 'tileMatrixSets' && segments.length === 1) return jsonResponse(tileMatrixSets(base));
	if (segments[0] === 'tileMatrixSets' && segments.length === 2 && segments[1] === TMS_ID) return jsonResponse(webMercatorQuad());
	if (segments[0] === 'collections' && segments[2] === 'tiles') return tilesetResource(dbs.db, base, segments);
	const db = dbs.readDb;
	if (segments[0] !== 'collections' || segments.length > 4) return noPath(segments);

	if (segments.length === 1) {
		const entries = [];
		for (const layer of publishedLayers()) entries.push(collection(base, layer, await layerExtent(db, layer, await dataVersion(db, layer)), asHtml));
		const doc = collections(base, entries, asHtml);
		return asHtml ? htmlResponse(collectionsHtml(doc)) : jsonResponse(doc);
	}

	const layer = getLayer(segments[1]);
	if (!layer) return unknownLayer(segments[1]);
	if (segments.length === 2) {
		const doc = collection(base, layer, await layerExtent(db, layer, await dataVersion(db, layer)), asHtml, true);
		return asHtml ? htmlResponse(collectionHtml(doc)) : jsonResponse(doc);
	}
	if (segments[2] !== 'items') return noPath(segments);

	if (segments.length === 4) {
		// Feature ids are the tables' integer keys; anything else names no feature.
		const id = /^\d{1,9}$/.test(segments[3]) ? Number(segments[3]) : null;
		const feature = id === null ? null : await queryFeature(db, layer, id);
		if (id === null || feature === null) return notFound({ zh: `图层 ${layer.id} 的要素“${segments[3]}”`, en: `Feature "${segments[3]}" of ${layer.id}` });
		const links = featureLinks(base, layer, id, asHtml);
		if (asHtml) return htmlResponse(featureHtml(layer, JSON.parse(feature) as Feature, links));
		return jsonResponse(`${feature.slice(0, -1)},"links":${JSON.stringify(links)}}`, GEOJSON_TYPE);
	}

	const query = parseItemsQuery(layer, url.searchParams);
	if (!query.ok) return invalidParameter(query.message);
	const { limit, offset } = query.value;
	const page = await queryFeatures(db, layer, query.value);
	const links = itemsLinks({
		url,
		collection: `${base}/collections/${layer.id}`,
		limit,
		offset,
		returned: page.features.length,
		matched: page.numberMatched,
		asHtml
	});
	if (asHtml) {
		const features = page.features.map((f) => JSON.parse(f) as Feature);
		const shown = features.length ? `showing ${offset + 1}–${offset + features.length}` : 'none on this page';
		const summary = `共 ${page.numberMatched} 个要素 · ${page.numberMatched} features match; ${shown}.`;
		return htmlResponse(itemsHtml(layer, features, summary, links));
	}
	// Assembled as text: PostGIS already wrote each feature's JSON.
	const body =
		`{"type":"FeatureCollection","numberMatched":${page.numberMatched},"numberReturned":${page.features.length},` +
		`"timeStamp":"${new Date().toISOString()}","links":${JSON.stringify(links)},"features":[${page.features.join(',')}]}`;
	return jsonResponse(body, GEOJSON_TYPE);
}
