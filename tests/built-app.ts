// The built app (`npm run build` → build/, adapter-node) as a child process on a database of
// its own, for tests that must go through the real HTTP server: adapter-node's request
// handling, the hooks and the routes, as browsers, GIS clients and scripts reach them.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inject } from 'vitest';
import { buildEntry, buildIsStale, root } from '../scripts/build-state.js';
import { createTempDatabase } from '../scripts/temp-database';
import { waitHealthy } from '../scripts/wait-healthy';
import { openEmbeddedDb } from '../src/lib/server/db/embedded';
import { openServerDb } from '../src/lib/server/db/server';
import type { Db } from '../src/lib/server/db/types';

export interface BuiltApp {
	/** `http://127.0.0.1:<port>`, no trailing slash. */
	origin: string;
	/** The same as `origin`. */
	url: string;
	port: number;
	backend: 'embedded' | 'server';
	/** Everything the app printed, for failure messages. */
	output(): string;
	stop(): Promise<void>;
}

/** The environment that points an app at its database, and what removes that database. */
export interface AppDatabase {
	env: Record<string, string>;
	cleanup: () => Promise<void>;
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
 * starts (the embedded database cannot be opened by two processes at once).
 */
export async function freshAppDatabase<T = void>(prepare?: (db: Db) => Promise<T>): Promise<AppDatabase & { prepared: T }> {
	const testDb = inject('testDb');
	const dir = mkdtempSync(join(tmpdir(), 'ecomap-app-'));
	const server = testDb.backend === 'server' ? await createTempDatabase('ecomap_app', 'seeded') : undefined;
	const template = testDb.backend === 'embedded' ? testDb.template : undefined;
	let prepared = undefined as T;
	if (template && !prepare) {
		// Nothing to prepare: unpack the seeded data directory rather than open it in PGlite here
		// (every PGlite start loads PostGIS: 10–30 s on the shared machine, and the app opens it again).
		mkdirSync(join(dir, 'pglite'));
		execFileSync('tar', ['-xzf', resolve(template), '-C', join(dir, 'pglite')], { stdio: ['ignore', 'ignore', 'pipe'] });
	} else if (prepare) {
		const db = server ? openServerDb(server.url, 2) : await openEmbeddedDb({ dataDir: join(dir, 'pglite'), loadDataDir: new Blob([readFileSync(template!)]) });
		try {
			prepared = await prepare(db);
		} finally {
			await db.close();
		}
	}
	return {
		env: { ...(server ? { DATABASE_URL: server.url } : { EMBEDDED_DB_DIR: join(dir, 'pglite') }), DOWNLOADS_DIR: join(dir, 'downloads'), TILE_DIR: join(dir, 'tiles') },
		prepared,
		cleanup: async () => {
			await server?.drop();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/**
 * Starts `node build` and waits for /healthz. `env` is laid over the defaults; a variable set
 * to `undefined` is removed (e.g. `{ ORIGIN: undefined }` for README's default install, where
 * links come from the Host header). Defaults: ORIGIN = the app's own URL, the client address
 * from X-Forwarded-For (so tests can speak from several addresses), no check rate limit. Without
 * a database in `env` the app gets a fresh copy of the seeded test database, removed on stop().
 */
export async function startBuiltApp(env: Record<string, string | undefined> = {}): Promise<BuiltApp> {
	if (buildIsStale()) throw new Error('build/ is missing or older than the sources: run `npm run build` first.');
	const database = env.DATABASE_URL || env.EMBEDDED_DB_DIR ? undefined : await freshAppDatabase();
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const childEnv: Record<string, string | undefined> = {
		...process.env,
		DATABASE_URL: undefined,
		EMBEDDED_DB_DIR: undefined,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: origin,
		ADDRESS_HEADER: 'x-forwarded-for',
		XFF_DEPTH: '1',
		CHECK_RATE_LIMIT: '0',
		...database?.env,
		...env
	};
	for (const name of Object.keys(childEnv)) if (childEnv[name] === undefined) delete childEnv[name];
	let output = '';
	const child: ChildProcess = spawn(process.execPath, [buildEntry], { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			await exited;
		}
		await database?.cleanup();
	};
	if (!(await waitHealthy(origin, 480, 500))) {
		child.kill('SIGKILL');
		await database?.cleanup();
		throw new Error(`The built app did not become healthy on ${origin}:\n${output}`);
	}
	return { origin, url: origin, port, backend: childEnv.DATABASE_URL ? 'server' : 'embedded', output: () => output, stop };
}
