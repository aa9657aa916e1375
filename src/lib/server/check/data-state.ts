import { zoningLayers } from '../../layers/registry';
import type { LayerDef } from '../../layers/types';
import type { Db } from '../db/types';
import { layerVersions } from '../layer-writer';

/** What a check was run against: each zoning layer's data version and when it last changed. */
export interface DataState {
	/** Layer id → data version (bumped by triggers on every change of the layer's rows). */
	versions: Record<string, string>;
	/** Layer id → ISO time of the last change. */
	updatedAt: Record<string, string>;
	/** Whether any zoning layer holds illustrative (示意) rows: the report must then say so. */
	illustrative: boolean;
}

// The illustrative flag only changes with the data, so it is kept per set of versions:
// one primary-key scan per check instead of a scan of every zoning table.
let illustrativeCache: { key: string; value: boolean } | undefined;

export async function zoningDataState(db: Db, layers: readonly LayerDef[] = zoningLayers()): Promise<DataState> {
	const all = await layerVersions(db);
	const versions: Record<string, string> = {};
	const updatedAt: Record<string, string> = {};
	for (const layer of layers) {
		const v = all.get(layer.id);
		versions[layer.id] = String(v?.version ?? 0);
		if (v) updatedAt[layer.id] = v.updatedAt;
	}
	const key = `${db.backend}:${JSON.stringify(versions)}`;
	if (illustrativeCache?.key !== key) {
		const sql = layers.map((l) => `SELECT EXISTS (SELECT 1 FROM "${l.table}" WHERE illustrative) AS any`).join('\nUNION ALL\n');
		const rows = await db.query<{ any: boolean }>(sql);
		illustrativeCache = { key, value: rows.some((r) => r.any) };
	}
	return { versions, updatedAt, illustrative: illustrativeCache.value };
}
