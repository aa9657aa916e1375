import { getLayer } from '../../layers/registry';
import type { LayerDef } from '../../layers/types';
import { readConfig } from '../config';
import type { Db } from '../db/types';
import { cacheControlFor } from '../serving/cache-control';
import { notModified } from '../serving/conditional';
import { servingError, unknownLayer } from '../serving/errors';
import { currentVersionTag, isOlderTag, versionTag } from '../serving/layer-version';
import { TileCache } from './cache';
import { parseTile, type TileCoord } from './coordinates';
import { isLowZoom } from './detail';
import { TileDiskCache } from './disk-cache';
import { renderAtVersion, type TileBytes } from './render';

export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';

export interface TileParams {
	layer: string;
	z: string;
	x: string;
	y: string;
}

/** Where a tile came from: the in-process cache, the low-zoom disk cache, or PostGIS just now. */
export type TileSource = 'memory' | 'disk' | 'render';

/** What warming one tile did: found it kept already, rendered it, or found the layer past the version asked for. */
export type WarmOutcome = 'kept' | 'rendered' | 'stale';

interface ServedTile {
	bytes: TileBytes;
	version: string;
	source: TileSource;
}

/**
 * The tile cache, the low-zoom tiles on disk (when a folder is given), the version each
 * layer was last seen at, and the renders in flight (so concurrent misses of one tile
 * render once).
 */
export class TileService {
	private readonly inflight = new Map<string, Promise<{ bytes: TileBytes; version: string }>>();
	private readonly seen = new Map<string, string>();

	constructor(
		readonly cache: TileCache,
		readonly disk: TileDiskCache | null = null
	) {}

	/**
	 * The tile at the layer's current version. A hit costs one version lookup. When the
	 * tile is probably not cached (and no 304 is possible), a PostGIS server renders it
	 * straight away: its tile statement reads the version in the same snapshot, so a miss
	 * is one round trip, not two. A low-zoom tile may be on disk: it needs the version first.
	 */
	async tile(db: Db, layer: LayerDef, tile: TileCoord, conditional: boolean): Promise<ServedTile> {
		const { z, x, y } = tile;
		const seen = this.seen.get(layer.id);
		const likelyCached = seen !== undefined && this.cache.has(TileCache.key(layer.id, seen, z, x, y));
		const onDisk = this.disk !== null && isLowZoom(z);
		if (db.backend === 'server' && !likelyCached && !conditional && !onDisk) return { ...(await this.render(db, layer, tile, null)), source: 'render' };

		const version = await currentVersionTag(db, layer);
		this.observe(layer.id, version);
		const key = TileCache.key(layer.id, version, z, x, y);
		const cached = this.cache.get(key);
		if (cached) return { bytes: cached, version, source: 'memory' };
		const stored = onDisk ? await this.disk!.get(layer.id, version, tile) : undefined;
		if (stored) {
			if (this.cache.enabled) this.cache.set(key, stored);
			return { bytes: stored, version, source: 'disk' };
		}
		return { ...(await this.render(db, layer, tile, version)), source: 'render' };
	}

	/** The version as the handler must announce it (ETag) before any rendering, for 304s. */
	async version(db: Db, layer: LayerDef): Promise<string> {
		const version = await currentVersionTag(db, layer);
		this.observe(layer.id, version);
		return version;
	}

	/**
	 * Puts the tile of `version` into the caches (memory, and disk below DETAIL_ZOOM) unless
	 * it is kept there already, as a request would: same render, same bytes. When the layer
	 * has moved past `version`, the bytes are kept under the version they were read at —
	 * never under `version` — and the outcome is 'stale'.
	 */
	async warm(db: Db, layer: LayerDef, tile: TileCoord, version: string): Promise<WarmOutcome> {
		if (this.cache.has(TileCache.key(layer.id, version, tile.z, tile.x, tile.y))) return 'kept';
		if (this.disk && isLowZoom(tile.z) && (await this.disk.has(layer.id, version, tile))) return 'kept';
		const rendered = await this.render(db, layer, tile, version);
		return rendered.version === version ? 'rendered' : 'stale';
	}

	private observe(layer: string, version: string) {
		const seen = this.seen.get(layer);
		if (seen === version || (seen !== undefined && isOlderTag(version, seen))) return;
		this.seen.set(layer, version);
		this.cache.dropStale(layer, version);
		void this.disk?.dropStale(layer, version);
	}

	private render(db: Db, layer: LayerDef, tile: TileCoord, known: string | null): Promise<{ bytes: TileBytes; version: string }> {
		const key = `${layer.id}/${known ?? '?'}/${tile.z}/${tile.x}/${tile.y}`;
		let pending = this.inflight.get(key);
		if (!pending) {
			pending = renderAtVersion(db, layer, tile)
				.then(async ({ bytes, version }) => {
					// The snapshot's own version wins: the data may have changed since `known` was read.
					const tag = versionTag(layer, version);
					this.observe(layer.id, tag);
					if (this.cache.enabled) this.cache.set(TileCache.key(layer.id, tag, tile.z, tile.x, tile.y), bytes);
					if (this.disk && isLowZoom(tile.z)) await this.disk.put(layer.id, tag, tile, bytes);
					return { bytes, version: tag };
				})
				.finally(() => this.inflight.delete(key));
			this.inflight.set(key, pending);
		}
		return pending;
	}
}

const CACHE_HEADER: Record<TileSource, string> = { memory: 'hit', disk: 'disk', render: 'miss' };

let shared: TileService | undefined;

/** The process's tile service, its cache sized by TILE_CACHE_MB (0 = off), low-zoom tiles kept under TILE_DIR. */
export function sharedTileService(): TileService {
	const config = readConfig();
	shared ??= new TileService(new TileCache(config.tileCacheBytes), config.tileDir ? new TileDiskCache(config.tileDir) : null);
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

	const { bytes, version, source } = await service.tile(db, layer, parsed.tile, conditional);
	const headers = { ...headersFor(version), 'x-tile-cache': CACHE_HEADER[source] };
	if (bytes.byteLength === 0) return new Response(null, { status: 204, headers });
	return new Response(bytes, { status: 200, headers: { ...headers, 'content-type': MVT_TYPE, 'content-length': String(bytes.byteLength) } });
}
