// npm run bench:siting — siting guidance (选址引导): the class map of one county and of the whole
// prefecture, cold (nothing cached in the process) and cached, and the nearest-site search for a
// 1 km² rectangle, on both backends: a temporary seeded database on the PostGIS server of
// BENCH_DATABASE_URL (or TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
// and an embedded PGlite seeded in memory. Requests go through the route handlers in this process
// (body parsing, the route's work, the JSON answer), as SvelteKit calls them; no HTTP. Prints
// p50/p95 per case and the machine's load average, which matters: the machine is shared.
import { loadavg } from 'node:os';
import { openEmbeddedDb } from '../src/lib/server/db/embedded';
import { migrate } from '../src/lib/server/db/migrate';
import { openServerDb } from '../src/lib/server/db/server';
import type { Db } from '../src/lib/server/db/types';
import { seed } from '../src/lib/server/seed';
import { forgetClassMaps } from '../src/lib/server/siting/class-map';
import { handleClassMap, handleNearest } from '../src/lib/server/siting/handler';
import { createTempDatabase } from './temp-database';
import { rectangleAround } from '../src/lib/siting/shapes';

const log = (message: string) => console.log(`[bench:siting] ${message}`);
// The route handlers share the check's rate limit per client address: a bench is one address.
process.env.CHECK_RATE_LIMIT = '0';
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
const CACHED_RUNS = 20;
const NEAREST_RUNS = Number(process.env.BENCH_NEAREST_RUNS ?? 5);

const quantile = (xs: number[], q: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};


async function post(db: Db, handler: typeof handleClassMap, body: unknown): Promise<{ ms: number; bytes: number; note: string }> {
	const request = new Request('http://localhost/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	const t0 = performance.now();
	const response = await handler({ request, getClientAddress: () => '127.0.0.1', locals: { db } });
	const text = await response.text();
	const ms = performance.now() - t0;
	if (!response.ok) throw new Error(`${response.status}: ${text.slice(0, 300)}`);
	const note = handler === handleNearest ? (JSON.parse(text) as { alternatives: { distanceM: number; verdict: string }[] }).alternatives.map((a) => `${a.verdict}@${Math.round(a.distanceM)}m`).join(' ') : '';
	return { ms, bytes: text.length, note };
}

interface Row {
	backend: string;
	case: string;
	runs: number;
	first: number;
	p50: number;
	p95: number;
	note: string;
}

async function measure(backend: string, db: Db): Promise<Row[]> {
	const rows: Row[] = [];
	const run = async (name: string, times: number, once: () => Promise<{ ms: number; bytes: number; note: string }>) => {
		const ms: number[] = [];
		let note = '';
		for (let i = 0; i < times; i++) {
			const r = await once();
			ms.push(r.ms);
			note = r.note || `${Math.round(r.bytes / 1024)} KB`;
		}
		const rest = ms.length > 1 ? ms.slice(1) : ms;
		rows.push({ backend, case: name, runs: times, first: ms[0], p50: quantile(rest, 0.5), p95: quantile(rest, 0.95), note });
		log(`${backend} ${name}: first ${ms[0].toFixed(0)} ms, then p50 ${quantile(rest, 0.5).toFixed(0)} ms (load ${loadavg()[0].toFixed(1)})`);
	};
	const county = { projectType: 'building', area: { county: '昌吉市' } };
	const prefecture = { projectType: 'building', area: { prefecture: true } };
	await run('county 昌吉市, cold', COLD_RUNS, async () => {
		forgetClassMaps();
		return post(db, handleClassMap, county);
	});
	await run('county 昌吉市, cached', CACHED_RUNS, () => post(db, handleClassMap, county));
	await run('prefecture, cold', Math.max(2, Math.ceil(COLD_RUNS / 2)), async () => {
		forgetClassMaps();
		return post(db, handleClassMap, prefecture);
	});
	await run('prefecture, cached', CACHED_RUNS, () => post(db, handleClassMap, prefecture));
	await run('nearest, 1 km² building at a water source, ≤ attention, 5 km', NEAREST_RUNS, () =>
		post(db, handleNearest, { footprint: rectangleAround([87.42589744563182, 43.8947045], 1250, 800), projectType: 'building', maxDistanceM: 5000, accept: 'attention' })
	);
	await run('nearest, 1 km² solar farm in the Tianchi redline, ≤ approval, 6 km', NEAREST_RUNS, () =>
		post(db, handleNearest, { footprint: rectangleAround([88.13, 43.89], 1250, 800), projectType: 'solar_wind', maxDistanceM: 6000, accept: 'approval' })
	);
	await run('nearest, nothing fits (clear, 2 km): the whole search', NEAREST_RUNS, () =>
		post(db, handleNearest, { footprint: rectangleAround([87.43, 43.9], 1250, 800), projectType: 'building', maxDistanceM: 2000, accept: 'clear' })
	);
	return rows;
}

const all: Row[] = [];
const server = await createTempDatabase('bench_siting', 'seeded');
try {
	const db = openServerDb(server.url, 4, { connectMs: 3000, statementMs: 0, idleMs: 30_000 });
	try {
		all.push(...(await measure('server', db)));
	} finally {
		await db.close();
	}
} finally {
	await server.drop();
}
log('seeding an embedded PGlite in memory…');
const embedded = await openEmbeddedDb({ dataDir: 'memory://' });
try {
	await migrate(embedded);
	await seed(embedded);
	all.push(...(await measure('embedded', embedded)));
} finally {
	await embedded.close();
}

console.log(`\nSiting guidance — ${new Date().toISOString()}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (shared machine: other work runs meanwhile)`);
console.log('"first" is the first run of a case (for cold cases: worker threads and, on PGlite, WASM code paths warming up); p50/p95 are over the other runs.');
console.log('backend   case                                                             runs   first ms   p50 ms   p95 ms   answer');
for (const r of all)
	console.log(`${r.backend.padEnd(9)} ${r.case.padEnd(64)} ${String(r.runs).padStart(4)} ${r.first.toFixed(0).padStart(10)} ${r.p50.toFixed(0).padStart(8)} ${r.p95.toFixed(0).padStart(8)}   ${r.note}`);
process.exit(0);
