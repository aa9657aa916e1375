// The record of which layers have been loaded (table layer_load): what the app's start
// still has to seed, and which layers are unexpectedly empty.
import { LAYERS } from '../layers/registry';
import type { LayerDef } from '../layers/types';
import type { Db } from './db/types';

export type LoadSource = 'seed' | 'import' | 'existing';

/** Notes that `layer` was loaded; call it in the transaction that wrote the rows. */
export async function recordLoad(db: Db, layer: LayerDef, source: LoadSource): Promise<void> {
	await db.query(
		`INSERT INTO layer_load (layer, source) VALUES ($1, $2)
		 ON CONFLICT (layer) DO UPDATE SET source = EXCLUDED.source, loaded_at = now()`,
		[layer.id, source]
	);
}

export async function loadedLayers(db: Db): Promise<Set<string>> {
	const rows = await db.query<{ layer: string }>('SELECT layer FROM layer_load');
	return new Set(rows.map((r) => r.layer));
}

export async function hasRows(db: Db, layer: LayerDef): Promise<boolean> {
	const [row] = await db.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM "${layer.table}") AS any`);
	return row.any;
}

/**
 * Layers that should hold rows and hold none: loaded once (seeded, imported) and empty now;
 * on the embedded backend, whose start seeds every layer, also any layer never loaded.
 */
export async function unexpectedlyEmptyLayers(db: Db): Promise<string[]> {
	const loaded = await loadedLayers(db);
	const empty: string[] = [];
	for (const layer of LAYERS)
		if ((loaded.has(layer.id) || db.backend === 'embedded') && !(await hasRows(db, layer))) empty.push(layer.id);
	return empty;
}
