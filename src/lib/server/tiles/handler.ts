import { getLayer } from '../../layers/registry';
import type { LayerDef } from '../../layers/types';
import { readConfig } from '../config';
import type { Db } from '../db/types';
import { cacheControlFor } from '../serving/cache-control';
import { notModified } from '../serving/conditional';
import { servingError, unknownLayer } from '../serving/errors';
import { currentVersionTag, versionTag } from '../serving/layer-version';
import { TileCache } from './cache';
import { parseTile, type TileCoord } from './coordinates';
import { renderTile, type TileBytes } from './render';

export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';

export interface TileParams {
	layer: string;
	z: string;
	x: string;
	y: string;
}

interface ServedTile {
	bytes: TileBytes;
	version: string;
	hit: boolean;
}

/**
 * The tile cache, the version each layer was last seen at, and the renders in flight (so
 * concurrent misses of one tile render once).
 */
export class TileService {
	private readonly inflight = new Map<string, Promise<{ bytes: TileBytes; version: string }>>();
	private readonly seen = new Map<string, string>();

	constructor(readonly cache: TileCache) {}

	/**
	 * The tile at the layer's current version. A hit costs one version lookup. When the
	 * tile is probably not cached (and no 304 is possible), a PostGIS server renders it
	 * straight away: its tile statement reads the version in the same snapshot, so a miss
	 * is one round trip, not two.
	 */
	async tile(db: Db, layer: LayerDef, tile: TileCoord, conditional: boolean): Promise<ServedTile> {
		const { z, x, y } = tile;
		const seen = this.seen.get(layer.id);
		const likelyCached = seen !== undefined && this.cache.has(TileCache.key(layer.id, seen, z, x, y));
		if (db.backend === 'server' && !likelyCached && !conditional) return { ...(await this.render(db, layer, tile, null)), hit: false };

		const version = await currentVersionTag(db, layer);
		this.observe(layer.id, version);
		const cached = this.cache.get(TileCache.key(layer.id, version, z, x, y));
		if (cached) return { bytes: cached, version, hit: true };
		return { ...(await this.render(db, layer, tile, version)), hit: false };
	}

	/** The version as the handler must announce it (ETag) before any rendering, for 304s. */
	async version(db: Db, layer: LayerDef): Promise<string> {
		const version = await currentVersionTag(db, layer);
		this.observe(layer.id, version);
		return version;
	}

	private observe(layer: string, version: string) {
		if (this.seen.get(layer) === version) return;
		this.seen.set(layer, version);
		this.cache.dropStale(layer, version);
	}

	private render(db: Db, layer: LayerDef, tile: TileCoord, known: string | null): Promise<{ bytes: TileBytes; version: string }> {
		const key = `${layer.id}/${known ?? '?'}/${tile.z}/${tile.x}/${tile.y}`;
		let pending = this.inflight.get(key);
		if (!pending) {
			pending = renderTile(db, layer, tile)
				.then(({ bytes, version }) => {
					// The statement's own version wins: the data may have changed since `known` was read.
					const tag = version === null ? (known as string) : versionTag(layer, version);
					this.observe(layer.id, tag);
					if (this.cache.enabled) this.cache.set(TileCache.key(layer.id, tag, tile.z, tile.x, tile.y), bytes);
					return { bytes, version: tag };
				})
				.finally(() => this.inflight.delete(key));
			this.inflight.set(key, pending);
		}
		return pending;
	}
}

let shared: TileService | undefined;

/** The process's tile service, its cache sized by TILE_CACHE_MB (0 = off). */
export function sharedTileService(): TileService {
	shared ??= new TileService(new TileCache(readConfig().tileCacheBytes));
	return shared;
}

/**
 * GET /tiles/{layer}/{z}/{x}/{y}.mvt[?v=version]: one MVT layer named after the layer id.
 * The layer's data version is read on every request (one indexed row, or within the tile
 * statement itself), so a data change makes the old tiles unreachable at once.
 */
export async function tileResponse(db: Db, params: TileParams, request: Request, service = sharedTileService()): Promise<Response> {
	const layer = getLayer(params.layer);
	if (!layer) return unknownLayer(params.layer);
	const parsed = parseTile(params, layer);
	if (!parsed.ok) return servingError(400, 'invalid-tile', parsed.message);
	const { z, x, y } = parsed.tile;
	const headersFor = (version: string): Record<string, string> => ({
		etag: `"${layer.id}/${version}/${z}/${x}/${y}"`,
		'cache-control': cacheControlFor(request, version),
		'access-control-allow-origin': '*'
	});

	// A revalidation is answered from the version alone, without rendering.
	const conditional = request.headers.has('if-none-match');
	if (conditional) {
		const headers = headersFor(await service.version(db, layer));
		if (notModified(request, headers.etag)) return new Response(null, { status: 304, headers });
	}

	const { bytes, version, hit } = await service.tile(db, layer, parsed.tile, conditional);
	const headers = { ...headersFor(version), 'x-tile-cache': hit ? 'hit' : 'miss' };
	if (bytes.byteLength === 0) return new Response(null, { status: 204, headers });
	return new Response(bytes, { status: 200, headers: { ...headers, 'content-type': MVT_TYPE, 'content-length': String(bytes.byteLength) } });
}
