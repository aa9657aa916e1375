// npm run bench:check [-- --dataset seed|heavy] [--database-url <url>] [--skip-browser] [--runs n] [--footprints n]
// The conflict check's latency against all zoning layers, app and PostGIS floor side by side.
//
// The database (scripts/bench-options.ts): --database-url as it is, else a temporary one on the
// PostGIS server of BENCH_DATABASE_URL (or TEST_DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/postgres), migrated and seeded, with --dataset heavy the
// redline and control units of `npm run generate:heavy` imported over the seed's. Footprints of
// 10, 500, 1,000 and 10,000 vertices and a 100-part multipolygon go on the boundaries of zoning
// features (and a 20,000-vertex county-scale parcel, a 10,000-vertex footprint 20–25 km across
// and a 60 km line of 10,000 vertices — the big ones of issue 14), and it measures:
//   server   POST /api/check on the built app (`node build`, CHECK_RATE_LIMIT=0) over HTTP;
//   floor    the bare PostGIS statement computing the same overlap areas and distances on the
//            whole geometries (ST_Area(ST_Intersection()::geography), ST_Distance(::geography))
//            through `pg`;
//   browser  runCheck bundled with esbuild into a page in Chromium, fed the same candidates,
//            with clipping 'sweep' (the preview while drawing) and 'turf' (the tests' second opinion).
// Each footprint is checked several times in a row; p50/p95 are over all runs. Last, the
// 10,000-point star of the "safe to leave running" issue, with /healthz polled meanwhile. A
// temporary database is dropped and the server stopped at the end. Needs a build with
// /api/check (made here if not); BENCH_APP_DIR points at another build. The app gets the
// environment (e.g. CHECK_MAX_WORK); checks it refuses (422 too-complex) are counted, not timed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import type { Geometry, Position } from 'geojson';
import { validateFootprint } from '../src/lib/check/validate';
import { blobPolygon, issueStar, mulberry32, offset } from '../src/lib/check/test/generate';
import type { CandidateSet } from '../src/lib/check/types';
import { zoningLayers } from '../src/lib/layers/registry';
import { findCandidates, marginDegrees } from '../src/lib/server/check/candidates';
import { DEFAULT_DB_TIMEOUTS, openServerDb } from '../src/lib/server/db/server';
import type { Db } from '../src/lib/server/db/types';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { waitHealthy } from './wait-healthy';
import { benchDatabase, parseBenchOptions } from './bench-options';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PORT = Number(process.env.BENCH_PORT ?? 3305);
/** The built app to measure; default build/ (made here when it has no /api/check yet). */
const APP_DIR = process.env.BENCH_APP_DIR ?? join(ROOT, 'build');
const log = (message: string) => console.log(`[bench:check] ${message}`);
/** The app's work bound in the bench, unless CHECK_MAX_WORK is set. */
const CHECK_MAX_WORK = 1e10;
const options = parseBenchOptions(
	{ 'skip-browser': { type: 'boolean', default: false }, runs: { type: 'string' }, footprints: { type: 'string' } },
	'Usage: npm run bench:check -- [--dataset seed|heavy] [--heavy-dir <dir>] [--database-url <url>] [--skip-browser] [--runs <max per footprint>] [--footprints <max per scenario>]'
);

interface Scenario {
	name: string;
	vertices: number;
	footprints: Geometry[];
	runs: number;
}

const quantile = (xs: number[], q: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};

/** Boundary vertices of seeded zoning features, cycling through the layers: where checks are hard. */
async function anchors(db: Db): Promise<Position[]> {
	const layers = zoningLayers();
	const sql = layers
		.map(
			(l, k) => `(SELECT $${k + 1}::text AS layer, id, ST_AsGeoJSON(ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)),
				1 + (id * 13) % (ST_NPoints(ST_ExteriorRing(ST_GeometryN(geom, 1))) - 1))) AS p FROM "${l.table}" ORDER BY id LIMIT 8)`
		)
		.join('\nUNION ALL\n');
	const rows = await db.query<{ layer: string; id: number; p: string }>(sql, layers.map((l) => l.id));
	// Interleave layers so every scenario sees all of them.
	const byLayer = layers.map((l) => rows.filter((r) => r.layer === l.id));
	const out: Position[] = [];
	for (let i = 0; i < 8; i++) for (const list of byLayer) if (list[i]) out.push((JSON.parse(list[i].p) as { coordinates: Position }).coordinates);
	return out;
}

