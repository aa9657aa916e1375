import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium';
import { withAccounts } from './tests/e2e/accounts';

// Browser tests run in Debian's Chromium against the built app (`node build`) on an embedded
// database in a fresh temporary directory. The config is read again by each worker: the
// directory is made once, by the runner, handed down through the environment, and
// removed when the runner exits (after it has stopped the server).
// E2E_PORT lets several checkouts run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 3200);
if (!process.env.ECOMAP_E2E_DB_DIR) {
	const dir = mkdtempSync(join(tmpdir(), 'ecomap-e2e-'));
	process.env.ECOMAP_E2E_DB_DIR = dir;
	process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}
const dbDir = process.env.ECOMAP_E2E_DB_DIR;


export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results',
	// Two shared cores and a software GPU: one browser at a time, generous waits.
	workers: 1,
	fullyParallel: false,
	timeout: 120_000,
	expect: { timeout: 30_000 },
	retries: process.env.CI ? 1 : 0,
	reporter: [['list']],
	use: {
		baseURL: `http://localhost:${PORT}`,
		browserName: 'chromium',
		launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
		viewport: { width: 1280, height: 800 },
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure'
	},
	webServer: {
		// README's quick start: build if the sources changed, start the built app, which
		// creates and seeds the embedded database on its first start. The test accounts are
		// made first with the user CLI (the embedded database takes one process at a time).
		command: withAccounts('node scripts/start.js'),
		url: `http://localhost:${PORT}/healthz`,
		env: {
			PORT: String(PORT),
			// adapter-node builds absolute URLs from ORIGIN (it would guess https otherwise).
			ORIGIN: `http://localhost:${PORT}`,
			EMBEDDED_DB_DIR: dbDir,
			// One access line per request would drown the test output.
			ACCESS_LOG: '0'
		},
		// First start: a build (about a minute) and seeding the embedded database (20–40 s).
		timeout: 420_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		stderr: 'pipe'
	}
});
