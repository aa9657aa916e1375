import type { FieldLayer, FieldSiteDetail, Inspection, SiteAttribute, TimelineEntry } from '../../api/field';
import type { Lang } from '../../api/i18n';
import { publicAttributes } from '../../layers/registry';
import type { AttributeDef, LayerDef } from '../../layers/types';
import type { Db } from '../db/types';
import { fieldLayerDef, hasAttribute } from './field-layers';
import { INSPECTION_SELECT, inspectionFromRow } from './inspections';
import { columnOfRecord } from './of-record';
import { gaussKrugerOf, navigateLinks } from './site-position';
import { SITE_COLUMNS, SITE_JOINS, siteFromRow, sitesSql, type SiteRow } from './sites';

const YES_NO = { zh: ['是', '否'], en: ['yes', 'no'] };

/** One attribute value as text in `lang`: enum labels, units, yes/no. */
function attributeText(attr: AttributeDef, value: unknown, lang: Lang): string {
	if (value === null || value === undefined || value === '') return '';
	if (attr.type === 'boolean') return YES_NO[lang][value ? 0 : 1];
	if (attr.type === 'enum') return attr.values?.[String(value)]?.[lang] ?? String(value);
	if (attr.type === 'text[]') return (value as string[]).map((v) => attr.values?.[v]?.[lang] ?? v).join(lang === 'zh' ? '、' : ', ');
	const text = String(value);
	return attr.unit ? `${text} ${attr.unit[lang]}` : text;
}

/** The public attributes of a row, of record (status, restored area), labelled. */
async function siteAttributes(db: Db, layer: LayerDef, id: number, lang: Lang): Promise<SiteAttribute[]> {
	const attrs = publicAttributes(layer);
	const columns = attrs.map((a) => {
		const column = columnOfRecord(layer, a.name);
		const read = a.type === 'date' ? `${column}::text` : a.type === 'number' ? `${column}::float8` : column;
		return `${read} AS "${a.name}"`;
	});
	const [row] = await db.query(`SELECT ${columns.join(', ')} FROM "${layer.table}" WHERE id = $1`, [id]);
	return attrs.map((a) => ({ label: a.label, value: attributeText(a, row[a.name], lang) })).filter((a) => a.value !== '');
}

/** The row's own status (as imported), then every status an inspection recorded, oldest first. */
async function statusTimeline(db: Db, layer: LayerDef, id: number, inspections: Inspection[]): Promise<TimelineEntry[]> {
	const timeline: TimelineEntry[] = [];
	if (hasAttribute(layer, 'status')) {
		const dated = hasAttribute(layer, 'end_date') ? 'coalesce(t.end_date, t.start_date)::text' : 'NULL::text';
		const [data] = await db.query<{ status: string; day: string | null; updated_at: Date | string | null }>(
			`SELECT t.status, ${dated} AS day, v.updated_at FROM "${layer.table}" t
			 LEFT JOIN layer_version v ON v.layer = $2 WHERE t.id = $1`,
			[id, layer.id]
		);
		// The data's own date when it has one (a site's start or end), else when the layer was loaded.
		const at = data.day ? new Date(`${data.day}T00:00:00+08:00`) : data.updated_at ? new Date(data.updated_at) : new Date(0);
		timeline.push({ at: at.toISOString(), status: data.status, source: 'data' });
	}
	for (const inspection of [...inspections].reverse())
		if (inspection.statusChange !== undefined)
			timeline.push({ at: inspection.inspectedAt, status: inspection.statusChange, source: 'inspection', inspectionId: inspection.id });
	return timeline;
}

/** Everything the site page shows; undefined when the layer has no such row. */
export async function siteDetail(db: Db, layerId: FieldLayer, id: number, lang: Lang): Promise<FieldSiteDetail | undefined> {
	const layer = fieldLayerDef(layerId);
	const [row] = await db.query<SiteRow>(
		`SELECT ${SITE_COLUMNS} FROM (${sitesSql()}) s ${SITE_JOINS} WHERE s.layer = $3 AND s.id = $4`,
		[null, null, layerId, id]
	);
	if (!row) return undefined;
	const site = siteFromRow(row);
	const inspectionRows = await db.query<Parameters<typeof inspectionFromRow>[0]>(
		`${INSPECTION_SELECT} WHERE i.layer = $1 AND i.site_id = $2 AND i.deleted_at IS NULL ORDER BY i.inspected_at DESC, i.updated_at DESC`,
		[layerId, id]
	);
	const inspections = inspectionRows.map(inspectionFromRow);
	const attributes = await siteAttributes(db, layer, id, lang);
	return {
		...site,
		attributes,
		coordinates: { wgs84: site.centroid, gk: gaussKrugerOf(site.centroid) },
		timeline: await statusTimeline(db, layer, id, inspections),
		inspections,
		navigate: navigateLinks(site.centroid, lang === 'en' && site.nameEn ? site.nameEn : site.name)
	};
}
