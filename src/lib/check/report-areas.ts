/**
 * The report's per-layer areas (each square metre once: per level exclusive, per layer the
 * union) and its outside findings, as rows in the reader's language. Pure and browser-safe;
 * `buildReport` puts them in the model, the HTML report, the PDF and the CSV print them.
 */
import { formatNumber, MU_PER_HECTARE } from '../i18n/format';
import { getLayer } from '../layers/registry';
import type { Localized, Severity } from '../layers/types';
import type { CheckResult } from './types';

type Lang = 'zh' | 'en';

export interface ReportAreaRow {
	layer: string;
	layerTitle: string;
	/** `level`: the area in this level and no stricter one; `union`: the layer as a whole. */
	kind: 'level' | 'union';
	/** The level in words (kind `level`); null for the union row. */
	levelLabel: string | null;
	areaM2: number;
	areaHa: number;
	areaMu: number;
	pct: number;
	cells: { label: string; area: string; pct: string };
}

export interface ReportOutsideRow {
	layer: string;
	layerTitle: string;
	severity: Severity;
	severityLabel: string;
	outsideM2: number;
	outsidePct: number;
	whole: boolean;
	/** One sentence: how much of the footprint lies outside the layer. */
	finding: string;
	basis: string;
	text: string;
}

export interface ReportAreaLabels {
	heading: string;
	/** Why the figures are not the sum of the conflicts'. */
	note: string;
	columns: { layer: string; part: string; area: string; pct: string };
	union: string;
	outside: string;
	/** Notice for a saved answer from before the engine reported these areas. */
	missing: string;
}

const L = (zh: string, en: string): Localized => ({ zh, en });

const LABELS: Record<Lang, ReportAreaLabels> = {
	zh: {
		heading: '各图层压占面积（不重复计）',
		note: '嵌套或相互重叠的分区（如一级 ⊂ 二级 ⊂ 准保护区）只计一次：各级面积为位于该级且不在更严格级别内的部分，图层合计为该图层各要素的并集，不超过项目范围面积。冲突明细中的压占面积按单个要素计，不宜相加。',
		columns: { layer: '管控图层', part: '级别', area: '面积', pct: '占项目范围' },
		union: '图层合计（并集）',
		outside: '图层范围外',
		missing: '本检查记录早于按级别不重复计面积的引擎版本，报告未列各图层不重复面积；重新核查可得到。'
	},
	en: {
		heading: 'Overlap per layer (each square metre once)',
		note: 'Nested or overlapping zones (such as first ⊂ second ⊂ quasi) count once: a level’s area is the part in that level and in no stricter one, and a layer’s total is the union of its features, never more than the footprint. The overlaps in the conflict list are per feature and should not be added up.',
		columns: { layer: 'Zoning layer', part: 'Level', area: 'Area', pct: 'Of footprint' },
		union: 'Layer total (union)',
		outside: 'Outside a layer',
		missing: 'This saved check predates the engine version that reports each area once per level; per-layer areas are not listed. Re-run the check to get them.'
	}
};

export const reportAreaLabels = (lang: Lang): ReportAreaLabels => LABELS[lang];

const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en');
const pctText = (v: number, lang: Lang) => `${formatNumber(v, locale(lang), v >= 10 ? 1 : 2)}%`;

function levelWords(layerId: string, level: string, lang: Lang): string {
	const layer = getLayer(layerId);
	const attr = layer?.zoning?.levelAttribute;
	const value = attr ? layer.attributes.find((a) => a.name === attr)?.values?.[level] : undefined;
	return value ? value[lang] : level;
}

/**
 * Rows of the per-layer areas: for a layer with levels one row per level, then the union;
 * for a layer without, the union alone.
 */
export function reportAreaRows(result: Pick<CheckResult, 'layerAreas'>, lang: Lang, formatArea: (m2: number, lang: Lang) => string): ReportAreaRow[] {
	const rows: ReportAreaRow[] = [];
	for (const a of result.layerAreas ?? []) {
		const layer = getLayer(a.layer);
		const layerTitle = layer ? layer.title[lang] : a.layer;
		const row = (kind: ReportAreaRow['kind'], levelLabel: string | null, areaM2: number, pct: number): ReportAreaRow => ({
			layer: a.layer,
			layerTitle,
			kind,
			levelLabel,
			areaM2,
			areaHa: areaM2 / 10_000,
			areaMu: (areaM2 / 10_000) * MU_PER_HECTARE,
			pct,
			cells: { label: levelLabel ?? LABELS[lang].union, area: formatArea(areaM2, lang), pct: pctText(pct, lang) }
		});
		for (const l of a.levels ?? []) rows.push(row('level', levelWords(a.layer, l.level, lang), l.areaM2, l.pct));
		rows.push(row('union', null, a.unionM2, a.unionPct));
	}
	return rows;
}

const FINDING = {
	whole: L('项目范围全部位于{layer}外。', 'The whole footprint lies outside the {layer}.'),
	part: L('项目范围有 {area}（{pct}）位于{layer}外。', '{area} ({pct}) of the footprint lies outside the {layer}.')
};

/** Rows of the outside findings, with the sentence that says how much lies outside. */
export function reportOutsideRows(
	result: Pick<CheckResult, 'outside'>,
	lang: Lang,
	format: { area: (m2: number, lang: Lang) => string; severity: (severity: Severity) => string }
): ReportOutsideRow[] {
	return (result.outside ?? []).map((o) => {
		const layer = getLayer(o.layer);
		const layerTitle = layer ? layer.title[lang] : o.layer;
		const name = lang === 'en' ? layerTitle.toLowerCase() : layerTitle;
		const finding = (o.whole ? FINDING.whole : FINDING.part)[lang]
			.replace('{layer}', name)
			.replace('{area}', format.area(o.outsideM2, lang))
			.replace('{pct}', pctText(o.outsidePct, lang));
		return {
			layer: o.layer,
			layerTitle,
			severity: o.severity,
			severityLabel: format.severity(o.severity),
			outsideM2: o.outsideM2,
			outsidePct: o.outsidePct,
			whole: o.whole,
			finding,
			basis: o.rule.basis[lang],
			text: o.rule.text[lang]
		};
	});
}
