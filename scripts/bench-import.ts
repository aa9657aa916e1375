// npm run bench:import [-- --mb 200 [--keep]] — peak memory and time of `npm run import` on a
// generated GeoJSON FeatureCollection of about the given size (coal-fire polygons of 64
// vertices in Changji), measured with /usr/bin/time -v. Runs on a temporary database on
// the PostGIS server of TEST_DATABASE_URL when set, else on a temporary embedded one.
// Prints figures; asserts nothing.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '200' }, keep: { type: 'boolean', default: false }, file: { type: 'string' } } });
const ROOT = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'ecomap-bench-import-'));

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

let env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '', EMBEDDED_DB_DIR: join(work, 'db') };
const adminUrl = process.env.TEST_DATABASE_URL;
const database = `ecomap_bench_import_${process.pid}`;
if (adminUrl) {
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	await admin.query(`CREATE DATABASE ${database}`);
	await admin.end();
	const url = new URL(adminUrl);
	url.pathname = `/${database}`;
	env = { ...env, DATABASE_URL: url.toString() };
}

try {
	const file = values.file ?? join(work, 'bench.geojson');
	const count = values.file ? undefined : await generate(file, Number(values.mb) * 1024 * 1024);
	const size = statSync(file).size;
	console.log(`file: ${(size / 1024 / 1024).toFixed(0)} MB${count ? `, ${count} features of 64 vertices` : ''}; backend: ${adminUrl ? 'server' : 'embedded'}`);
	const run = spawnSync('/usr/bin/time', ['-v', process.execPath, '--import', 'tsx', 'scripts/import.ts', file, '--layer', 'coal-fire', '--replace'], {
		cwd: ROOT,
		env,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024
	});
	const figure = (label: string) => new RegExp(`${label}: (.+)`).exec(run.stderr)?.[1]?.trim();
	const rssKb = Number(figure('Maximum resident set size \\(kbytes\\)'));
	console.log(`exit: ${run.status}; written: ${/写入 written: +(\d+)/.exec(run.stdout)?.[1] ?? '—'}`);
	console.log(`peak RSS: ${(rssKb / 1024).toFixed(0)} MB (${(rssKb / 1024 / (size / 1024 / 1024)).toFixed(2)}× the file)`);
	console.log(`elapsed: ${figure('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)')}; user ${figure('User time \\(seconds\\)')} s; system ${figure('System time \\(seconds\\)')} s`);
	if (run.status !== 0) console.log(run.stderr.split('\n').filter((l) => l.startsWith('[import]') || l.startsWith('[ecomap]')).slice(-8).join('\n'));
} finally {
	if (adminUrl) {
		const admin = new pg.Client({ connectionString: adminUrl });
		await admin.connect();
		await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
		await admin.end();
	}
	if (!values.keep) rmSync(work, { recursive: true, force: true });
	else console.log(`kept: ${work}`);
}
