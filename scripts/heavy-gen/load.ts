/**
 * Loads the generated heavy layers into a database through the importer (replacing the two
 * layers, as a bureau's `npm run import -- … --replace` would), for benches and tests.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getLayer } from '../../src/lib/layers/registry';
import { cliActor } from '../../src/lib/server/audit/actor';
import type { Db } from '../../src/lib/server/db/types';
import { importFile } from '../../src/lib/server/import/import-file';
import { openFileSource } from '../../src/lib/server/import/file-source';
import { HEAVY_LAYERS } from './layers';

/** Where `npm run generate:heavy` writes by default (git-ignored). */
export const HEAVY_DIR = join(fileURLToPath(new URL('../..', import.meta.url)), '.heavy');

export const heavyFile = (dir: string, layerId: string) => join(dir, `${layerId}.geojson`);

/** True when `dir` holds every heavy layer file. */
export const hasHeavyData = (dir = HEAVY_DIR): boolean => HEAVY_LAYERS.every((l) => existsSync(heavyFile(dir, l.layerId)));

/** Imports every heavy layer file from `dir` into `db`, replacing what those layers hold. */
export async function loadHeavy(db: Db, dir = HEAVY_DIR, log: (message: string) => void = () => {}): Promise<void> {
	for (const heavy of HEAVY_LAYERS) {
		const layer = getLayer(heavy.layerId);
		if (!layer) throw new Error(`unknown layer ${heavy.layerId}`);
		const file = await openFileSource(heavyFile(dir, heavy.layerId));
		const t0 = Date.now();
		try {
			const s = await importFile(db, { layer, files: [file], mode: 'replace', actor: cliActor('generate:heavy --load') });
			log(`${layer.id}: ${s.written} features imported, ${s.skipped.length} skipped (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
			if (s.skipped.length) throw new Error(`${layer.id}: ${s.skipped.length} features refused, e.g. #${s.skipped[0].feature}: ${s.skipped[0].reason.en}`);
		} finally {
			await file.close();
		}
	}
}
