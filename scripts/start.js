// `npm start`: build the app when there is no build (or the sources are newer), then serve
// it with adapter-node on PORT (default 3000) and HOST.
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildEntry as entry, buildIsStale, root } from './build-state.js';

const stale = buildIsStale();

if (stale) {
	console.log('[ecomap] Building the app (first start or changed sources)…');
	const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

process.env.PORT ??= '3000';
// Uploaded footprints may be up to 5 MB (the check API's own limit) and field photos up to
// PHOTO_MAX_MB (default 8); adapter-node's default is 512 kB.
process.env.BODY_SIZE_LIMIT ??= `${Math.max(6, Math.ceil(Number(process.env.PHOTO_MAX_MB || 8)) + 1)}M`;
console.log(`[ecomap] Starting on http://${process.env.HOST && process.env.HOST !== '0.0.0.0' ? process.env.HOST : 'localhost'}:${process.env.PORT}`);
await import(entry);
