// npm run bench:tiles [-- --dataset seed|heavy] [--database-url <url>] [--passes 3] [--points 60] [--default-view]
// — vector-tile latency on a PostGIS server, through the real built app.
//
// Creates a temporary database on the PostGIS server of BENCH_DATABASE_URL (or
// TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres), migrates and
// seeds it (--dataset heavy: with `npm run generate:heavy`'s layers over the seed's), or uses
// --database-url as it is; picks distinct tiles z6–z14 around `--points` places per zoning
// layer (≥ 1,000 tiles with the default 60), and measures at concurrency 1 and 16:
//   floor    the bare tile statement through `pg` (no HTTP, no version check);
//   uncached the built app (`node build`, TILE_CACHE_MB=0) over HTTP;
//   handler  the same tile handler over plain node:http (what SvelteKit adds = uncached − handler);
//   cached   the built app with its tile cache, every tile already in it;
// At concurrency 1 each tile's time is the median of `--passes` passes (the machine may be
// shared), plus the per-request version lookup and, for the seed, the embedded backend (PGlite).
// Then the low zooms (below DETAIL_ZOOM), every tile over the prefecture of every zoning layer,
// one at a time: largest tile, floor vs the app rendering (no cache) vs the app reading them
// back from its TILE_DIR; and the default view (z6, the layers shown first) as a total, side by
// side: the SQL floor, the app cold, and a fresh app on an empty TILE_DIR once its warmer has
// rendered the opening view (TILE_WARM) — what the first visitor after an import gets. The
// other apps run with TILE_WARM=0, so their figures stay cold. Nothing is written to the database.
// --default-view measures only that last part (a few minutes on the heavy dataset).
// A temporary database is dropped at the end. Needs a build (made here if missing).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zoningLayers } from '../src/lib/layers/registry';
import { DEFAULT_VISIBLE } from '../src/lib/map/draw-order';
import type { LayerDef } from '../src/lib/layers/types';
import { openEmbeddedDb } from '../src/lib/server/db/embedded';
import { migrate } from '../src/lib/server/db/migrate';
import { openServerDb } from '../src/lib/server/db/server';
import type { Db } from '../src/lib/server/db/types';
import { seed } from '../src/lib/server/seed';
import { serveWebHandler } from '../src/lib/server/serving/node-http';
import { TileCache } from '../src/lib/server/tiles/cache';
import type { TileCoord } from '../src/lib/server/tiles/coordinates';
import { DETAIL_ZOOM } from '../src/lib/server/tiles/detail';
import { TileService, tileResponse } from '../src/lib/server/tiles/handler';
import { postgisTileStatement } from '../src/lib/server/tiles/sql';
import { benchDatabase, parseBenchOptions } from './bench-options';
import { ensureBuild, startBuiltApp, stopApp } from './built-app';

const options = parseBenchOptions(
	{ passes: { type: 'string', default: '3' }, points: { type: 'string', default: '60' }, 'default-view': { type: 'boolean', default: false } },
	'usage: npm run bench:tiles -- [--dataset seed|heavy] [--database-url <url>] [--passes 3] [--points 60] [--default-view]'
);
const PASSES = Math.max(1, Number(options.values.passes));
const POINTS_PER_LAYER = Math.max(4, Number(options.values.points));
const PORTS = { uncached: 3102, cached: 3103, handler: 3104, disk: 3105, warm: 3106 };
const MIN_ZOOM = 6;
const MAX_ZOOM = 14;
const PREFECTURE = { west: 85.7, south: 43.2, east: 91.4, north: 46.1 };
/** The app's pg pool size (openServerDb's default): the floor gets no more connections. */
const POOL = 10;

interface Job {
	layer: LayerDef;
	tile: TileCoord;
}
const log = (message: string) => console.log(`[bench] ${message}`);

function tileAt(lon: number, lat: number, z: number): TileCoord {
	const n = 2 ** z;
	const phi = (lat * Math.PI) / 180;
	return { z, x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n) };
}

/**
 * Deterministic sample: a point inside each of a fixed sample of each layer's features (80 %)
 * and anywhere in the prefecture. (Not ST_GeneratePoints over the layer's union: minutes on a
 * heavy layer.)
 */