function scenarios(points: Position[]): Scenario[] {
	const rng = mulberry32(424242);
	const at = (i: number) => points[i % points.length];
	const polygons = (n: number, count: number, radius: [number, number]): Geometry[] =>
		Array.from({ length: count }, (_, i) => ({
			type: 'Polygon',
			coordinates: blobPolygon(rng, offset(at(i * 3 + n), (rng() - 0.5) * 400, (rng() - 0.5) * 400), radius[0] + rng() * (radius[1] - radius[0]), n)
		}));
	// 100 small parcels on a 10 × 10 grid, 300 m apart: a solar farm's panel blocks, a village's plots.
	const multi = (i: number): Geometry => {
		const origin = offset(at(i * 5 + 1), -1500, -1500);
		return {
			type: 'MultiPolygon',
			coordinates: Array.from({ length: 100 }, (_, k) => blobPolygon(rng, offset(origin, (k % 10) * 300, Math.floor(k / 10) * 300), 90, 12))
		};
	};
	return [
		{ name: '10 vertices', vertices: 10, footprints: polygons(10, 12, [300, 800]), runs: 5 },
		{ name: '500 vertices', vertices: 500, footprints: polygons(500, 12, [800, 1500]), runs: 5 },
		{ name: '1,000 vertices', vertices: 1000, footprints: polygons(1000, 12, [1000, 2000]), runs: 5 },
		{ name: '10,000 vertices', vertices: 10000, footprints: polygons(10000, 6, [2000, 3000]), runs: 3 },
		// A county-scale parcel.
		{ name: '20,000 vertices', vertices: 20000, footprints: polygons(20000, 3, [4000, 6000]), runs: 2 },
		{ name: '100-part multipolygon', vertices: 1200, footprints: Array.from({ length: 8 }, (_, i) => multi(i)), runs: 3 },
		// Issue 14's big ones: a footprint 20–25 km across, and a 60 km line (a road's survey, a vertex every 6 m).
		{ name: '10,000 vertices 20–25 km', vertices: 10000, footprints: polygons(10000, 3, [10000, 12500]), runs: 2 },
		{ name: '60 km line', vertices: 10000, footprints: Array.from({ length: 3 }, (_, i) => surveyLine(rng, at(i * 7 + 2), 60_000, 10_000)), runs: 2 }
	];
}

/** A gently winding line `lengthM` long of `n` vertices from `start`, heading roughly east-north-east. */
function surveyLine(rng: () => number, start: Position, lengthM: number, n: number): Geometry {
	const step = lengthM / (n - 1);
	let heading = 0.3 + rng() * 0.4;
	let p = start;
	const coordinates = [p];
	for (let i = 1; i < n; i++) {
		heading += (rng() - 0.5) * 0.02;
		p = offset(p, step * Math.cos(heading), step * Math.sin(heading));
		coordinates.push(p);
	}
	return { type: 'LineString', coordinates };
}

/** The floor: the same areas and distances, computed by PostGIS alone in one statement. */
function floorSql(): string {
	const layers = zoningLayers();
	const branches = layers.map((l, k) => {
		const p = 2 + k * 2;
		return `SELECT '${l.id}' AS layer, t.id,
			CASE WHEN ST_Intersects(t.geom, fp.g) THEN ST_Area(ST_Intersection(t.geom, fp.g)::geography) ELSE 0 END AS area,
			ST_Distance(t.geom::geography, fp.gg) AS distance
		FROM "${l.table}" t, fp WHERE t.geom && ST_Expand(fp.g, $${p}::float8, $${p + 1}::float8)
			AND ST_DWithin(t.geom::geography, fp.gg, ${l.zoning!.bufferM})`;
	});
	return `WITH fp AS MATERIALIZED (SELECT g, g::geography AS gg FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326) AS g) s)
${branches.join('\nUNION ALL\n')}`;
}

function floorValues(footprint: Geometry): unknown[] {
	const v = validateFootprint(footprint);
	if (!v.ok || !v.footprint.parts.bbox) throw new Error(`bench footprint invalid: ${v.ok ? 'empty' : v.error.message.en}`);
	const bbox = v.footprint.parts.bbox;
	return [JSON.stringify(footprint), ...zoningLayers().flatMap((l) => marginDegrees(l.zoning!.bufferM + 12, bbox))];
}

