import { LAYERS } from '../layers/registry';
import type { Db } from './db/types';
import { layerVersions } from './layer-writer';
import type { LayerStats } from '../api/public-map';

/** Counts, illustrative flag and data date of every registry layer, in one statement. */
export async function layerStats(db: Db): Promise<LayerStats[]> {
	// Table names come from the registry; the layer ids travel as parameters.
	const sql = LAYERS.map(
		(layer, i) =>
			`SELECT $${i + 1}::text AS id, count(*)::int AS n, coalesce(bool_or(illustrative), false) AS illustrative FROM "${layer.table}"`
	).join(' UNION ALL ');
	const [rows, versions] = await Promise.all([
		db.query<{ id: string; n: number; illustrative: boolean }>(sql, LAYERS.map((l) => l.id)),
		layerVersions(db)
	]);
	const byId = new Map(rows.map((r) => [r.id, r]));
	return LAYERS.map((layer) => {
		const version = versions.get(layer.id);
		return {
			id: layer.id,
			count: byId.get(layer.id)?.n ?? 0,
			illustrative: byId.get(layer.id)?.illustrative ?? false,
			version: version ? Number(version.version) : null,
			updatedAt: version?.updatedAt ?? null
		};
	});
}
