import { readFile } from 'node:fs/promises';
import type { FeatureCollection, Geometry } from 'geojson';
import { LAYERS } from '../layers/registry';
import type { LayerDef } from '../layers/types';
import type { Db } from './db/types';
import { analyzeLayer, countFeatures, deleteAllFeatures, insertFeatures } from './layer-writer';
import { loadedLayers, recordLoad } from './layer-loads';
import { SEED_DIR } from './paths';

export { SEED_DIR };

export interface SeedLayerResult {
	layer: string;
	/** kept: held rows already and was left as it is (seedMissing). */
	status: 'loaded' | 'refused' | 'kept';
	/** Rows written (loaded) or rows already there (refused, kept). */
	count: number;
}

export async function readSeedCollection(layer: LayerDef, dir = SEED_DIR): Promise<FeatureCollection<Geometry>> {
	const text = await readFile(`${dir}/${layer.id}.geojson`, 'utf8');
	return JSON.parse(text) as FeatureCollection<Geometry>;
}

type Progress = (message: string) => void;

/**
 * Seeds `layers`, each in one transaction together with its layer_load record. A layer that
 * holds rows is refused, replaced, or kept (and recorded as loaded) as `holding` says.
 */
async function seedEach(
	db: Db,
	layers: readonly LayerDef[],
	holding: 'refuse' | 'replace' | 'keep',
	options: { dir?: string; onProgress?: Progress }
): Promise<SeedLayerResult[]> {
	const results: SeedLayerResult[] = [];
	for (const layer of layers) {
		const collection = await readSeedCollection(layer, options.dir);
		const result = await db.transaction(async (tx): Promise<SeedLayerResult> => {
			const existing = await countFeatures(tx, layer);
			if (existing > 0 && holding === 'refuse') return { layer: layer.id, status: 'refused', count: existing };
			if (existing > 0 && holding === 'keep') {
				await recordLoad(tx, layer, 'existing');
				return { layer: layer.id, status: 'kept', count: existing };
			}
			if (existing > 0) await deleteAllFeatures(tx, layer);
			const count = await insertFeatures(tx, layer, collection.features);
			await recordLoad(tx, layer, 'seed');
			return { layer: layer.id, status: 'loaded', count };
		});
		if (result.status === 'loaded') await analyzeLayer(db, layer);
		options.onProgress?.(`${layer.id}: ${result.status} (${result.count})`);
		results.push(result);
	}
	return results;
}

/**
 * Loads the shipped dataset. A layer that already holds data is refused (left as it is)
 * unless `force`, which replaces its rows. Each layer loads in its own transaction.
 */
export async function seed(
	db: Db,
	options: { force?: boolean; layers?: readonly LayerDef[]; dir?: string; onProgress?: Progress } = {}
): Promise<SeedLayerResult[]> {
	return seedEach(db, options.layers ?? LAYERS, options.force ? 'replace' : 'refuse', options);
}

/**
 * The app's start on the embedded backend, resumable: each layer not yet recorded as loaded
 * is seeded in one transaction together with its record, so a start killed midway leaves
 * every layer either complete and recorded or untouched, and the next start finishes the
 * rest. A layer that holds rows already (imported before the first start) is kept.
 * Returns only the layers it looked at.
 */
export async function seedMissing(db: Db, options: { dir?: string; onProgress?: Progress } = {}): Promise<SeedLayerResult[]> {
	const loaded = await loadedLayers(db);
	return seedEach(db, LAYERS.filter((l) => !loaded.has(l.id)), 'keep', options);
}
