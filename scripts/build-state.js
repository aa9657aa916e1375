// Whether build/ is missing or older than the sources it is made from: `npm start` rebuilds
// then, and the tests that run the built app refuse to test an old build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;
export const buildEntry = join(root, 'build', 'index.js');

// Generated into src/ by the Paraglide plugin on every vite run (tests too): not a source.
const GENERATED = join(root, 'src', 'lib', 'paraglide');

function newestMtime(path) {
	if (path === GENERATED) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
	return newest;
}

/** True when build/index.js is missing or a source is newer than it. */
export function buildIsStale() {
	const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json', 'messages']
		.map((p) => join(root, p))
		.filter(existsSync);
	return !existsSync(buildEntry) || Math.max(...sources.map(newestMtime)) > statSync(buildEntry).mtimeMs;
}
