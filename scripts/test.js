// `npm test`: the whole suite.
// 0. `vite build` when build/ is missing or older than the sources: the HTTP tests run the
//    built app (adapter-node), as users reach it;
// 1. vitest: unit tests, and the database tests on the embedded backend — plus on a
//    PostGIS server when TEST_DATABASE_URL is set (an admin URL; the tests create and
//    drop their own database);
// 2. Playwright browser tests in Chromium, when Chromium is installed (CHROMIUM_PATH,
//    default /usr/bin/chromium). CI sets REQUIRE_BROWSER=1 so a missing browser fails.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { buildIsStale } from './build-state.js';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;
const extra = process.argv.slice(2);

if (buildIsStale()) {
	console.log('[test] Building the app first (the HTTP tests run the built app)…');
	const built = run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
	if (built !== 0) process.exit(built);
}

if (!process.env.TEST_DATABASE_URL)
	console.log('[test] TEST_DATABASE_URL not set: database tests run on the embedded backend only.');
let status = run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...extra]);

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync('playwright.config.ts')) {
	if (existsSync(chromium)) {
		const browser = run(process.execPath, ['node_modules/@playwright/test/cli.js', 'test']);
		status ||= browser;
	} else if (process.env.REQUIRE_BROWSER) {
		console.error(`[test] Chromium not found at ${chromium}, and REQUIRE_BROWSER is set.`);
		status ||= 1;
	} else {
		console.log(`[test] Chromium not found at ${chromium}: browser tests skipped (apt-get install chromium).`);
	}
}
process.exit(status);
