// npm run bench:downloads [-- --dataset seed|heavy] [--database-url <url>] [--embedded-dir <dir>]
//                          [--embedded-batch <vertices>,<vertices>…]
// — time and memory of the layer downloads (/download/{layer}.fgb and .geojson) through the
// built app, on the PostGIS server and on the embedded backend, side by side.
//
// For each backend: the app's RSS when idle, every layer downloaded in both formats (the first
// request writes the file, timed), again (served from the file), then the RSS after and the
// peak (VmHWM). Downloads are written to disk once per data version and streamed from there, so
// the RSS after should be the idle one, whatever the layer sizes.
// Server: a temporary database with the dataset (see bench-options), or --database-url as it is.
// Embedded: a fresh seeded PGlite folder for the seed; for --dataset heavy, --embedded-dir must
// name a PGlite folder already holding it (loading 150 MB into PGlite takes long), else skipped.
// --embedded-batch runs the embedded app once per given batch budget (DOWNLOAD_BATCH_VERTICES),
// each on its own copy of the folder, side by side; default: once with the app's default.
// Needs a build (made here if missing). Figures depend on what else the machine runs.
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAYERS } from '../src/lib/layers/registry';
import { openEmbeddedDb } from '../src/lib/server/db/embedded';
import { migrate } from '../src/lib/server/db/migrate';
import { seed } from '../src/lib/server/seed';
import { benchDatabase, parseBenchOptions } from './bench-options';
import { ensureBuild, startBuiltApp, stopApp } from './built-app';

const options = parseBenchOptions(
	{ 'embedded-dir': { type: 'string' }, 'embedded-batch': { type: 'string' } },
	'usage: npm run bench:downloads -- [--dataset seed|heavy] [--database-url <url>] [--embedded-dir <pglite folder>] [--embedded-batch <vertices>,…]'
);
const PORT = 3107;
const FORMATS = ['fgb', 'geojson'] as const;
const log = (message: string) => console.log(`[bench] ${message}`);

/** VmRSS and VmHWM (peak) of a process, in MB. */
function memory(pid: number): { rss: number; peak: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
	return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** GETs a download, reading and dropping the body; its size in bytes. */
function download(path: string): Promise<number> {
	return new Promise((resolve, reject) => {
		http
			.get({ host: '127.0.0.1', port: PORT, path }, (res) => {
				if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode} for ${path}`));
				let size = 0;
				res.on('data', (chunk: Buffer) => (size += chunk.byteLength));
				res.on('end', () => resolve(size));
			})
			.on('error', reject);
	});
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface BackendRun {
	backend: string;
	idle: number;
	after: number;
	peak: number;
	first: Map<string, { ms: number; bytes: number }>;
	again: Map<string, number>;
}

async function measureBackend(backend: string, env: Record<string, string>): Promise<BackendRun> {
	const downloads = mkdtempSync(join(tmpdir(), 'ecomap-bench-downloads-'));
	let child: ChildProcess | undefined;
	try {
		child = await startBuiltApp(PORT, { ...env, DOWNLOADS_DIR: downloads, ACCESS_LOG: '0' }, 600);
		await pause(3000);
		const idle = memory(child.pid!).rss;
		const first = new Map<string, { ms: number; bytes: number }>();
		const again = new Map<string, number>();
		for (const layer of LAYERS)
			for (const format of FORMATS) {
				const t = performance.now();
				const bytes = await download(`/download/${layer.id}.${format}`);
				first.set(`${layer.id}.${format}`, { ms: performance.now() - t, bytes });
			}
		for (const layer of LAYERS)
			for (const format of FORMATS) {
				const t = performance.now();
				await download(`/download/${layer.id}.${format}`);
				again.set(`${layer.id}.${format}`, performance.now() - t);
			}
		await pause(3000);
		const { rss: after, peak } = memory(child.pid!);
		log(`${backend}: idle ${idle.toFixed(0)} MB, after ${after.toFixed(0)} MB, peak ${peak.toFixed(0)} MB`);
		return { backend, idle, after, peak, first, again };
	} finally {
		if (child) await stopApp(child);
		rmSync(downloads, { recursive: true, force: true });
	}
}

/** A PGlite folder for the app: a copy of --embedded-dir, or a fresh one with the seed. */
async function embeddedFolder(): Promise<string | null> {
	const dir = mkdtempSync(join(tmpdir(), 'ecomap-bench-pglite-'));
	const given = options.values['embedded-dir'] as string | undefined;
	if (given) {
		cpSync(given, dir, { recursive: true });
		return dir;
	}
	if (options.dataset === 'heavy') {
		rmSync(dir, { recursive: true, force: true });
		return null;
	}
	log('embedded: seeding a fresh PGlite folder (about 30 s)…');
	const db = await openEmbeddedDb({ dataDir: dir });
	await migrate(db);
	await seed(db);
	await db.close();
	return dir;
}

function print(runs: BackendRun[]) {
	const mb = (n: number) => n.toFixed(0);
	const s = (ms: number) => (ms / 1000).toFixed(2);
	console.log(`\ndataset ${options.dataset}; RSS of the app process (MB), downloads of every layer in both formats:`);
	const header = ['', ...runs.map((r) => r.backend)];
	const rows: string[][] = [
		['RSS idle', ...runs.map((r) => mb(r.idle))],
		['RSS after all downloads, twice', ...runs.map((r) => mb(r.after))],
		['growth', ...runs.map((r) => `${r.after - r.idle >= 0 ? '+' : ''}${mb(r.after - r.idle)}`)],
		['peak RSS (VmHWM)', ...runs.map((r) => mb(r.peak))],
		['first downloads, total s', ...runs.map((r) => s([...r.first.values()].reduce((a, b) => a + b.ms, 0)))],
		['again (from disk), total s', ...runs.map((r) => s([...r.again.values()].reduce((a, b) => a + b, 0)))]
	];
	// The largest files, where a layer's size shows.
	const biggest = [...runs[0].first.entries()].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 4);
	for (const [name, { bytes }] of biggest)
		rows.push([`${name} (${(bytes / 1e6).toFixed(1)} MB): first / again s`, ...runs.map((r) => `${s(r.first.get(name)!.ms)} / ${s(r.again.get(name)!)}`)]);
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	console.log(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`);
}

async function main() {
	ensureBuild(log);
	const runs: BackendRun[] = [];
	const database = await benchDatabase(options, 'ecomap_bench_dl', log);
	try {
		runs.push(await measureBackend('server', { DATABASE_URL: database.url }));
	} finally {
		await database.drop();
	}
	const budgets = ((options.values['embedded-batch'] as string | undefined) ?? '').split(',').filter(Boolean);
	for (const budget of budgets.length ? budgets : ['']) {
		const folder = await embeddedFolder();
		if (!folder) {
			log('embedded: skipped (--dataset heavy needs --embedded-dir <a PGlite folder holding it>)');
			break;
		}
		try {
			const label = budget ? `embedded, batch ${budget}` : 'embedded';
			runs.push(await measureBackend(label, { EMBEDDED_DB_DIR: folder, ...(budget && { DOWNLOAD_BATCH_VERTICES: budget }) }));
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	}
	print(runs);
}

main().catch((error) => {
	console.error(`[bench] ${error instanceof Error ? error.stack : String(error)}`);
	process.exit(1);
});
