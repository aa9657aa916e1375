// npm run bench:import [-- --dataset heavy | --mb 200 | --file f.geojson --layer id]
//   [--database-url url] [--runs 1] [--keep] — time and peak memory of `npm run import`
// against `ogr2ogr -f PostgreSQL` loading the same file into the same PostGIS server, side
// by side (measured with /usr/bin/time -v). --dataset heavy: the ecological-redline file of
// `npm run generate:heavy` (.heavy/, or --heavy-dir); without it and without --file, a
// generated GeoJSON FeatureCollection of about --mb megabytes (coal-fire polygons of 64
// vertices). An import replaces a layer, so it never runs in a database it is given: a
// temporary database is made on the server of --database-url (else TEST_DATABASE_URL) and
// dropped; with neither, on a temporary embedded one (then without ogr2ogr). Prints
// figures; asserts nothing.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parseBenchOptions } from './bench-options';
import { heavyFile } from './heavy-gen/load';

const USAGE = 'npm run bench:import -- [--dataset heavy [--heavy-dir d] | --mb 200 | --file f --layer id] [--database-url url] [--runs n] [--keep]';
const options = parseBenchOptions(
	{
		mb: { type: 'string', default: '200' },
		keep: { type: 'boolean', default: false },
		file: { type: 'string', default: '' },
		layer: { type: 'string', default: '' },
		runs: { type: 'string', default: '1' }
	},
	USAGE
);
const heavy = options.dataset === 'heavy';
const values = {
	...options.values,
	file: heavy ? heavyFile(options.heavyDir, 'ecological-redline') : options.values.file || undefined,
	layer: heavy ? 'ecological-redline' : options.values.layer || 'coal-fire'
};
const ROOT = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'ecomap-bench-import-'));
const runs = Math.max(1, Number(values.runs));

/** A regular 64-gon of radius ~300 m around (lon, lat). */
function polygon(lon: number, lat: number): number[][][] {
	const ring: number[][] = [];
	for (let k = 0; k < 64; k++) {
		const a = (2 * Math.PI * k) / 64;
		ring.push([+(lon + 0.004 * Math.cos(a)).toFixed(7), +(lat + 0.0027 * Math.sin(a)).toFixed(7)]);
	}
	ring.push(ring[0]);
	return [ring];
}

async function generate(path: string, bytes: number): Promise<number> {
	const out = createWriteStream(path);
	out.write('{"type":"FeatureCollection","name":"bench","features":[\n');
	let written = 0;
	let n = 0;
	while (written < bytes) {
		const feature = JSON.stringify({
			type: 'Feature',
			properties: { name: `火区 ${n + 1}`, status: n % 2 ? 'untreated' : 'extinguished', county: 'changji' },
			geometry: { type: 'Polygon', coordinates: polygon(86.5 + (n % 400) * 0.005, 43.9 + Math.floor(n / 400) * 0.0001) }
		});
		const line = (n ? ',\n' : '') + feature;
		written += Buffer.byteLength(line);
		n++;
		if (!out.write(line)) await once(out, 'drain');
	}
	out.end(']}\n');
	await once(out, 'finish');
	return n;
}

interface Measured {
	ok: boolean;
	seconds: number;
	rssMb: number;
	tail: string;
}

