// npm run bench:load [-- --users 50 --seconds 60 --port 3510 --think-ms 250 --star-every 5 --no-baseline]
//
// The built app under public load while a planner posts checks: `--users` virtual users, each
// one keep-alive connection, request after request with a random pause (0–2 × think-ms),
// spread over vector tiles z6–z12 (from the layers' TileJSON bounds), OGC API items with a
// bbox, /api/search, and FlatGeobuf downloads read with Range requests as the flatgeobuf
// client does. One more client posts ordinary conflict checks one after another, and every
// `--star-every` seconds a pathological 10,000-vertex star polygon. Then the same again
// without the star (a fresh app each time), so its effect shows side by side.
// Prints requests/s, p50/p95/p99 per route, errors by status (timeouts included) and the
// server's peak RSS (VmHWM). Runs on a temporary database of the local PostGIS server
// (BENCH_DATABASE_URL / TEST_DATABASE_URL / postgres://postgres@127.0.0.1:5432/postgres),
// dropped at the end; without a server, on a temporary embedded database (with a warning).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ChildProcess } from 'node:child_process';
import type { Polygon } from 'geojson';
import { LAYERS } from '../src/lib/layers/registry';
import { ensureBuild, startBuiltApp, stopApp } from './built-app';
import { createTempDatabase, type TempDatabase } from './temp-database';

const { values: args } = parseArgs({
	options: {
		users: { type: 'string', default: '50' },
		seconds: { type: 'string', default: '60' },
		port: { type: 'string', default: '3510' },
		'think-ms': { type: 'string', default: '250' },
		'star-every': { type: 'string', default: '5' },
		'no-baseline': { type: 'boolean', default: false }
	}
});
const USERS = Number(args.users);
const SECONDS = Number(args.seconds);
const PORT = Number(args.port);
const THINK_MS = Number(args['think-ms']);
const STAR_EVERY_S = Number(args['star-every']);
/** A public request that takes longer than this counts as an error ("timeout"). */
const PUBLIC_TIMEOUT_MS = 10_000;
const CHECK_TIMEOUT_MS = 30_000;
const CHECK_PAUSE_MS = 500;
const MIN_ZOOM = 6;
const MAX_ZOOM = 12;
const TILES_PER_ZOOM = 48;
const PREFECTURE = { west: 85.7, south: 43.2, east: 91.4, north: 46.1 };
const SEARCH_TERMS = ['昌吉', '火区', '水源', '阜康', '奇台', '玛纳斯', '吉木萨尔', '封禁', '矿山', 'reserve', 'coal', 'Manas', 'Hutubi', 'water'];

const log = (message: string) => console.log(`[bench:load] ${message}`);

// ---------------------------------------------------------------- HTTP client

// One keep-alive agent per run (see runLoad): a run's connections end with its app.
let agent = new http.Agent({ keepAlive: true, maxSockets: USERS + 8 });

/** HTTP status, or why no answer came: the timeout, or the socket error's code. */
type Outcome = number | 'timeout' | `network ${string}`;
interface Sample {
	outcome: Outcome;
	ms: number;
}

/** Requests sent again because a kept-alive socket had just been closed by the server (see request). */
let staleSocketRetries = 0;

/**
 * One request over the keep-alive agent; the whole body is read. Never rejects. A request whose
 * reused socket the server closed at that very moment (its keep-alive timeout) is sent again,
 * once, as Chromium does: that race is the client's, not the server's (see Node's http docs).
 */
function request(path: string, options: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs: number }, retry = true): Promise<Sample> {
	const started = performance.now();
	return new Promise((resolve) => {
		let timedOut = false;
		const req = http.request({ host: '127.0.0.1', port: PORT, path, method: options.method ?? 'GET', headers: options.headers, agent }, (res) => {
			res.on('data', () => undefined);
			res.on('end', () => {
				clearTimeout(timer);
				resolve({ outcome: res.statusCode ?? 0, ms: performance.now() - started });
			});
		});
		const timer = setTimeout(() => {
			timedOut = true;
			req.destroy(new Error('timeout'));
		}, options.timeoutMs);
		req.on('error', (error: NodeJS.ErrnoException) => {
			clearTimeout(timer);
			if (retry && !timedOut && req.reusedSocket && error.code === 'ECONNRESET') {
				staleSocketRetries++;
				resolve(request(path, options, false).then((again) => ({ outcome: again.outcome, ms: performance.now() - started })));
				return;
			}
			resolve({ outcome: timedOut ? 'timeout' : `network ${error.code ?? error.message}`, ms: performance.now() - started });
		});
		req.end(options.body);
	});
}

