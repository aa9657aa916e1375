import type { FieldLayer, ProgressByCounty, ProgressByStatus, ProgressLayer, ProgressQuarter, ProgressResponse } from '../../api/field';
import { COUNTIES } from '../../layers/counties';
import type { LayerDef } from '../../layers/types';
import type { Db } from '../db/types';
import { fieldLayerDefs, hasAttribute, statusAttribute } from '../field/field-layers';
import { columnOfRecord } from '../field/of-record';
import { recentQuarters } from './quarters';

/** Quarters the trend covers: two years, the current quarter last. */
export const TREND_QUARTERS = 8;

const NO_STATUS = { zh: '—', en: '—' };
const NO_COUNTY = { zh: '未注明', en: 'Not given' };
const round2 = (n: number) => Math.round(n * 100) / 100;

type GroupRow = {
	key: string | null;
	n: number;
	area_ha: number;
	restored_ha: number | null;
}

async function grouped(db: Db, layer: LayerDef, keySql: string): Promise<GroupRow[]> {
	const restored = hasAttribute(layer, 'restored_ha') ? `sum(${columnOfRecord(layer, 'restored_ha')})::float8` : 'NULL::float8';
	return db.query<GroupRow>(
		`SELECT ${keySql} AS key, count(*)::int AS n, coalesce(sum(ST_Area(geom::geography)), 0)::float8 / 10000 AS area_ha, ${restored} AS restored_ha
		 FROM "${layer.table}" GROUP BY 1 ORDER BY 1`
	);
}

/** Every status the registry knows, with 0 where no site has it; unknown ones after. */
async function byStatus(db: Db, layer: LayerDef): Promise<ProgressByStatus[]> {
	const attr = statusAttribute(layer);
	const rows = await grouped(db, layer, attr ? columnOfRecord(layer, 'status') : 'NULL::text');
	const found = new Map(rows.map((r) => [r.key, r]));
	const keys: (string | null)[] = attr ? [...Object.keys(attr.values ?? {})] : [null];
	for (const r of rows) if (!keys.includes(r.key)) keys.push(r.key);
	return keys.map((status) => {
		const r = found.get(status);
		return {
			status,
			label: status === null ? NO_STATUS : (attr?.values?.[status] ?? { zh: status, en: status }),
			count: r?.n ?? 0,
			areaHa: round2(r?.area_ha ?? 0)
		};
	});
}

async function byCounty(db: Db, layer: LayerDef): Promise<ProgressByCounty[]> {
	const rows = await grouped(db, layer, 'county');
	return rows.map((r) => ({
		county: r.key,
		label: r.key === null ? NO_COUNTY : (COUNTIES[r.key] ?? { zh: r.key, en: r.key }),
		count: r.n,
		areaHa: round2(r.area_ha),
		restoredHa: round2(r.restored_ha ?? 0)
	}));
}

/**
 * Per quarter: accepted inspections made in it and, where the layer measures it, the
 * restored hectares of record at its end (each site's latest inspection before then, else
 * its data).
 */
async function quarterly(db: Db, layer: LayerDef, now: Date): Promise<ProgressQuarter[]> {
	const quarters = recentQuarters(now, TREND_QUARTERS);
	const restored = hasAttribute(layer, 'restored_ha')
		? `(SELECT sum(coalesce((SELECT fi.restored_ha FROM field_inspection fi
				WHERE fi.layer = $1 AND fi.site_id = t.id AND fi.deleted_at IS NULL AND fi.restored_ha IS NOT NULL AND fi.inspected_at < b.q_end
				ORDER BY fi.inspected_at DESC, fi.updated_at DESC LIMIT 1), t.restored_ha)) FROM "${layer.table}" t)::float8`
		: '0::float8';
	const rows = await db.query<{ i: number; inspections: number; restored_ha: number | null }>(
		`SELECT b.i::int AS i,
			(SELECT count(*) FROM field_inspection fi WHERE fi.layer = $1 AND fi.deleted_at IS NULL
				AND fi.inspected_at >= b.q_start AND fi.inspected_at < b.q_end)::int AS inspections,
			${restored} AS restored_ha
		 FROM unnest($2::timestamptz[], $3::timestamptz[]) WITH ORDINALITY AS b(q_start, q_end, i) ORDER BY b.i`,
		[layer.id, quarters.map((q) => q.start.toISOString()), quarters.map((q) => q.end.toISOString())]
	);
	return rows.map((r, k) => ({ quarter: quarters[k].label, inspections: r.inspections, restoredHa: round2(Number(r.restored_ha ?? 0)) }));
}

async function layerProgress(db: Db, layer: LayerDef, now: Date): Promise<ProgressLayer> {
	const statuses = await byStatus(db, layer);
	const counties = await byCounty(db, layer);
	const measures = hasAttribute(layer, 'restored_ha');
	return {
		layer: layer.id as FieldLayer,
		title: layer.title,
		byStatus: statuses,
		byCounty: counties,
		restoredHa: measures ? round2(counties.reduce((sum, c) => sum + c.restoredHa, 0)) : null,
		targetHa: measures ? round2(counties.reduce((sum, c) => sum + c.areaHa, 0)) : null,
		quarterly: await quarterly(db, layer, now)
	};
}

/** The quarterly dispatch (季度调度) figures, from the live rows and inspections (statuses of record). */
export async function progress(db: Db, now = new Date()): Promise<ProgressResponse> {
	const layers: ProgressLayer[] = [];
	for (const layer of fieldLayerDefs()) layers.push(await layerProgress(db, layer, now)); // PGlite: one query at a time
	let illustrative = false;
	for (const layer of fieldLayerDefs()) {
		const [row] = await db.query<{ any: boolean }>(`SELECT coalesce(bool_or(illustrative), false) AS any FROM "${layer.table}"`);
		illustrative ||= row.any;
	}
	const fire = layers.find((l) => l.layer === 'coal-fire');
	const count = (status: string) => fire?.byStatus.find((s) => s.status === status)?.count ?? 0;
	return {
		layers,
		coalFire: {
			finished: count('extinguished') + count('monitoring'),
			extinguished: count('extinguished'),
			monitoring: count('monitoring'),
			total: fire?.byStatus.reduce((sum, s) => sum + s.count, 0) ?? 0
		},
		illustrative,
		generatedAt: now.toISOString()
	};
}