async function pickTiles(db: Db): Promise<Job[]> {
	let seed = 20260;
	const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
	const jobs = new Map<string, Job>();
	for (const layer of zoningLayers()) {
		const points = await db.query<{ x: number; y: number }>(
			`SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (
				SELECT ST_PointOnSurface(geom) AS p FROM "${layer.table}" ORDER BY md5(id::text) LIMIT $1) AS sample`,
			[POINTS_PER_LAYER]
		);
		const extra = Array.from({ length: POINTS_PER_LAYER / 4 }, () => ({
			x: PREFECTURE.west + random() * (PREFECTURE.east - PREFECTURE.west),
			y: PREFECTURE.south + random() * (PREFECTURE.north - PREFECTURE.south)
		}));
		for (const { x, y } of [...points, ...extra])
			for (let z = Math.max(MIN_ZOOM, layer.minzoom); z <= Math.min(MAX_ZOOM, layer.maxzoom); z++) {
				const tile = tileAt(x, y, z);
				jobs.set(`${layer.id}/${z}/${tile.x}/${tile.y}`, { layer, tile });
			}
	}
	return [...jobs.values()];
}

interface Run {
	times: number[];
	seconds: number;
}

/** Runs `task` once per job with `concurrency` workers; per-job times in ms, in job order. */
async function measure(jobs: Job[], concurrency: number, task: (job: Job) => Promise<unknown>): Promise<Run> {
	const times = new Array<number>(jobs.length);
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < jobs.length) {
				const i = next++;
				const t = performance.now();
				await task(jobs[i]);
				times[i] = performance.now() - t;
			}
		})
	);
	return { times, seconds: (performance.now() - started) / 1000 };
}

/** Per-job median of `passes` runs at concurrency 1: steadier on a shared machine. */
async function measureRepeated(jobs: Job[], passes: number, task: (job: Job) => Promise<unknown>): Promise<Run> {
	const runs: Run[] = [];
	for (let i = 0; i < passes; i++) runs.push(await measure(jobs, 1, task));
	return {
		times: jobs.map((_, j) => quantile(runs.map((r) => r.times[j]), 0.5)),
		seconds: runs.reduce((sum, r) => sum + r.seconds, 0) / passes
	};
}

const quantile = (values: number[], q: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
/** Fetches a tile whole; resolves with where the app took it from (its x-tile-cache header). */
function fetchTile(port: number, { layer, tile }: Job): Promise<string | undefined> {
	return new Promise((resolve, reject) => {
		const req = http.get({ host: '127.0.0.1', port, path: `/tiles/${layer.id}/${tile.z}/${tile.x}/${tile.y}.mvt`, agent }, (res) => {
			if (res.statusCode !== 200 && res.statusCode !== 204) reject(new Error(`HTTP ${res.statusCode} for ${req.path}`));
			res.resume();
			res.on('end', () => resolve(res.headers['x-tile-cache'] as string | undefined));
		});
		req.on('error', reject);
	});
}

const startApp = (port: number, databaseUrl: string, tileCacheMb: number, tileDir = 'off') =>
	startBuiltApp(port, { DATABASE_URL: databaseUrl, TILE_CACHE_MB: String(tileCacheMb), TILE_DIR: tileDir, TILE_WARM: '0' }, 100);

/** Every tile over the prefecture of every zoning layer, from its minzoom up to below DETAIL_ZOOM. */
function lowZoomTiles(): Job[] {
	const jobs: Job[] = [];
	for (const layer of zoningLayers())
		for (let z = layer.minzoom; z < DETAIL_ZOOM; z++) {
			const nw = tileAt(PREFECTURE.west, PREFECTURE.north, z);
			const se = tileAt(PREFECTURE.east, PREFECTURE.south, z);
			for (let x = nw.x; x <= se.x; x++) for (let y = nw.y; y <= se.y; y++) jobs.push({ layer, tile: { z, x, y } });
		}
	return jobs;
}

/** The default view (zoom 6.5 over the prefecture: z6 tiles) of the zoning layers shown first. */
const isDefaultView = ({ layer, tile }: Job) => tile.z === 6 && DEFAULT_VISIBLE.includes(layer.id);

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));
const rows: string[][] = [];
function report(name: string, concurrency: number, run: Run, note = '') {
	rows.push([name, String(concurrency), fmt(quantile(run.times, 0.5)), fmt(quantile(run.times, 0.95)), fmt(run.times.length / run.seconds), note]);
}

interface LowZoomRun {
	jobs: Job[];
	bytes: Map<Job, number>;
	floor: Run;
	app: Run;
	disk: Run;
	warmed: WarmedView;
}

