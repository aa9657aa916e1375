/**
 * A check's conflicts for other tools: CSV for Excel/WPS, GeoJSON for a GIS. Pure and
 * browser-safe — the /check page builds the downloads from the API's answer.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { MU_PER_HECTARE } from '../i18n/format';
import type { CheckResult } from './types';
import { buildReport, type CheckResponse, type ReportLang, type ReportRecord, type ZoneGeometry } from './report';

/** RFC 4180 field: quoted when it holds a separator, quote or line break. */
function csvField(value: string | number | null): string {
	const text = value === null ? '' : String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Columns a saved check adds to every row: which record, which project, when it was checked. */
const RECORD_HEADERS: Record<ReportLang, string[]> = {
	zh: ['检查记录编号', '项目名称', '建设单位', '检查时间'],
	en: ['Saved check no.', 'Project', 'Developer', 'Checked at']
};

const HEADERS: Record<ReportLang, string[]> = {
	zh: ['序号', '图层', '图层名称', '要素编号', '要素名称', '级别', '关系', '压占面积(平方米)', '压占面积(公顷)', '压占面积(亩)', '占项目范围(%)', '线路压占长度(米)', '距离(米)', '管控强度', '依据', '管控要求', '报告编号', '数据版本'],
	en: ['No.', 'Layer id', 'Layer', 'Feature id', 'Feature', 'Level', 'Relation', 'Overlap (m²)', 'Overlap (ha)', 'Overlap (mu)', 'Of footprint (%)', 'Line length inside (m)', 'Distance (m)', 'Severity', 'Basis', 'Rule', 'Report id', 'Data version']
};

/**
 * The conflicts as CSV: UTF-8 with a byte-order mark (without it Excel reads Chinese as GBK
 * and shows mojibake), CRLF line ends, one row per conflict, figures unformatted (m² to 0.01,
 * ha to 4 places, mu to 2). The conflicts' overlaps are per feature — nested zones overlap —
 * so below them, after a blank line, come the per-layer areas that do add up (each level's
 * area in no stricter level, then the layer's union), and the outside findings.
 *
 * @example
 * const blob = new Blob([conflictsToCsv(response, 'zh')], { type: 'text/csv;charset=utf-8' });
 */
export function conflictsToCsv(result: CheckResult | CheckResponse, lang: ReportLang, record?: ReportRecord): string {
	// With the record, the time is the one it was saved at.
	const report = buildReport(result, { lang, footprint: { type: 'GeometryCollection', geometries: [] }, record });
	const rows: (string | number | null)[][] = [record ? [...HEADERS[lang], ...RECORD_HEADERS[lang]] : HEADERS[lang]];
	const recordCells = record ? [record.id, record.projectName, record.developer, report.checkedAt || null] : [];
	for (const r of report.conflicts)
		rows.push([
			r.index,
			r.layer,
			r.layerTitle,
			r.featureId,
			r.featureName,
			r.levelLabel,
			r.relationLabel,
			r.overlapM2,
			Number(r.overlapHa.toFixed(4)),
			Number(r.overlapMu.toFixed(2)),
			r.overlapPct,
			r.overlapLengthM,
			r.distanceM,
			r.severityLabel,
			r.basis,
			r.text,
			report.reportId || null,
			result.dataVersions[r.layer] ?? null,
			...recordCells
		]);
	// Below the conflicts, after a blank line: the areas to add up (nested zones counted once) and the outside findings.
	if (report.areas.length || report.outside.length) rows.push([]);
	if (report.areas.length) rows.push(AREA_HEADERS[lang]);
	for (const a of report.areas)
		rows.push([a.layer, a.layerTitle, a.kind, a.cells.label, a.areaM2, Number(a.areaHa.toFixed(4)), Number(a.areaMu.toFixed(2)), a.pct]);
	if (report.outside.length) rows.push(OUTSIDE_HEADERS[lang]);
	for (const o of report.outside)
		rows.push([o.layer, o.layerTitle, o.whole ? 1 : 0, o.outsideM2, Number(((o.outsideM2 / 10_000) * MU_PER_HECTARE).toFixed(2)), o.outsidePct, o.severityLabel, o.basis, o.text]);
	return '\uFEFF' + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Header of the per-layer areas below the conflicts: `union` rows are the layer as a whole. */
const AREA_HEADERS: Record<ReportLang, string[]> = {
	zh: ['图层', '图层名称', '类别(level=该级且不在更严级别内/union=图层并集)', '级别', '不重复面积(平方米)', '不重复面积(公顷)', '不重复面积(亩)', '占项目范围(%)'],
	en: ['Layer id', 'Layer', 'Kind (level = in this level and no stricter one / union = whole layer)', 'Level', 'Area counted once (m²)', 'Area counted once (ha)', 'Area counted once (mu)', 'Of footprint (%)']
};

const OUTSIDE_HEADERS: Record<ReportLang, string[]> = {
	zh: ['图层', '图层名称(范围外)', '全部在外(1/0)', '范围外面积(平方米)', '范围外面积(亩)', '占项目范围(%)', '管控强度', '依据', '管控要求'],
	en: ['Layer id', 'Outside layer', 'Wholly outside (1/0)', 'Area outside (m²)', 'Area outside (mu)', 'Of footprint (%)', 'Severity', 'Basis', 'Rule']
};

/**
 * The footprint and the conflicting zones as one FeatureCollection (WGS84): the footprint with
 * `role: "footprint"` and the verdict; each zone with `role: "zone"` and its conflict's figures.
 * A conflict whose zone geometry was not supplied is still listed, with a null geometry.
 */
export function conflictsToGeoJson(
	result: CheckResult | CheckResponse,
	zoneGeometries: readonly ZoneGeometry[],
	footprint: Geometry,
	record?: ReportRecord
): FeatureCollection<Geometry | null> {
	const geometryOf = new Map(zoneGeometries.map((z) => [`${z.layer}/${z.featureId}`, z.geometry]));
	const reportId = 'reportId' in result ? result.reportId : undefined;
	const features: Feature<Geometry | null>[] = [
		{
			type: 'Feature',
			properties: {
				role: 'footprint',
				verdict: result.verdict,
				projectType: result.projectType,
				areaM2: result.footprint.areaM2,
				lengthM: result.footprint.lengthM,
				...(result.layerAreas ? { layerAreas: result.layerAreas } : {}),
				...(result.outside ? { outside: result.outside.map(({ rule, ...o }) => ({ ...o, basisZh: rule.basis.zh, basisEn: rule.basis.en })) } : {}),
				...(reportId ? { reportId } : {}),
				...(record?.savedAt ? { checkedAt: record.savedAt } : 'checkedAt' in result ? { checkedAt: result.checkedAt } : {}),
				...(record ? { savedCheck: record.id, projectName: record.projectName, developer: record.developer } : {})
			},
			geometry: footprint
		}
	];
	for (const c of result.conflicts) {
		features.push({
			type: 'Feature',
			id: `${c.layer}/${c.featureId}`,
			properties: {
				role: 'zone',
				layer: c.layer,
				featureId: c.featureId,
				name: c.name,
				...('nameEn' in c ? { nameEn: c.nameEn } : {}),
				level: c.level ?? null,
				relation: c.relation,
				overlapM2: c.overlapM2,
				overlapPct: c.overlapPct,
				...(c.overlapLengthM !== undefined ? { overlapLengthM: c.overlapLengthM } : {}),
				distanceM: c.distanceM,
				severity: c.severity,
				basisZh: c.rule.basis.zh,
				basisEn: c.rule.basis.en,
				dataVersion: result.dataVersions[c.layer] ?? null
			},
			geometry: geometryOf.get(`${c.layer}/${c.featureId}`) ?? null
		});
	}
	return { type: 'FeatureCollection', features };
}