/** Runs a command under /usr/bin/time -v: wall time, peak RSS, and the end of its output. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv): Measured {
	const run = spawnSync('/usr/bin/time', ['-v', command, ...args], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
	const figure = (label: string) => new RegExp(`${label}: (.+)`).exec(run.stderr)?.[1]?.trim() ?? '';
	const wall = figure('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)')
		.split(':')
		.reduce((s, part) => s * 60 + Number(part), 0);
	const lines = `${run.stdout}\n${run.stderr}`.split('\n').filter((l) => l.trim() && !/^\s+\S.*: /.test(l) && !l.startsWith('\tCommand'));
	return { ok: run.status === 0, seconds: wall, rssMb: Number(figure('Maximum resident set size \\(kbytes\\)')) / 1024, tail: lines.slice(-6).join('\n') };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const have = (tool: string) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;

const adminUrl = options.databaseUrl ?? process.env.TEST_DATABASE_URL;
const database = `ecomap_bench_import_${process.pid}`;
const dbUrl = (() => {
	if (!adminUrl) return undefined;
	const url = new URL(adminUrl);
	url.pathname = `/${database}`;
	return url.toString();
})();

async function admin(sql: string, url = adminUrl): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

/** GDAL's connection string for the bench database. */
function ogrConnection(url: string): string {
	const u = new URL(url);
	const parts = [`dbname=${u.pathname.slice(1)}`, `host=${u.hostname}`, `port=${u.port || 5432}`, `user=${decodeURIComponent(u.username || 'postgres')}`];
	if (u.password) parts.push(`password=${decodeURIComponent(u.password)}`);
	return `PG:${parts.join(' ')}`;
}

try {
	if (adminUrl) await admin(`CREATE DATABASE ${database}`);
	const file = values.file ?? join(work, 'bench.geojson');
	const count = values.file ? undefined : await generate(file, Number(values.mb) * 1024 * 1024);
	const size = statSync(file).size / 1024 / 1024;
	const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: dbUrl ?? '', EMBEDDED_DB_DIR: join(work, 'db') };
	console.log(
		`file: ${size.toFixed(0)} MB${count ? `, ${count} features of 64 vertices` : ''} → layer ${values.layer}; backend: ${dbUrl ? 'server' : 'embedded'}; runs: ${runs}`
	);
	console.log('The machine is shared with other engineers: figures are noisy; compare the two columns of one run.');

	const app: Measured[] = [];
	const ogr: Measured[] = [];
	const ogrAvailable = Boolean(dbUrl) && have('ogr2ogr');
	if (dbUrl && ogrAvailable) await admin('CREATE EXTENSION IF NOT EXISTS postgis', dbUrl);
	for (let i = 0; i < runs; i++) {
		app.push(timed(process.execPath, ['--import', 'tsx', 'scripts/import.ts', file, '--layer', values.layer, '--replace'], env));
		if (ogrAvailable)
			ogr.push(
				timed(
					'ogr2ogr',
					['-f', 'PostgreSQL', ogrConnection(dbUrl!), file, '-nln', 'bench_ogr', '-overwrite', '-nlt', 'PROMOTE_TO_MULTI', '-lco', 'GEOMETRY_NAME=geom'],
					env
				)
			);
	}
	const row = (label: string, ms: Measured[]) =>
		ms.length
			? `${label.padEnd(26)} ${median(ms.map((m) => m.seconds)).toFixed(1).padStart(8)} s ${median(ms.map((m) => m.rssMb)).toFixed(0).padStart(8)} MB   ${ms.every((m) => m.ok) ? 'ok' : 'FAILED'}`
			: `${label.padEnd(26)}  (not run: ${dbUrl ? 'ogr2ogr not installed' : 'embedded backend'})`;
	console.log(`${''.padEnd(26)} ${'time'.padStart(10)} ${'peak RSS'.padStart(11)}`);
	console.log(row('npm run import', app));
	console.log(row('ogr2ogr -f PostgreSQL', ogr));
	if (app.length && ogr.length) {
		const ratio = median(app.map((m) => m.seconds)) / median(ogr.map((m) => m.seconds));
		console.log(`import / ogr2ogr time: ${ratio.toFixed(2)}×; import peak RSS ${(median(app.map((m) => m.rssMb)) / size).toFixed(2)}× the file`);
	}
	for (const m of [...app, ...ogr].filter((m) => !m.ok)) console.log(`failed run:\n${m.tail}`);
} finally {
	if (adminUrl) await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
	if (!values.keep) rmSync(work, { recursive: true, force: true });
	else console.log(`kept: ${work}`);
}
