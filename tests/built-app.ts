// Starts the built app (`npm run build` → build/, adapter-node) as a child process on a
// database of its own, for tests that must go through the real HTTP server: adapter-node's
// request handling, the hooks and the routes, as users' clients reach them.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inject } from 'vitest';
import { openEmbeddedDb } from '../src/lib/server/db/embedded';

const ROOT = resolve(import.meta.dirname, '..');
const ENTRY = join(ROOT, 'build', 'index.js');

export interface BuiltApp {
	/** `http://127.0.0.1:<port>`, no trailing slash. */
	url: string;
	port: number;
	/** What the server printed so far (stdout and stderr). */
	output(): string;
	stop(): Promise<void>;
}

export interface BuiltAppOptions {
	/** Extra environment (ORIGIN, TRUSTED_HOSTS …); `undefined` removes a variable. */
	env?: Record<string, string | undefined>;
	/** 0 (default) lets the system choose; BUILT_APP_PORT sets a base port instead. */
	port?: number;
}

let nextPort = Number(process.env.BUILT_APP_PORT ?? 0);

/**
 * The database the app gets: on the server backend the project's seeded test database
 * (DATABASE_URL); on the embedded backend a copy of the seeded template in a fresh
 * directory, removed with the app.
 */
async function databaseEnv(): Promise<{ env: Record<string, string>; cleanup(): void }> {
	const testDb = inject('testDb');
	if (testDb.backend === 'server') return { env: { DATABASE_URL: testDb.url }, cleanup: () => {} };
	const dir = mkdtempSync(join(tmpdir(), 'ecomap-app-'));
	const copy = await openEmbeddedDb({ dataDir: dir, loadDataDir: new Blob([readFileSync(testDb.template)]) });
	await copy.close();
	return { env: { EMBEDDED_DB_DIR: dir }, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function waitForListening(child: ChildProcess, output: () => string): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const check = () => {
			const match = /Listening on \S+:(\d+)/.exec(output());
			if (match) {
				child.stdout?.off('data', check);
				resolvePort(Number(match[1]));
			}
		};
		child.stdout?.on('data', check);
		child.once('exit', (code) => reject(new Error(`the app exited (${code}) before listening:\n${output()}`)));
	});
}

/** Waits until /healthz answers 200 (the database is open, migrated and seeded). */
async function waitHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
	for (let i = 0; i < 600; i++) {
		if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}):\n${output()}`);
		if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`the app did not become healthy:\n${output()}`);
}

/**
 * Starts `node build` on a fresh database and waits until it is healthy. ORIGIN is unset
 * unless `env` sets it, as in README's default install. Call `stop()` in afterAll.
 */
export async function startBuiltApp(options: BuiltAppOptions = {}): Promise<BuiltApp> {
	if (!existsSync(ENTRY)) throw new Error('build/index.js is missing: run `npm run build` first');
	const database = await databaseEnv();
	const port = options.port ?? (nextPort ? nextPort++ : 0);
	const env: NodeJS.ProcessEnv = { ...process.env, ORIGIN: undefined, DATABASE_URL: undefined, ...database.env, PORT: String(port), HOST: '127.0.0.1' };
	const downloads = mkdtempSync(join(tmpdir(), 'ecomap-downloads-'));
	env.DOWNLOADS_DIR = downloads;
	for (const [name, value] of Object.entries(options.env ?? {})) env[name] = value;
	for (const name of Object.keys(env)) if (env[name] === undefined) delete env[name];

	const child = spawn(process.execPath, [ENTRY], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
	const output = () => log;
	const stop = async () => {
		if (child.exitCode === null) {
			const exited = new Promise((r) => child.once('exit', r));
			child.kill('SIGTERM');
			await exited;
		}
		database.cleanup();
		rmSync(downloads, { recursive: true, force: true });
	};
	try {
		const actual = await waitForListening(child, output);
		const url = `http://127.0.0.1:${actual}`;
		await waitHealthy(url, child, output);
		return { url, port: actual, output, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