function appIsBuiltWithCheck(): boolean {
	return existsSync(join(APP_DIR, 'index.js')) && existsSync(join(APP_DIR, 'server', 'chunks', 'entries', 'endpoints', 'api', 'check'));
}

function ensureBuild(): void {
	if (appIsBuiltWithCheck()) {
		log(`Using the build in ${APP_DIR} of ${statSync(join(APP_DIR, 'index.js')).mtime.toISOString()} (delete it to rebuild).`);
		return;
	}
	if (process.env.BENCH_APP_DIR) throw new Error(`${APP_DIR} holds no build with /api/check`);
	log('No build with /api/check yet: building the app (vite build, a minute or two)…');
	const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
	if (result.status !== 0 || !appIsBuiltWithCheck()) throw new Error('vite build failed');
}

async function startApp(databaseUrl: string): Promise<ChildProcess> {
	const child = spawn(process.execPath, [join(APP_DIR, 'index.js')], {
		env: {
			...process.env,
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${PORT}`,
			DATABASE_URL: databaseUrl,
			CHECK_RATE_LIMIT: '0',
			// Tile warming after the start would compete with the first checks for the database.
			TILE_WARM: '0',
			// The default bound (10⁸) refuses the big footprints on heavy data: time them instead.
			CHECK_MAX_WORK: process.env.CHECK_MAX_WORK ?? String(CHECK_MAX_WORK),
			// adapter-node refuses bodies over 512 kB by default; /api/check allows 5 MB.
			BODY_SIZE_LIMIT: '6M'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	if (await waitHealthy(`http://127.0.0.1:${PORT}`, 150, 200)) return child;
	child.kill();
	throw new Error(`the built app did not start on port ${PORT}`);
}

interface CheckTiming {
	ms: number;
	engineMs: number;
	candidatesMs: number;
	conflicts: number;
	/** The app refused the check as too complex (422): not a latency. */
	refused?: string;
}

async function postCheck(footprint: Geometry): Promise<CheckTiming> {
	const body = JSON.stringify({ footprint, projectType: 'solar_wind' });
	const t0 = performance.now();
	const response = await fetch(`http://127.0.0.1:${PORT}/api/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
	const json = (await response.json()) as { engine?: { durationMs: number }; conflicts?: unknown[]; error?: { code: string; message: string } };
	const ms = performance.now() - t0;
	if (response.status === 422 && json.error?.code === 'too-complex') return { ms, engineMs: NaN, candidatesMs: NaN, conflicts: 0, refused: json.error.message };
	if (!response.ok) throw new Error(`/api/check answered ${response.status}: ${json.error?.message}`);
	const timing = /candidates;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '');
	return { ms, engineMs: json.engine?.durationMs ?? NaN, candidatesMs: timing ? Number(timing[1]) : NaN, conflicts: json.conflicts?.length ?? 0 };
}

/** Posts the star while polling /healthz every 50 ms: how the check ends, and what the rest of the server saw meanwhile. */
async function starFigure(n: number): Promise<string> {
	let checking = true;
	const latencies: number[] = [];
	const poll = (async () => {
		while (checking) {
			const t = performance.now();
			await fetch(`http://127.0.0.1:${PORT}/healthz`).then((r) => r.arrayBuffer());
			latencies.push(performance.now() - t);
			await new Promise((r) => setTimeout(r, 50));
		}
	})();
	const t0 = performance.now();
	const response = await fetch(`http://127.0.0.1:${PORT}/api/check`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ footprint: issueStar(n), lang: 'en' })
	});
	const json = (await response.json()) as { verdict?: string; error?: { code: string; message: string } };
	const ms = performance.now() - t0;
	checking = false;
	await poll;
	const outcome = json.error ? `${json.error.code}: ${json.error.message}` : `verdict ${json.verdict}`;
	return `star ${n.toLocaleString('en-US')} vertices: ${response.status} in ${(ms / 1000).toFixed(1)} s (${outcome}); /healthz meanwhile ${latencies.length} polls, p50 ${quantile(latencies, 0.5).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms`;
}

