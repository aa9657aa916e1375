// The embedded first start, killed with SIGKILL after a few layers are seeded (a real
// child process, real data folder): the next start finishes seeding every layer.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../layers/registry';
import { openEmbeddedDb } from './db/embedded';
import { prepareDatabase } from './database';
import { countFeatures } from './layer-writer';
import { unexpectedlyEmptyLayers } from './layer-loads';
import { SEED_DIR } from './paths';

const ROOT = new URL('../../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'ecomap-first-start-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Starts the app's database start in a child process and kills it -9 once `layers` layers are loaded. */
function startAndKill(dir: string, layers: number): Promise<string[]> {
	const code = `import { openEmbeddedDb } from ${JSON.stringify(join(ROOT, 'src/lib/server/db/embedded.ts'))};
import { prepareDatabase } from ${JSON.stringify(join(ROOT, 'src/lib/server/database.ts'))};
const db = await openEmbeddedDb({ dataDir: ${JSON.stringify(dir)} });
await prepareDatabase(db, (m) => console.log(m));
console.log('finished');`;
	const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
	const loaded: string[] = [];
	return new Promise((resolve, reject) => {
		child.stdout.on('data', (d: Buffer) => {
			for (const match of d.toString().matchAll(/^\s*([a-z-]+): loaded/gm)) loaded.push(match[1]);
			if (/finished/.test(d.toString())) reject(new Error('seeding finished before it could be killed'));
			if (loaded.length >= layers) child.kill('SIGKILL');
		});
		child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(loaded) : reject(new Error(`child exited with ${code}`))));
	});
}

describe('embedded first start', () => {
	it('finishes seeding on the next start after being killed -9 midway', async () => {
		const dir = join(work, 'db');
		const loadedBeforeKill = await startAndKill(dir, 3);
		expect(loadedBeforeKill.length).toBeGreaterThanOrEqual(3);
		expect(loadedBeforeKill.length).toBeLessThan(LAYERS.length);

		// The killed process left its lock behind; this start takes it over.
		const db = await openEmbeddedDb({ dataDir: dir });
		try {
			expect(await unexpectedlyEmptyLayers(db)).not.toEqual([]);
			await prepareDatabase(db, () => {});
			for (const layer of LAYERS) {
				const shipped = JSON.parse(readFileSync(join(SEED_DIR, `${layer.id}.geojson`), 'utf8')).features.length;
				expect(await countFeatures(db, layer), layer.id).toBe(shipped);
			}
			expect(await unexpectedlyEmptyLayers(db)).toEqual([]);
		} finally {
			await db.close();
		}
	}, 240_000);
});
