import { getLayer } from '../layers/registry';
import type { LayerDef } from '../layers/types';
import type { Db } from './db/types';
import { columnOfRecord } from './field/of-record';
import type { StatusSummary, Summary } from '../api/public-map';

function registryLayer(id: string): LayerDef {
	const layer = getLayer(id);
	if (!layer) throw new Error(`The registry has no layer "${id}"`);
	return layer;
}

async function statusCounts(db: Db, layer: LayerDef): Promise<StatusSummary> {
	const rows = await db.query<{ status: string; n: number; illustrative: boolean }>(
		`SELECT ${columnOfRecord(layer, 'status')} AS status, count(*)::int AS n, bool_or(illustrative) AS illustrative
		 FROM "${layer.table}" GROUP BY 1`
	);
	// Every status the registry knows appears, with 0 when no row has it.
	const known = layer.attributes.find((a) => a.name === 'status')?.values ?? {};
	const byStatus: Record<string, number> = Object.fromEntries(Object.keys(known).map((k) => [k, 0]));
	for (const row of rows) byStatus[row.status] = row.n;
	return {
		layer: layer.id,
		total: rows.reduce((sum, r) => sum + r.n, 0),
		byStatus,
		illustrative: rows.some((r) => r.illustrative)
	};
}

/** The public summary: coal-fire zones and mine restoration by status of record, from the live rows. */
export async function summary(db: Db): Promise<Summary> {
	const mines = registryLayer('mine-restoration');
	const coalFire = await statusCounts(db, registryLayer('coal-fire'));
	const mineRestoration = await statusCounts(db, mines);
	const [area] = await db.query<{ ha: number | null }>(`SELECT sum(${columnOfRecord(mines, 'restored_ha')})::float8 AS ha FROM "${mines.table}"`);
	return { coalFire, mineRestoration: { ...mineRestoration, restoredHectares: Number(area?.ha ?? 0) } };
}
