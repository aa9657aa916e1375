import { setTimeout as sleep } from 'node:timers/promises';
import { LAYERS } from '../../layers/registry';
import type { LayerDef } from '../../layers/types';
import type { Config } from '../config';
import type { Db } from '../db/types';
import { layerVersions } from '../layer-writer';
import { versionTag } from '../serving/layer-version';
import type { TileService } from './handler';
import { warmJobs } from './warm-set';

export interface WarmerOptions {
	/** How often the layers' data versions are read, in ms: one small query. */
	pollMs: number;
	/**
	 * Before each tile, wait until no request has been in flight for this long (ms). The
	 * embedded database runs one statement at a time, so there the warmer only works when the
	 * app is idle; 0 = just yield between tiles (a server runs requests beside the warmer).
	 */
	quietMs: number;
	/** Whether requests are being answered (see http/activity.ts). */
	idle: (quietMs: number) => boolean;
	log: (line: string) => void;
}

/** What one layer's warming did in a pass. */
export interface LayerWarmed {
	layer: string;
	version: string;
	rendered: number;
	kept: number;
	/** Rendering time of this layer's tiles, ms. */
	renderMs: number;
	/** The layer changed again while it was warmed: the rest waits for the next pass. */
	stale: boolean;
}

/**
 * Renders the opening view's tiles of every layer whose data version it has not warmed yet —
 * after an import in this process or another one, and on start for versions whose tiles are
 * not on disk — so the first visitor is served from the caches. It learns versions by reading
 * layer_version every `pollMs` (no cost per request), renders one tile at a time through the
 * tile service (same bytes as a request; written to TILE_DIR with an atomic rename, so
 * processes sharing the folder may warm at once) and skips tiles already kept.
 */
export class TileWarmer {
	/** Layer id → the version all of whose warm tiles are kept. */
	private readonly warmed = new Map<string, string>();
	private running: Promise<unknown> | undefined;
	private stopped = false;
	private timer: NodeJS.Timeout | undefined;

	constructor(
		private readonly db: () => Promise<Db>,
		private readonly service: TileService,
		private readonly layers: readonly LayerDef[],
		private readonly options: WarmerOptions
	) {}

	/** Polls until stopped; the timer does not keep the process alive. A failed pass is retried at the next poll. */
	start(): void {
		const tick = () => {
			this.running = this.pass()
				.catch((error: Error) => this.options.log(`[tiles] warming paused until the next poll: ${error.message}`))
				.then(() => {
					if (!this.stopped) this.timer = setTimeout(tick, this.options.pollMs).unref();
				});
		};
		tick();
	}

	async stop(): Promise<void> {
		this.stopped = true;
		clearTimeout(this.timer);
		await this.running;
	}

	/** Reads the versions and warms the layers that changed; what it did, per layer. */
	async pass(): Promise<LayerWarmed[]> {
		const db = await this.db();
		const versions = await layerVersions(db);
		const due = new Map<string, LayerWarmed>();
		for (const layer of this.layers) {
			const version = versionTag(layer, versions.get(layer.id)?.version ?? 0);
			if (this.warmed.get(layer.id) !== version) due.set(layer.id, { layer: layer.id, version, rendered: 0, kept: 0, renderMs: 0, stale: false });
		}
		if (!due.size) return [];
		const started = performance.now();
		for (const { layer, tile } of warmJobs(this.layers.filter((l) => due.has(l.id)))) {
			const state = due.get(layer.id)!;
			if (state.stale) continue;
			await this.giveWay();
			if (this.stopped) return [...due.values()];
			const t = performance.now();
			const outcome = await this.service.warm(db, layer, tile, state.version);
			if (outcome === 'stale') state.stale = true;
			else if (outcome === 'kept') state.kept++;
			else {
				state.rendered++;
				state.renderMs += performance.now() - t;
			}
		}
		for (const state of due.values()) if (!state.stale) this.warmed.set(state.layer, state.version);
		const rendered = [...due.values()].filter((s) => s.rendered > 0);
		for (const s of rendered)
			this.options.log(`[tiles] warmed ${s.layer} ${s.version}: ${s.rendered} tiles rendered in ${(s.renderMs / 1000).toFixed(1)} s, ${s.kept} kept${s.stale ? ', then it changed' : ''}`);
		if (rendered.length) this.options.log(`[tiles] warming done: ${due.size} layers in ${((performance.now() - started) / 1000).toFixed(1)} s`);
		return [...due.values()];
	}

	/** One tile at a time: let requests go first (see WarmerOptions.quietMs). */
	private async giveWay(): Promise<void> {
		await sleep(0);
		const { quietMs, idle } = this.options;
		while (quietMs > 0 && !this.stopped && !idle(quietMs)) await sleep(quietMs);
	}
}

/** How often each process reads the layers' versions, and how long the embedded database must be idle before a tile. */
const POLL_MS = 5000;
const EMBEDDED_QUIET_MS = 250;

/**
 * The app's warmer over the process's tile service, started once the app serves; null when
 * TILE_WARM=0 or when there is no cache to warm (TILE_DIR=off and TILE_CACHE_MB=0).
 */
export function startTileWarmer(
	config: Pick<Config, 'tileWarm' | 'tileDir' | 'tileCacheBytes' | 'databaseUrl'>,
	db: () => Promise<Db>,
	service: TileService,
	idle: (quietMs: number) => boolean
): TileWarmer | null {
	if (!config.tileWarm || (config.tileDir === null && config.tileCacheBytes === 0)) return null;
	const quietMs = config.databaseUrl ? 0 : EMBEDDED_QUIET_MS;
	const warmer = new TileWarmer(db, service, LAYERS, { pollMs: POLL_MS, quietMs, idle, log: (line) => console.log(line) });
	warmer.start();
	return warmer;
}