async function getJson<T>(path: string): Promise<T> {
	const response = await fetch(`http://127.0.0.1:${PORT}${path}`);
	if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
	return (await response.json()) as T;
}

// ---------------------------------------------------------------- workload

function mulberry32(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const tileX = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const tileY = (lat: number, z: number) => {
	const phi = (lat * Math.PI) / 180;
	return Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * 2 ** z);
};

interface Workload {
	tiles: string[];
	items: string[];
	downloads: { path: string; size: number }[];
	footprints: Polygon[];
}

/** What public users ask for, from the running app's own TileJSON and downloads. Deterministic. */
async function buildWorkload(): Promise<Workload> {
	const rng = mulberry32(2026);
	const work: Workload = { tiles: [], items: [], downloads: [], footprints: [] };
	for (const layer of LAYERS) {
		const tj = await getJson<{ bounds: [number, number, number, number]; minzoom: number; maxzoom: number }>(`/tiles/${layer.id}.json`);
		const [w, s, e, n] = tj.bounds;
		for (let z = Math.max(MIN_ZOOM, tj.minzoom); z <= Math.min(MAX_ZOOM, tj.maxzoom); z++) {
			const [x0, x1, y0, y1] = [tileX(w, z), tileX(e, z), tileY(n, z), tileY(s, z)];
			const all = (x1 - x0 + 1) * (y1 - y0 + 1);
			const take = Math.min(all, TILES_PER_ZOOM);
			const chosen = new Set<string>();
			while (chosen.size < take) {
				const i = all <= TILES_PER_ZOOM ? chosen.size : Math.floor(rng() * all);
				chosen.add(`/tiles/${layer.id}/${z}/${x0 + (i % (x1 - x0 + 1))}/${y0 + Math.floor(i / (x1 - x0 + 1))}.mvt`);
			}
			work.tiles.push(...chosen);
		}
		for (let i = 0; i < 20; i++) {
			const size = 0.1 + rng() * 0.6;
			const lon = w + rng() * Math.max(0, e - w - size);
			const lat = s + rng() * Math.max(0, n - s - size);
			work.items.push(`/ogc/collections/${layer.id}/items?f=json&limit=50&bbox=${[lon, lat, lon + size, lat + size].map((v) => v.toFixed(4)).join(',')}`);
		}
		work.items.push(`/ogc/collections/${layer.id}/items?f=json&limit=100`);
		// The first request also makes the file; its Content-Range tells the size.
		const head = await fetch(`http://127.0.0.1:${PORT}/download/${layer.id}.fgb`, { headers: { range: 'bytes=0-0' } });
		await head.arrayBuffer();
		const size = Number(/\/(\d+)$/.exec(head.headers.get('content-range') ?? '')?.[1]);
		if (head.status !== 206 || !size) throw new Error(`/download/${layer.id}.fgb did not answer a range request (${head.status})`);
		work.downloads.push({ path: `/download/${layer.id}.fgb`, size });
	}
	// Ordinary footprints: 24-vertex polygons of 0.5–3 km around random points of the prefecture.
	for (let i = 0; i < 40; i++) {
		const lon = PREFECTURE.west + rng() * (PREFECTURE.east - PREFECTURE.west);
		const lat = PREFECTURE.south + rng() * (PREFECTURE.north - PREFECTURE.south);
		const r = (0.5 + rng() * 2.5) / 111;
		const ring = Array.from({ length: 24 }, (_, k) => {
			const a = (2 * Math.PI * k) / 24;
			const rr = r * (0.8 + 0.4 * rng());
			return [lon + (rr * Math.cos(a)) / Math.cos((lat * Math.PI) / 180), lat + rr * Math.sin(a)];
		});
		work.footprints.push({ type: 'Polygon', coordinates: [[...ring, ring[0]]] });
	}
	return work;
}

