// Regression for "one request must never freeze the server": a 10,000-point star polygon sent
// to POST /api/check once blocked the whole process (/healthz, tiles) for ~75 s. The check's CPU
// work now runs in worker threads with a deadline, so while it runs /healthz keeps answering.
// Runs against the built app like the browser tests (API only, no page).
import { expect, test } from '@playwright/test';
import { issueStar } from '../../src/lib/check/test/generate';

/** CHECK_DEADLINE_MS's default: the longest one step of a check may run. */
const DEADLINE_MS = 20_000;
/** The bound the issue asks for, generously: every /healthz during the check answers within it. */
const HEALTHZ_BOUND_MS = 1000;

test('a 10,000-point star check leaves /healthz answering and ends in 422 or an answer within the deadline', async ({ request }) => {
	test.setTimeout(180_000);
	// Warm up: the first /healthz opens the database, the first check starts the workers.
	expect((await request.get('/healthz')).ok()).toBe(true);

	let checking = true;
	const polls: { ms: number; status: number }[] = [];
	const poll = (async () => {
		while (checking) {
			const t = performance.now();
			const response = await request.get('/healthz', { timeout: 30_000 });
			polls.push({ ms: performance.now() - t, status: response.status() });
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	})();

	const t0 = performance.now();
	const response = await request.post('/api/check', {
		data: { footprint: issueStar(10_000), lang: 'en' },
		headers: { 'content-type': 'application/json' },
		timeout: 120_000
	});
	const checkMs = performance.now() - t0;
	checking = false;
	await poll;

	const body = (await response.json()) as { verdict?: string; error?: { code: string; message: string; details?: unknown } };
	const latencies = polls.map((p) => p.ms).sort((a, b) => a - b);
	const worst = latencies[latencies.length - 1] ?? NaN;
	const median = latencies[Math.floor(latencies.length / 2)] ?? NaN;
	console.log(
		`[check-load] star 10,000 vertices: ${response.status()} ${body.error ? `${body.error.code} — ${body.error.message}` : `verdict ${body.verdict}`} ` +
			`in ${(checkMs / 1000).toFixed(1)} s; /healthz polled ${polls.length}× meanwhile, median ${median.toFixed(0)} ms, worst ${worst.toFixed(0)} ms`
	);

	expect([200, 422]).toContain(response.status());
	if (response.status() === 422) expect(body.error?.code).toBe('too-complex');
	// The validation, the engine (and a PDF) each have the deadline; the database work is bounded by the work limit.
	expect(checkMs).toBeLessThan(2 * DEADLINE_MS + 10_000);
	expect(polls.length).toBeGreaterThan(0);
	expect(polls.every((p) => p.status === 200)).toBe(true);
	expect(worst).toBeLessThan(HEALTHZ_BOUND_MS);
});