/** The default view from a fresh app whose warmer has rendered the opening view into an empty TILE_DIR. */
interface WarmedView {
	/** From starting the app until its warmer said it was done, s. */
	seconds: number;
	/** The warmer's own lines (per layer: tiles rendered and their time). */
	lines: string[];
	run: Run;
	/** Default-view tiles the app answered from disk. */
	fromDisk: number;
}

async function measureWarmedView(jobs: Job[], databaseUrl: string, children: ChildProcess[]): Promise<WarmedView> {
	const tileDir = mkdtempSync(join(tmpdir(), 'ecomap-bench-warm-'));
	try {
		const lines: string[] = [];
		let done!: () => void;
		const finished = new Promise<void>((resolve) => (done = resolve));
		const started = performance.now();
		const env = { DATABASE_URL: databaseUrl, TILE_CACHE_MB: '0', TILE_DIR: tileDir, TILE_WARM: '1', ACCESS_LOG: '0' };
		children.push(
			await startBuiltApp(PORTS.warm, env, 100, (line) => {
				if (!line.startsWith('[tiles]')) return;
				lines.push(line);
				if (line.includes('warming done')) done();
			})
		);
		log('waiting for the warmer of a fresh app (empty TILE_DIR) to finish…');
		await finished;
		const seconds = (performance.now() - started) / 1000;
		const view = jobs.filter(isDefaultView);
		let fromDisk = 0;
		const run = await measure(view, 1, async (job) => {
			if ((await fetchTile(PORTS.warm, job)) === 'disk') fromDisk++;
		});
		return { seconds, lines, run, fromDisk };
	} finally {
		rmSync(tileDir, { recursive: true, force: true });
	}
}

/** Below DETAIL_ZOOM, one tile at a time: the floor, the app rendering, the app reading its TILE_DIR. */
async function measureLowZooms(db: Db, databaseUrl: string, tileDir: string, children: ChildProcess[], jobs = lowZoomTiles()): Promise<LowZoomRun> {
	log(`low zooms: ${jobs.length} tiles over the prefecture, z${Math.min(...jobs.map((j) => j.tile.z))}–z${DETAIL_ZOOM - 1}`);
	const bytes = new Map<Job, number>();
	const floor = await measure(jobs, 1, async (job) => {
		const { text, values } = postgisTileStatement(job.layer, job.tile);
		const [row] = await db.query<{ mvt: Uint8Array }>(text, values);
		bytes.set(job, row.mvt.byteLength);
	});
	const app = await measure(jobs, 1, (job) => fetchTile(PORTS.uncached, job));
	// Its own process, with no in-memory cache: the first pass writes the files, the second reads them.
	children.push(await startApp(PORTS.disk, databaseUrl, 0, tileDir));
	await measure(jobs, 1, (job) => fetchTile(PORTS.disk, job));
	const disk = await measure(jobs, 1, (job) => fetchTile(PORTS.disk, job));
	const warmed = await measureWarmedView(jobs, databaseUrl, children);
	return { jobs, bytes, floor, app, disk, warmed };
}