/** The pathological footprint: a 10,000-vertex star over ~200 km (the brief's generator). */
function starFootprint(): Polygon {
	const n = 10000;
	const s: number[][] = [];
	for (let i = 0; i < n; i++) {
		const a = (2 * Math.PI * i) / n;
		const r = i % 2 ? 1.1 : 0.3;
		s.push([88.5 + 1.3 * r * Math.cos(a), 44.45 + r * Math.sin(a)]);
	}
	s.push(s[0]);
	return { type: 'Polygon', coordinates: [s] };
}

// ---------------------------------------------------------------- one run

type Route = 'tile' | 'ogc items' | 'search' | 'download (range)' | 'check' | 'check (star)';
const ROUTES: Route[] = ['tile', 'ogc items', 'search', 'download (range)', 'check', 'check (star)'];
/** Answers that are not errors. A refused footprint (4xx other than 429) is an answer too. */
const expected = (route: Route, outcome: Outcome) =>
	typeof outcome === 'number' &&
	(route === 'tile'
		? outcome === 200 || outcome === 204
		: route === 'download (range)'
			? outcome === 206
			: route.startsWith('check')
				? outcome === 200 || (outcome >= 400 && outcome < 500 && outcome !== 429)
				: outcome === 200);

interface RunResult {
	name: string;
	seconds: number;
	samples: Map<Route, Sample[]>;
	peakRssMb: number;
	/** The machine's 1-minute load average at the end: other work on a shared machine shows here. */
	load: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function peakRssMb(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

/** A fresh app has cold JIT and caches: load it for a while, unmeasured, before each run. */
const WARM_UP_S = Math.min(10, Math.ceil(SECONDS / 6));

async function runLoad(name: string, app: ChildProcess, work: Workload, withStar: boolean, seconds = SECONDS): Promise<RunResult> {
	agent.destroy();
	agent = new http.Agent({ keepAlive: true, maxSockets: USERS + 8 });
	const samples = new Map<Route, Sample[]>(ROUTES.map((r) => [r, []]));
	const record = (route: Route, sample: Sample): void => {
		samples.get(route)!.push(sample);
	};
	const started = performance.now();
	const deadline = started + seconds * 1000;
	// Bounded in count as well as time: no loop can run away if the server answers instantly.
	const maxPerUser = seconds * 2000;

	const user = async (index: number) => {
		const rng = mulberry32(1000 + index);
		const pick = <T>(list: T[]) => list[Math.floor(rng() * list.length)];
		for (let i = 0; i < maxPerUser && performance.now() < deadline; i++) {
			const r = rng();
			if (r < 0.7) record('tile', await request(pick(work.tiles), { timeoutMs: PUBLIC_TIMEOUT_MS }));
			else if (r < 0.82) record('ogc items', await request(pick(work.items), { timeoutMs: PUBLIC_TIMEOUT_MS }));
			else if (r < 0.9)
				record('search', await request(`/api/search?q=${encodeURIComponent(pick(SEARCH_TERMS))}`, { timeoutMs: PUBLIC_TIMEOUT_MS }));
			else {
				// The flatgeobuf client reads the header and index first, then features by range.
				const file = pick(work.downloads);
				const start = rng() < 0.5 ? 0 : Math.floor(rng() * file.size);
				const end = Math.min(file.size - 1, start + 65535);
				record('download (range)', await request(file.path, { headers: { range: `bytes=${start}-${end}` }, timeoutMs: PUBLIC_TIMEOUT_MS }));
			}
			await sleep(rng() * 2 * THINK_MS);
		}
	};

	const check = (footprint: Polygon) =>
		request('/api/check', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ footprint, projectType: 'solar_wind' }),
			timeoutMs: CHECK_TIMEOUT_MS
		});
	const planner = async () => {
		for (let i = 0; i < maxPerUser && performance.now() < deadline; i++) {
			record('check', await check(work.footprints[i % work.footprints.length]));
			await sleep(CHECK_PAUSE_MS);
		}
	};
	// The star arrives on its own clock, whether or not the last one has been answered.
	const stars = async () => {
		const star = starFootprint();
		const inFlight: Promise<void>[] = [];
		for (let i = 0; i < Math.ceil(seconds / STAR_EVERY_S) && performance.now() < deadline; i++) {
			inFlight.push(check(star).then((sample) => record('check (star)', sample)));
			await sleep(Math.max(0, started + (i + 1) * STAR_EVERY_S * 1000 - performance.now()));
		}
		await Promise.all(inFlight);
	};

	log(`${name}: ${USERS} users + 1 planner${withStar ? ` + a 10,000-vertex star every ${STAR_EVERY_S} s` : ''} for ${seconds} s…`);
	await Promise.all([...Array.from({ length: USERS }, (_, i) => user(i)), planner(), ...(withStar ? [stars()] : [])]);
	return { name, seconds: (performance.now() - started) / 1000, samples, peakRssMb: peakRssMb(app.pid!), load: loadavg()[0] };
}

