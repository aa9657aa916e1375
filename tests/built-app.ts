// The built app (`node build`) on a fresh database of the test project's backend, for tests
// that go through HTTP exactly as a browser or script would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { buildEntry, buildIsStale, root } from '../scripts/build-state.js';
import { waitHealthy } from '../scripts/wait-healthy';
import { openEmbeddedDb } from '../src/lib/server/db/embedded';
import { openServerDb } from '../src/lib/server/db/server';
import type { Db } from '../src/lib/server/db/types';
import { createSeededServerDatabase } from './server-database';

export interface BuiltApp {
	origin: string;
	backend: 'embedded' | 'server';
	/** Everything the app printed, for failure messages. */
	output(): string;
	stop(): Promise<void>;
}

/** A free TCP port: from TEST_APP_PORT upwards when set (to stay in an agreed range), else any. */
async function freePort(): Promise<number> {
	const tryPort = (port: number) =>
		new Promise<number | null>((resolve) => {
			const server = createServer()
				.once('error', () => resolve(null))
				.listen(port, '127.0.0.1', () => {
					const bound = (server.address() as { port: number }).port;
					server.close(() => resolve(bound));
				});
		});
	const base = Number(process.env.TEST_APP_PORT ?? 0);
	if (!base) return (await tryPort(0))!;
	for (let port = base; port < base + 50; port++) {
		const bound = await tryPort(port);
		if (bound) return bound;
	}
	throw new Error(`No free port in ${base}–${base + 49} (TEST_APP_PORT)`);
}

/**
 * A fresh, migrated and seeded database for one app, with `prepare` run on it before the app
 * starts (the embedded database cannot be opened by two processes at once). Returns the
 * environment that points the app at it, what `prepare` returned, and a cleanup.
 */
export async function freshAppDatabase<T>(prepare: (db: Db) => Promise<T>): Promise<{ env: Record<string, string>; prepared: T; cleanup: () => Promise<void> }> {
	const testDb = inject('testDb');
	if (testDb.backend === 'embedded') {
		const dir = mkdtempSync(join(tmpdir(), 'ecomap-app-'));
		const db = await openEmbeddedDb({ dataDir: join(dir, 'pglite'), loadDataDir: new Blob([readFileSync(testDb.template)]) });
		let prepared: T;
		try {
			prepared = await prepare(db);
		} finally {
			await db.close();
		}
		return {
			env: { EMBEDDED_DB_DIR: join(dir, 'pglite'), DOWNLOADS_DIR: join(dir, 'downloads') },
			prepared,
			cleanup: async () => rmSync(dir, { recursive: true, force: true })
		};
	}
	const database = await createSeededServerDatabase('ecomap_app');
	const dir = mkdtempSync(join(tmpdir(), 'ecomap-app-'));
	const db = openServerDb(database.url, 2);
	let prepared: T;
	try {
		prepared = await prepare(db);
	} finally {
		await db.close();
	}
	return {
		env: { DATABASE_URL: database.url, DOWNLOADS_DIR: join(dir, 'downloads') },
		prepared,
		cleanup: async () => {
			await database.drop();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/**
 * Starts `node build` with `env` (plus a port and its ORIGIN) and waits for /healthz. The
 * client address is taken from X-Forwarded-For, so tests can speak from several addresses.
 */
export async function startBuiltApp(env: Record<string, string>): Promise<BuiltApp> {
	if (buildIsStale()) throw new Error('build/ is missing or older than the sources: run `npm run build` first.');
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	let output = '';
	const child: ChildProcess = spawn(process.execPath, [buildEntry], {
		cwd: root,
		env: {
			...process.env,
			DATABASE_URL: '',
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1',
			CHECK_RATE_LIMIT: '0',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	if (!(await waitHealthy(origin, 240, 500))) {
		child.kill('SIGKILL');
		throw new Error(`The built app did not become healthy on ${origin}:\n${output}`);
	}
	return {
		origin,
		backend: env.DATABASE_URL ? 'server' : 'embedded',
		output: () => output,
		async stop() {
			child.kill('SIGTERM');
			await exited;
		}
	};
}
