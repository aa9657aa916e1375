import { readFile } from 'node:fs/promises';
import type { FeatureCollection, Geometry } from 'geojson';
import { LAYERS } from '../layers/registry';
import type { LayerDef } from '../layers/types';
import type { Db } from './db/types';
import { countFeatures, deleteAllFeatures, insertFeatures } from './layer-writer';
import { SEED_DIR } from './paths';

export { SEED_DIR };

export interface SeedLayerResult {
	layer: string;
	status: 'loaded' | 'refused';
	/** Rows written (loaded) or rows already there (refused). */
	count: number;
}

export async function readSeedCollection(layer: LayerDef, dir = SEED_DIR): Promise<FeatureCollection<Geometry>> {
	const text = await readFile(`${dir}/${layer.id}.geojson`, 'utf8');
	return JSON.parse(text) as FeatureCollection<Geometry>;
}

/**
 * Loads the shipped dataset. A layer that already holds data is refused (left as it is)
 * unless `force`, which replaces its rows. Each layer loads in its own transaction.
 */
export async function seed(
	db: Db,
	options: { force?: boolean; layers?: readonly LayerDef[]; dir?: string; onProgress?: (message: string) => void } = {}
): Promise<SeedLayerResult[]> {
	const results: SeedLayerResult[] = [];
	for (const layer of options.layers ?? LAYERS) {
		const collection = await readSeedCollection(layer, options.dir);
		const result = await db.transaction(async (tx) => {
			const existing = await countFeatures(tx, layer);
			if (existing > 0 && !options.force) return { layer: layer.id, status: 'refused' as const, count: existing };
			if (existing > 0) await deleteAllFeatures(tx, layer);
			const count = await insertFeatures(tx, layer, collection.features);
			return { layer: layer.id, status: 'loaded' as const, count };
		});
		options.onProgress?.(`${layer.id}: ${result.status} (${result.count})`);
		results.push(result);
	}
	return results;
}

/** True when no layer holds any row: a database that has never been seeded. */
export async function isEmpty(db: Db): Promise<boolean> {
	for (const layer of LAYERS) if ((await countFeatures(db, layer)) > 0) return false;
	return true;
}