// ---------------------------------------------------------------- report

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);
const ms = (v: number) => (Number.isNaN(v) ? '–' : v >= 100 ? v.toFixed(0) : v.toFixed(1));

interface RouteFigures {
	count: number;
	perSecond: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	errors: number;
	statuses: string;
}

function figures(run: RunResult, route: Route): RouteFigures {
	const list = run.samples.get(route)!;
	const times = list.map((s) => s.ms).sort((a, b) => a - b);
	const byOutcome = new Map<string, number>();
	for (const s of list) byOutcome.set(String(s.outcome), (byOutcome.get(String(s.outcome)) ?? 0) + 1);
	return {
		count: list.length,
		perSecond: list.length / run.seconds,
		p50: quantile(times, 0.5),
		p95: quantile(times, 0.95),
		p99: quantile(times, 0.99),
		max: times[times.length - 1] ?? NaN,
		errors: list.filter((s) => !expected(route, s.outcome)).length,
		statuses: [...byOutcome].sort().map(([k, v]) => `${k}×${v}`).join(' ')
	};
}

function table(header: string[], rows: string[][]) {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	console.log(line(header));
	console.log(widths.map((w) => '-'.repeat(w)).join('  '));
	for (const r of rows) console.log(line(r));
}

function printRun(run: RunResult) {
	console.log(`\n${run.name} — ${run.seconds.toFixed(1)} s, peak RSS of the server ${run.peakRssMb.toFixed(0)} MB, load average ${run.load.toFixed(1)} on ${availableParallelism()} cores`);
	const rows = ROUTES.filter((r) => run.samples.get(r)!.length).map((route) => {
		const f = figures(run, route);
		return [route, String(f.count), f.perSecond.toFixed(1), ms(f.p50), ms(f.p95), ms(f.p99), ms(f.max), String(f.errors), f.statuses];
	});
	const all = ROUTES.reduce((sum, r) => sum + run.samples.get(r)!.length, 0);
	const errors = ROUTES.reduce((sum, r) => sum + figures(run, r).errors, 0);
	rows.push(['all', String(all), (all / run.seconds).toFixed(1), '', '', '', '', String(errors), '']);
	table(['route', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'answers (status×count)'], rows);
}

function printComparison(star: RunResult, base: RunResult) {
	console.log('\nEffect of the pathological checks (p95 / p99 ms, errors):');
	const rows = ROUTES.filter((r) => r !== 'check (star)').map((route) => {
		const a = figures(star, route);
		const b = figures(base, route);
		return [route, `${ms(a.p95)} / ${ms(a.p99)}`, `${ms(b.p95)} / ${ms(b.p99)}`, (a.p95 / b.p95).toFixed(2), `${a.errors} / ${b.errors}`, ''];
	});
	rows.push(['peak RSS MB', star.peakRssMb.toFixed(0), base.peakRssMb.toFixed(0), (star.peakRssMb / base.peakRssMb).toFixed(2), '', '']);
	table(['route', 'with star', 'without', 'p95 ratio', 'errors with / without', ''], rows);
}