function printLowZooms({ jobs, bytes, floor, app, disk, warmed }: LowZoomRun) {
	const header = ['layer', 'z', 'tiles', 'largest KB', 'floor p50/max ms', 'app p50/max ms', 'from disk p50/max ms'];
	const out: string[][] = [];
	const cell = (run: Run, idx: number[]) => `${fmt(quantile(idx.map((i) => run.times[i]), 0.5))} / ${fmt(Math.max(...idx.map((i) => run.times[i])))}`;
	for (const layer of zoningLayers())
		for (let z = layer.minzoom; z < DETAIL_ZOOM; z++) {
			const idx = jobs.map((j, i) => i).filter((i) => jobs[i].layer === layer && jobs[i].tile.z === z);
			if (!idx.length) continue;
			out.push([layer.id, String(z), String(idx.length), (Math.max(...idx.map((i) => bytes.get(jobs[i])!)) / 1024).toFixed(0), cell(floor, idx), cell(app, idx), cell(disk, idx)]);
		}
	const widths = header.map((h, i) => Math.max(h.length, ...out.map((r) => r[i].length)));
	const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	console.log(`\nlow zooms (below z${DETAIL_ZOOM}), one tile at a time, no cache but the disk one:\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${out.map(line).join('\n')}`);
	const at = jobs.reduce((a, b) => (bytes.get(b)! > bytes.get(a)! ? b : a));
	const largest = bytes.get(at)!;
	console.log(`largest low-zoom tile: ${(largest / 1024).toFixed(0)} KB (${at.layer.id} ${at.tile.z}/${at.tile.x}/${at.tile.y}; target ≤ 500 KB)`);
	const view = jobs.map((j, i) => i).filter((i) => isDefaultView(jobs[i]));
	const total = (run: Run) => view.reduce((s, i) => s + run.times[i], 0);
	const warmedTotal = warmed.run.times.reduce((s, t) => s + t, 0);
	const layers = DEFAULT_VISIBLE.filter((id) => zoningLayers().some((l) => l.id === id)).join(', ');
	console.log(`default view (z6, ${layers}: ${view.length} tiles, one at a time), total ms:`);
	const cells = [
		['SQL floor', total(floor)],
		['app cold (no warm, no TILE_DIR)', total(app)],
		['app re-reading its TILE_DIR', total(disk)],
		[`app after warming (${warmed.fromDisk}/${warmed.run.times.length} from disk)`, warmedTotal]
	] as const;
	const width = Math.max(...cells.map(([name]) => name.length));
	for (const [name, ms] of cells) console.log(`  ${name.padEnd(width)}  ${fmt(ms).padStart(7)}  (${fmt(ms / total(floor))}× floor)`);
	console.log(`warming on start (fresh app, empty TILE_DIR, every layer's opening view): done ${warmed.seconds.toFixed(1)} s after start`);
	for (const line of warmed.lines) console.log(`  ${line}`);
	console.log('');
}

