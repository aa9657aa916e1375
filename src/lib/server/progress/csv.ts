import type { ProgressResponse } from '../../api/field';
import type { Lang } from '../../api/i18n';
import { csvField } from '../audit/csv';

const BOM = '\uFEFF';

const HEADERS: Record<Lang, string[]> = {
	zh: ['图层', '分组', '键', '名称', '数量', '面积（公顷）', '已修复（公顷）', '目标（公顷）', '巡查次数'],
	en: ['layer', 'dimension', 'key', 'label', 'count', 'area_ha', 'restored_ha', 'target_ha', 'inspections']
};

const DIMENSION: Record<'total' | 'status' | 'county' | 'quarter', { zh: string; en: string }> = {
	total: { zh: '合计', en: 'total' },
	status: { zh: '状态', en: 'status' },
	county: { zh: '县市', en: 'county' },
	quarter: { zh: '季度', en: 'quarter' }
};

const line = (fields: unknown[]) => `${fields.map(csvField).join(',')}\r\n`;

/**
 * /api/progress as one CSV table for the quarterly dispatch: a row per layer total, status,
 * county and quarter; labels in `lang`. UTF-8 with a BOM so Excel and WPS read the Chinese.
 */
export function progressCsv(progress: ProgressResponse, lang: Lang): string {
	let text = BOM + line(HEADERS[lang]);
	for (const layer of progress.layers) {
		const title = layer.title[lang];
		const count = layer.byStatus.reduce((sum, s) => sum + s.count, 0);
		const area = layer.byStatus.reduce((sum, s) => sum + s.areaHa, 0);
		text += line([title, DIMENSION.total[lang], layer.layer, title, count, Math.round(area * 100) / 100, layer.restoredHa, layer.targetHa, '']);
		for (const s of layer.byStatus) text += line([title, DIMENSION.status[lang], s.status ?? '', s.label[lang], s.count, s.areaHa, '', '', '']);
		for (const c of layer.byCounty)
			text += line([title, DIMENSION.county[lang], c.county ?? '', c.label[lang], c.count, c.areaHa, layer.restoredHa === null ? '' : c.restoredHa, '', '']);
		for (const q of layer.quarterly)
			text += line([title, DIMENSION.quarter[lang], q.quarter, q.quarter, '', '', layer.restoredHa === null ? '' : q.restoredHa, '', q.inspections]);
	}
	return text;
}