function printAims(run: RunResult) {
	const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');
	const errors = ROUTES.reduce((sum, r) => sum + figures(run, r).errors, 0);
	const tile = figures(run, 'tile').p95;
	const items = figures(run, 'ogc items').p95;
	console.log(`\naim: 0 errors (${run.name}) — ${errors}: ${verdict(errors === 0)}`);
	console.log(`aim: tile p95 ≤ 100 ms — ${ms(tile)} ms: ${verdict(tile <= 100)}`);
	console.log(`aim: OGC items p95 ≤ 100 ms — ${ms(items)} ms: ${verdict(items <= 100)}`);
}

// ---------------------------------------------------------------- main

async function openDatabase(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void>; firstStartS: number }> {
	try {
		const temp: TempDatabase = await createTempDatabase('ecomap_bench_load', 'seeded');
		log(`Temporary database ${temp.name} on the PostGIS server, seeded.`);
		return { env: { DATABASE_URL: temp.url }, cleanup: () => temp.drop(), firstStartS: 30 };
	} catch (error) {
		log(`WARNING: no PostGIS server to use (${(error as Error).message}): running on a temporary EMBEDDED database instead.`);
		log('WARNING: the embedded backend runs one query at a time; these figures are not those of a server deployment.');
		const dir = mkdtempSync(join(tmpdir(), 'ecomap-bench-load-'));
		return { env: { EMBEDDED_DB_DIR: join(dir, 'pglite'), DOWNLOADS_DIR: join(dir, 'downloads') }, cleanup: async () => rmSync(dir, { recursive: true, force: true }), firstStartS: 300 };
	}
}

async function main() {
	if (![USERS, SECONDS, PORT, THINK_MS, STAR_EVERY_S].every((v) => Number.isFinite(v) && v >= 0) || USERS < 1 || SECONDS < 1)
		throw new Error('--users, --seconds, --port, --think-ms and --star-every take positive numbers');
	ensureBuild(log);
	const database = await openDatabase();
	const downloads = mkdtempSync(join(tmpdir(), 'ecomap-bench-downloads-'));
	// Every run gets a fresh process, so its tile cache starts cold and VmHWM is its own.
	const env = { DOWNLOADS_DIR: downloads, ...database.env, CHECK_RATE_LIMIT: '0', BODY_SIZE_LIMIT: '6M' };
	let app: ChildProcess | undefined;
	try {
		app = await startBuiltApp(PORT, env, database.firstStartS * 5);
		const work = await buildWorkload();
		if (!work.tiles.length || !work.items.length || !work.downloads.length) throw new Error('the app offered nothing to load (no layers?)');
		log(`${work.tiles.length} tiles z${MIN_ZOOM}–z${MAX_ZOOM}, ${work.items.length} OGC item queries, ${work.downloads.length} FlatGeobuf files, ${SEARCH_TERMS.length} search terms, ${work.footprints.length} ordinary footprints.`);
		await runLoad('warm-up', app, work, false, WARM_UP_S);
		const withStar = await runLoad('with pathological checks', app, work, true);
		await stopApp(app);
		printRun(withStar);
		if (!args['no-baseline']) {
			app = await startBuiltApp(PORT, env, database.firstStartS * 5);
			await runLoad('warm-up', app, work, false, WARM_UP_S);
			const baseline = await runLoad('without pathological checks', app, work, false);
			printRun(baseline);
			printComparison(withStar, baseline);
		}
		printAims(withStar);
		console.log(`\nthink time 0–${2 * THINK_MS} ms between a user's requests; timeouts: public ${PUBLIC_TIMEOUT_MS / 1000} s, checks ${CHECK_TIMEOUT_MS / 1000} s (counted as errors).`);
		console.log(`Requests sent again because the server had closed the kept-alive socket they reused: ${staleSocketRetries} (not counted as errors).`);
	} finally {
		agent.destroy();
		if (app) await stopApp(app);
		await database.cleanup();
		rmSync(downloads, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