async function main() {
	ensureBuild(log);
	const temp = await benchDatabase(options, 'ecomap_bench', log);
	const databaseUrl = temp.url;
	const tileDir = mkdtempSync(join(tmpdir(), 'ecomap-bench-tiles-'));
	const children: ChildProcess[] = [];
	let db: Db | undefined;
	try {
		db = openServerDb(databaseUrl, POOL);
		if (options.values['default-view']) {
			const view = lowZoomTiles().filter(isDefaultView);
			// An untimed pass first, so PostgreSQL's buffers are as warm for the floor as for the apps.
			for (const { layer, tile } of view) {
				const { text, values } = postgisTileStatement(layer, tile);
				await db.query(text, values);
			}
			children.push(await startApp(PORTS.uncached, databaseUrl, 0));
			printLowZooms(await measureLowZooms(db, databaseUrl, tileDir, children, view));
			return;
		}
		const jobs = await pickTiles(db);
		const zooms = new Set(jobs.map((j) => j.tile.z));
		log(`dataset ${options.dataset}${options.databaseUrl ? ' (--database-url)' : ''}: ${jobs.length} distinct tiles, z${Math.min(...zooms)}–z${Math.max(...zooms)}, layers: ${zoningLayers().map((l) => l.id).join(', ')}`);

		// Floor: the tile statement alone. A first pass warms PostgreSQL's caches for everyone.
		const floorTask = async ({ layer, tile }: Job) => {
			const { text, values } = postgisTileStatement(layer, tile);
			await db!.query(text, values);
		};
		await measure(jobs, 4, floorTask);
		const floor1 = await measureRepeated(jobs, PASSES, floorTask);
		const floor16 = await measure(jobs, 16, floorTask);
		const versionRun = await measure(jobs, 1, ({ layer }) => db!.query('SELECT version FROM layer_version WHERE layer = $1', [layer.id]).then(() => {}));

		children.push(await startApp(PORTS.uncached, databaseUrl, 0));
		await measure(jobs.slice(0, 200), 4, (job) => fetchTile(PORTS.uncached, job)); // JIT warm-up
		const http1 = await measureRepeated(jobs, PASSES, (job) => fetchTile(PORTS.uncached, job));
		const http16 = await measure(jobs, 16, (job) => fetchTile(PORTS.uncached, job));

		let service = new TileService(new TileCache(0));
		const bare = await serveWebHandler(async (request) => {
			const [, , layer, z, x, file] = new URL(request.url).pathname.split('/');
			return tileResponse(db!, { layer, z, x, y: file.replace(/\.mvt$/, '') }, request, service);
		}, PORTS.handler);
		await measure(jobs.slice(0, 200), 4, (job) => fetchTile(PORTS.handler, job));
		const handler1 = await measureRepeated(jobs, PASSES, (job) => fetchTile(PORTS.handler, job));
		const handler16 = await measure(jobs, 16, (job) => fetchTile(PORTS.handler, job));
		service = new TileService(new TileCache(256 << 20));
		await measure(jobs, 4, (job) => fetchTile(PORTS.handler, job));
		const handlerHit1 = await measureRepeated(jobs, PASSES, (job) => fetchTile(PORTS.handler, job));
		await bare.close();

		children.push(await startApp(PORTS.cached, databaseUrl, 256));
		await measure(jobs, 4, (job) => fetchTile(PORTS.cached, job)); // fill the cache
		const hit1 = await measureRepeated(jobs, PASSES, (job) => fetchTile(PORTS.cached, job));
		const hit16 = await measure(jobs, 16, (job) => fetchTile(PORTS.cached, job));

		const low = await measureLowZooms(db!, databaseUrl, tileDir, children);

		// PGlite holds the seed in a few seconds; a heavy dataset would take its importer minutes.
		let embedded1: Run | undefined;
		if (options.dataset === 'seed' && !options.databaseUrl) {
			log('Embedded backend: loading the dataset into PGlite (about 30 s)…');
			const embedded = await openEmbeddedDb({ dataDir: 'memory://' });
			await migrate(embedded);
			await seed(embedded);
			const embeddedService = new TileService(new TileCache(0));
			const embeddedTask = ({ layer, tile }: Job) =>
				tileResponse(embedded, { layer: layer.id, z: String(tile.z), x: String(tile.x), y: String(tile.y) }, new Request('http://bench/tiles'), embeddedService).then(
					(r) => r.arrayBuffer().then(() => {})
				);
			await measure(jobs.slice(0, 100), 1, embeddedTask);
			embedded1 = await measure(jobs, 1, embeddedTask);
			await embedded.close();
		}

		report('floor: tile SQL via pg', 1, floor1);
		report('floor: tile SQL via pg', 16, floor16);
		report('version lookup via pg', 1, versionRun, 'per request, before the cache');
		report('HTTP built app, cache off', 1, http1);
		report('HTTP built app, cache off', 16, http16);
		report('HTTP handler on node:http, cache off', 1, handler1);
		report('HTTP handler on node:http, cache off', 16, handler16);
		report('HTTP handler on node:http, cache hit', 1, handlerHit1);
		report('HTTP built app, cache hit', 1, hit1);
		report('HTTP built app, cache hit', 16, hit16);
		if (embedded1) report('embedded (PGlite) handler, cache off', 1, embedded1, 'in-process, no HTTP');

		const header = ['measure', 'conc', 'p50 ms', 'p95 ms', 'req/s', 'note'];
		const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
		const line = (r: string[]) => r.map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
		console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`);

		// Targets: uncached p50 ≤ floor + 1.5 ms; ≤ 1.3 × floor where the SQL takes ≥ 5 ms; hit p50 ≤ 1 ms.
		const heavy = jobs.map((_, i) => i).filter((i) => floor1.times[i] >= 5);
		const p50 = (run: Run, idx: number[]) => quantile(idx.map((i) => run.times[i]), 0.5);
		const f = quantile(floor1.times, 0.5);
		const h = quantile(http1.times, 0.5);
		console.log(`uncached p50 ${fmt(h)} ms vs floor ${fmt(f)} ms: +${fmt(h - f)} ms (target ≤ +1.5 ms), ratio ${fmt(h / f)}`);
		if (heavy.length)
			console.log(`tiles whose SQL takes ≥ 5 ms (${heavy.length}): uncached p50 ${fmt(p50(http1, heavy))} ms vs floor ${fmt(p50(floor1, heavy))} ms, ratio ${fmt(p50(http1, heavy) / p50(floor1, heavy))} (target ≤ 1.3)`);
		else console.log('no tile takes ≥ 5 ms of SQL with this dataset');
		console.log(
			`SvelteKit's share (built app − bare handler, p50, c1): ${fmt(h - quantile(handler1.times, 0.5))} ms uncached, ${fmt(quantile(hit1.times, 0.5) - quantile(handlerHit1.times, 0.5))} ms on cache hits`
		);
		console.log(`cache-hit p50 ${fmt(quantile(hit1.times, 0.5))} ms (target ≤ 1 ms)`);
		printLowZooms(low);
	} finally {
		for (const child of children) await stopApp(child);
		agent.destroy();
		await db?.close();
		await temp.drop();
		rmSync(tileDir, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(`[bench] ${error instanceof Error ? error.stack : String(error)}`);
	process.exit(1);
});
