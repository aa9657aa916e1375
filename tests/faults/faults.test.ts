import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuiltApp } from './app';
import { canRunCluster, TempCluster } from './pg-cluster';
import { probe, PUBLIC_ROUTES, type ProbeResult } from './routes';

// Ports of their own, apart from the shared server (5432) and the other test apps.
const PG_PORT = Number(process.env.FAULTS_PG_PORT ?? 55433);
const APP_PORT = Number(process.env.FAULTS_APP_PORT ?? 3551);
const CONNECT_MS = 1000;
const STATEMENT_MS = 2000;
// A request still unanswered after this hangs: the fault this test is about.
const GUARD_MS = CONNECT_MS + STATEMENT_MS + 3000;

const all = (origin: string) => Promise.all(PUBLIC_ROUTES.map((route) => probe(origin, route, GUARD_MS)));
const slowest = (results: ProbeResult[]) => Math.max(...results.map((r) => r.ms));
const describeResult = (r: ProbeResult) => `${r.route.name} ${r.route.path}: ${r.status} after ${r.ms.toFixed(0)} ms ${r.body.slice(0, 200)}`;

/**
 * Every route that needs the database answers 503 + Retry-After in the error envelope; the
 * pages, which load their data from the API in the browser, are still served.
 */
function expectUnavailable(results: ProbeResult[]) {
	for (const r of results) {
		if (r.route.page) {
			expect(r.status, describeResult(r)).toBe(200);
			continue;
		}
		expect(r.status, describeResult(r)).toBe(503);
		expect(r.retryAfter, describeResult(r)).toMatch(/^\d+$/);
		expect(r.contentType, describeResult(r)).toMatch(/application\/json/);
		const body = JSON.parse(r.body) as { error: { code: string; message: string } };
		expect(body.error.code, describeResult(r)).toBe('database-unavailable');
		expect(body.error.message.length).toBeGreaterThan(5);
		// Never the database's address to the public.
		expect(r.body).not.toContain(String(PG_PORT));
	}
}

/** Probes every route until all answer below 500; the time that took. */
async function untilRecovered(origin: string, limitMs: number): Promise<{ ms: number; results: ProbeResult[] }> {
	const started = performance.now();
	let results: ProbeResult[] = [];
	while (performance.now() - started < limitMs) {
		results = await all(origin);
		if (results.every((r) => r.status > 0 && r.status < 500)) break;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return { ms: performance.now() - started, results };
}

function expectHealthy(results: ProbeResult[]) {
	for (const r of results) expect(r.status, describeResult(r)).toBeLessThan(500);
	expect(results.find((r) => r.route.name === 'healthz')?.status).toBe(200);
}

const figures: string[] = [];

describe.skipIf(!canRunCluster())('a database that goes away: every route answers 503 and recovers by itself', () => {
	let cluster: TempCluster;
	let app: BuiltApp;

	beforeAll(async () => {
		cluster = new TempCluster(PG_PORT);
		app = new BuiltApp(APP_PORT, {
			DATABASE_URL: cluster.url,
			DB_CONNECT_TIMEOUT_MS: String(CONNECT_MS),
			DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_MS),
			CHECK_RATE_LIMIT: '0',
			ACCESS_LOG: '0'
		});
		// The app starts while its database is still down: the first open fails.
		await app.start();
	}, 120_000);

	afterAll(async () => {
		await app?.stop();
		cluster?.destroy();
		if (figures.length) console.log(`[faults] ${figures.join('; ')}`);
	});

	it('answers 503 while the database has never been reachable', async () => {
		expectUnavailable(await all(app.origin));
	});

	it('opens the database once it comes up, without a restart', async () => {
		cluster.start();
		const { ms, results } = await untilRecovered(app.origin, 60_000);
		expectHealthy(results);
		figures.push(`first open after start: ${ms.toFixed(0)} ms`);
	});

	it('answers 503 at once when the database stops, and recovers when it starts', async () => {
		cluster.stop();
		const down = await all(app.origin);
		expectUnavailable(down);
		figures.push(`stopped → 503: slowest ${slowest(down).toFixed(0)} ms`);

		cluster.start();
		const { ms, results } = await untilRecovered(app.origin, 60_000);
		expectHealthy(results);
		figures.push(`restarted → healthy: ${ms.toFixed(0)} ms`);
	});

	it('answers 503 within the statement timeout when the database freezes, and recovers when it thaws', async () => {
		await all(app.origin); // pooled connections open: the freeze catches them mid-use
		cluster.freeze();
		let frozen: ProbeResult[];
		try {
			frozen = await all(app.origin);
		} finally {
			cluster.thaw();
		}
		expectUnavailable(frozen);
		figures.push(`frozen → 503: slowest ${slowest(frozen).toFixed(0)} ms (statement timeout ${STATEMENT_MS} ms)`);

		const { ms, results } = await untilRecovered(app.origin, 60_000);
		expectHealthy(results);
		figures.push(`thawed → healthy: ${ms.toFixed(0)} ms`);
	});
});
