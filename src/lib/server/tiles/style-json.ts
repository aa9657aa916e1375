import { createHash } from 'node:crypto';
import { LAYERS } from '../../layers/registry';
import { publicStyle } from '../../map/public-style';
import type { Db } from '../db/types';
import { notModified } from '../serving/conditional';
import { layerExtent } from '../serving/extent';
import { dataVersion, versionTag } from '../serving/layer-version';
import { publicOrigin } from '../serving/origin';
import { ATTRIBUTION, tileUrlTemplate } from './tilejson';

const LANDSCAPE_ATTRIBUTION = '示意底图 © 昌吉生态一张图 / Schematic basemap © Changji EcoMap';

/**
 * GET /style.json: the whole public map as one MapLibre style (see publicStyle), its tile
 * sources inline and versioned, so a client needs this one document instead of a TileJSON
 * per layer. Revalidated on every use: its ETag follows every layer's version.
 * A Host that is not trusted gets root-relative URLs (no host is reflected, so nothing a
 * cache keeps can point elsewhere): the public map resolves them itself, and must load
 * whatever name the server was reached by.
 */
export async function styleResponse(db: Db, request: Request): Promise<Response> {
	const origin = publicOrigin(request);
	const base = origin.ok ? origin.origin : '';
	const versions = await Promise.all(LAYERS.map(async (layer) => ({ layer, data: await dataVersion(db, layer) })));
	const tags = versions.map(({ layer, data }) => versionTag(layer, data));
	const etag = `"style/${createHash('sha1').update(JSON.stringify([base === '', ...tags])).digest('hex').slice(0, 16)}"`;
	const headers = { etag, 'cache-control': 'no-cache' };
	if (notModified(request, etag)) return new Response(null, { status: 304, headers });
	const tiles = [];
	for (const [i, { layer, data }] of versions.entries())
		tiles.push({ layer, tiles: tileUrlTemplate(base, layer, tags[i]), bounds: await layerExtent(db, layer, data) });
	const style = publicStyle({ origin: base, tiles, attribution: ATTRIBUTION, landscapeAttribution: LANDSCAPE_ATTRIBUTION });
	return new Response(JSON.stringify(style), { headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
}