/** The engine bundled for the browser, as the /check page gets it: runCheck + the registry. */
async function engineBundle(): Promise<string> {
	const dir = mkdtempSync(join(tmpdir(), 'ecomap-bench-'));
	try {
		const entry = join(dir, 'entry.ts');
		writeFileSync(
			entry,
			`import { runCheck } from ${JSON.stringify(join(ROOT, 'src/lib/check/index.ts'))};
import { LAYERS } from ${JSON.stringify(join(ROOT, 'src/lib/layers/registry.ts'))};
(globalThis as unknown as { ecomapCheck: unknown }).ecomapCheck = { runCheck, LAYERS };`
		);
		const out = await build({ entryPoints: [entry], bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: true, write: false, logLevel: 'warning' });
		return out.outputFiles[0].text;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

interface BrowserTimes {
	sweep: number[];
	turf: number[];
}

async function main() {
	ensureBuild();
	log(options.databaseUrl ? `Dataset ${options.dataset}, database ${options.databaseUrl} as it is.` : `Dataset ${options.dataset}: creating and loading a temporary database…`);
	const temp = await benchDatabase(options, 'ecomap_bench_check', log);
	const databaseUrl = temp.url;
	const skipBrowser = options.values['skip-browser'] === true;
	let app: ChildProcess | undefined;
	let db: Db | undefined;
	let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
	try {
		// No statement bound: the floor on whole heavy geometries takes seconds for the big footprints.
		db = openServerDb(databaseUrl, 4, { ...DEFAULT_DB_TIMEOUTS, statementMs: 0 });
		// --runs / --footprints cap each scenario, for a quicker (coarser) run.
		const cap = (v: unknown) => (typeof v === 'string' ? Math.max(1, Number(v)) : Infinity);
		const list = scenarios(await anchors(db)).map((s) => ({
			...s,
			runs: Math.min(s.runs, cap(options.values.runs)),
			footprints: s.footprints.slice(0, cap(options.values.footprints))
		}));
		app = await startApp(databaseUrl);
		let page: Awaited<ReturnType<NonNullable<typeof browser>['newPage']>> | undefined;
		if (!skipBrowser) {
			const bundle = await engineBundle();
			log(`Engine bundle for the browser: ${(bundle.length / 1024).toFixed(0)} kB minified.`);
			browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
			page = await browser.newPage();
			await page.setContent('<!doctype html><meta charset="utf-8"><title>bench</title>');
			await page.addScriptTag({ content: bundle });
		}

		// Warm up the server's JIT and PostgreSQL's caches once for everyone.
		for (const s of list.slice(0, 3)) for (const f of s.footprints.slice(0, 3)) await postCheck(f);
		const floorStatement = floorSql();
		const rows: string[][] = [];
		const summary: Record<string, { server50: number; server95: number; floor50: number; floor95: number; sweep95: number; refused: number }> = {};
		for (const s of list) {
			const server: number[] = [];
			const engine: number[] = [];
			const candidates: number[] = [];
			const floor: number[] = [];
			const browserTimes: BrowserTimes = { sweep: [], turf: [] };
			let conflicts = 0;
			let refused = 0;
			for (const footprint of s.footprints) {
				const values = floorValues(footprint);
				for (let r = 0; r < s.runs; r++) {
					const t0 = performance.now();
					await db.query(floorStatement, values);
					floor.push(performance.now() - t0);
					// A check that fails outright (the app closed the connection, e.g. out of memory) is counted, not timed.
					const res = await postCheck(footprint).catch((error: Error): CheckTiming => ({ ms: NaN, engineMs: NaN, candidatesMs: NaN, conflicts: 0, refused: `failed: ${error.message}` }));
					if (res.refused) {
						if (!refused) log(`${s.name}: refused — ${res.refused}`);
						refused++;
						continue;
					}
					server.push(res.ms);
					engine.push(res.engineMs);
					candidates.push(res.candidatesMs);
					conflicts += res.conflicts;
				}
				if (!page) continue;
				const v = validateFootprint(footprint);
				if (!v.ok) throw new Error('invalid bench footprint');
				const { sets } = await findCandidates(db, v.footprint);
				const times = await page.evaluate(
					({ footprint, sets, runs }) => {
						const api = (globalThis as unknown as { ecomapCheck: { runCheck: (i: unknown) => unknown; LAYERS: unknown } }).ecomapCheck;
						const out = { sweep: [] as number[], turf: [] as number[] };
						for (const clipping of ['sweep', 'turf'] as const) {
							api.runCheck({ footprint, projectType: 'solar_wind', candidates: sets, layers: api.LAYERS, clipping }); // JIT warm-up
							for (let r = 0; r < runs; r++) {
								const t0 = performance.now();
								api.runCheck({ footprint, projectType: 'solar_wind', candidates: sets, layers: api.LAYERS, clipping });
								out[clipping].push(performance.now() - t0);
							}
						}
						return out;
					},
					{ footprint, sets: sets as CandidateSet[], runs: s.runs }
				);
				browserTimes.sweep.push(...times.sweep);
				browserTimes.turf.push(...times.turf);
			}
			const f = (v: number) => (Number.isNaN(v) ? '–' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
			const q = (xs: number[], p: number) => (xs.length ? quantile(xs, p) : NaN);
			const [s50, s95, f50, f95] = [q(server, 0.5), q(server, 0.95), q(floor, 0.5), q(floor, 0.95)];
			summary[s.name] = { server50: s50, server95: s95, floor50: f50, floor95: f95, sweep95: q(browserTimes.sweep, 0.95), refused };
			rows.push([
				s.name,
				String(s.footprints.length * s.runs) + (refused ? ` (${refused} refused)` : ''),
				server.length ? (conflicts / server.length).toFixed(1) : '–',
				`${f(s50)} / ${f(s95)}`,
				f(q(candidates, 0.5)),
				f(q(engine, 0.5)),
				`${f(f50)} / ${f(f95)}`,
				`${(s50 / f50).toFixed(2)} / ${(s95 / f95).toFixed(2)}`,
				`${f(q(browserTimes.sweep, 0.5))} / ${f(q(browserTimes.sweep, 0.95))}`,
				`${f(q(browserTimes.turf, 0.5))} / ${f(q(browserTimes.turf, 0.95))}`
			]);
			log(`${s.name}: ${rows[rows.length - 1].slice(1).join(' | ')}`);
		}

		const header = ['footprint', 'runs', 'conflicts', 'server p50/p95 ms', 'candidates p50', 'engine p50', 'floor p50/p95 ms', 'server/floor p50 / p95', 'browser sweep p50/p95', 'browser turf p50/p95'];
		const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
		const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
		console.log('');
		console.log(line(header));
		console.log(widths.map((w) => '-'.repeat(w)).join('  '));
		for (const r of rows) console.log(line(r));
		console.log('');
		console.log('server = POST /api/check on the built app over HTTP; candidates = its candidate query (Server-Timing); engine = engine.durationMs (the sweep, as of record);');
		console.log('floor = PostGIS alone computing the same overlap areas and distances; browser = runCheck in Chromium on the same candidates.');
		log('The star polygon of the issue, while polling /healthz…');
		console.log(await starFigure(10_000));
		const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');
		const ten = summary['10 vertices'];
		const k = summary['1,000 vertices'];
		const big = summary['20,000 vertices'];
		const p500 = summary['500 vertices'];
		console.log(`dataset ${options.dataset}; CHECK_MAX_WORK ${process.env.CHECK_MAX_WORK ?? CHECK_MAX_WORK}; the machine may be shared: compare figures of one run, side by side`);
		console.log(`20,000-vertex check p95 ${big.server95.toFixed(0)} ms (${(big.server95 / k.server95).toFixed(1)} × the 1,000-vertex p95)`);
		console.log(`target: 10-vertex check p50 ≤ 2 × floor p50 — ${(ten.server50 / ten.floor50).toFixed(2)} ×: ${verdict(ten.server50 <= 2 * ten.floor50)}`);
		console.log(`target: 1,000-vertex check p95 ≤ 300 ms — ${k.server95.toFixed(0)} ms: ${verdict(k.server95 <= 300)}`);
		console.log(`target: 1,000-vertex check p95 ≤ 2 × floor p95 — ${(k.server95 / k.floor95).toFixed(2)} ×: ${verdict(k.server95 <= 2 * k.floor95)}`);
		for (const name of ['10,000 vertices 20–25 km', '60 km line']) {
			const b = summary[name];
			const shown = b.refused ? `${b.refused} refused as too complex (CHECK_MAX_WORK)` : `p95 ${b.server95.toFixed(0)} ms`;
			console.log(`target: ${name} ≤ 3 s — ${shown}: ${verdict(!b.refused && b.server95 <= 3000)}`);
		}
		if (!skipBrowser) console.log(`target: in-browser preview (sweep) ≤ 100 ms for ≤ 500 vertices — p95 ${p500.sweep95.toFixed(1)} ms: ${verdict(p500.sweep95 <= 100)}`);
	} finally {
		await browser?.close().catch(() => undefined);
		if (app) {
			app.kill();
			await new Promise((r) => app?.once('exit', r));
		}
		await db?.close();
		await temp.drop();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
