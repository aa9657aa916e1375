// The built app (adapter-node, build/) for benches: build it when missing, start it on a port,
// stop it. The process started is `node build/index.js` itself, so its pid is the server's.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { waitHealthy } from './wait-healthy';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BUILD_DIR = join(ROOT, 'build');

/** Builds the app (vite build, a minute or so) unless `build/index.js` exists. */
export function ensureBuild(log: (message: string) => void): void {
	if (existsSync(join(BUILD_DIR, 'index.js'))) return;
	log('No build/ yet: building the app (vite build)…');
	const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
	if (result.status !== 0) throw new Error('vite build failed');
}

/**
 * Starts `node build/index.js` on 127.0.0.1:`port` with `env` added; resolves once /healthz
 * answers. `onLine` receives the app's stdout line by line (else it is dropped).
 */
export async function startBuiltApp(port: number, env: Record<string, string>, healthAttempts = 150, onLine?: (line: string) => void): Promise<ChildProcess> {
	const child = spawn(process.execPath, [join(BUILD_DIR, 'index.js')], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: `http://127.0.0.1:${port}`, ...env },
		stdio: ['ignore', onLine ? 'pipe' : 'ignore', 'inherit']
	});
	if (onLine) createInterface({ input: child.stdout! }).on('line', onLine);
	if (await waitHealthy(`http://127.0.0.1:${port}`, healthAttempts, 200)) return child;
	await stopApp(child);
	throw new Error(`the built app did not start on port ${port}`);
}

/** SIGTERM, and wait until the process has exited; SIGKILL if it is still busy after `graceMs`. */
export async function stopApp(child: ChildProcess, graceMs = 10_000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill();
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}
