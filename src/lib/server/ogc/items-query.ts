import { z } from 'zod';
import { publicAttributes } from '../../layers/registry';
import type { AttributeDef, LayerDef, Localized } from '../../layers/types';

/** Page size when the client names none, and the most one page carries. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;

/** One `attribute = value` filter, the value already checked against the attribute's type. */
export interface PropertyFilter {
	attribute: AttributeDef;
	value: string | number | boolean;
}

export interface ItemsQuery {
	limit: number;
	offset: number;
	bbox: [number, number, number, number] | null;
	filters: PropertyFilter[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: Localized };

// The schema's refusals: zod carries a key, the answer the text in both languages.
const MESSAGES = {
	limit: { zh: 'limit 须为非负整数。', en: 'limit must be a non-negative integer' },
	offset: { zh: 'offset 须为非负整数。', en: 'offset must be a non-negative integer' },
	limitMin: { zh: 'limit 至少为 1。', en: 'limit must be at least 1' },
	bboxShape: { zh: 'bbox 须为 4（或 6）个逗号分隔的数字。', en: 'bbox must be 4 (or 6) comma-separated numbers' },
	bboxWgs84: { zh: 'bbox 须为 WGS84 经纬度（经度,纬度）。', en: 'bbox must be in WGS84 degrees (lon,lat)' },
	bboxOrder: {
		zh: 'bbox 须按 最小经度,最小纬度,最大经度,最大纬度 给出（不支持跨越180°经线）。',
		en: 'bbox must be minLon,minLat,maxLon,maxLat (crossing the antimeridian is not supported)'
	},
	datetime: { zh: 'datetime 须为 RFC 3339 时刻或时段。', en: 'datetime must be an RFC 3339 instant or interval' }
} satisfies Record<string, Localized>;
type MessageKey = keyof typeof MESSAGES;

const fail = (zh: string, en: string): Parsed<never> => ({ ok: false, message: { zh, en } });

const count = (name: 'limit' | 'offset') => z.string().regex(/^\d{1,9}$/, name).transform(Number);

// Core's parameters besides `f` (read by the router) and the property filters.
const coreSchema = z.object({
	// Above the maximum is not an error in OGC API – Features: the maximum is used instead.
	limit: count('limit')
		.refine((n) => n >= 1, 'limitMin')
		.transform((n) => Math.min(n, MAX_LIMIT))
		.default(DEFAULT_LIMIT),
	offset: count('offset').default(0),
	bbox: z
		.string()
		.transform((s) => s.split(',').map((part) => (part.trim() === '' ? NaN : Number(part))))
		.refine((n) => (n.length === 4 || n.length === 6) && n.every(Number.isFinite), 'bboxShape')
		// With 6 numbers the 3rd and 6th are heights, which 2D layers ignore.
		.transform((n) => (n.length === 6 ? [n[0], n[1], n[3], n[4]] : n) as [number, number, number, number])
		.refine(([w, s, e, n]) => w >= -180 && e <= 180 && s >= -90 && n <= 90, 'bboxWgs84')
		.refine(([w, s, e, n]) => w <= e && s <= n, 'bboxOrder')
		.optional(),
	// Core lists `datetime`; no layer has a temporal extent, so it selects every feature.
	datetime: z
		.string()
		.regex(/^(\.\.|\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?)(\/(\.\.|\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?))?$/, 'datetime')
		.optional()
});

const CORE_PARAMETERS = new Set(['f', 'limit', 'offset', 'bbox', 'datetime']);

function parseFilterValue(attribute: AttributeDef, raw: string): Parsed<PropertyFilter['value']> {
	const must = (zh: string, en: string) => fail(`${attribute.name} 须为${zh}。`, `${attribute.name} must be ${en}`);
	switch (attribute.type) {
		case 'integer':
			return /^-?\d{1,9}$/.test(raw) ? { ok: true, value: Number(raw) } : must('整数', 'an integer');
		case 'number':
			return raw.trim() !== '' && Number.isFinite(Number(raw)) ? { ok: true, value: Number(raw) } : must('数字', 'a number');
		case 'boolean':
			return raw === 'true' || raw === 'false' ? { ok: true, value: raw === 'true' } : must(' true 或 false', 'true or false');
		case 'date':
			return /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(raw)) ? { ok: true, value: raw } : must('日期（YYYY-MM-DD）', 'a date (YYYY-MM-DD)');
		default: {
			const values = attribute.values ? Object.keys(attribute.values).join(', ') : '';
			if (attribute.values && !(raw in attribute.values)) return must(`以下之一：${values}`, `one of ${values}`);
			return { ok: true, value: raw };
		}
	}
}

/**
 * Reads /items query parameters: limit, offset, bbox, datetime and `attribute=value`
 * filters on the layer's public attributes. Any other parameter, or one given twice,
 * is an error (400), as OGC API – Features asks.
 */
export function parseItemsQuery(layer: LayerDef, params: URLSearchParams): Parsed<ItemsQuery> {
	const seen = new Set<string>();
	for (const name of params.keys()) {
		if (seen.has(name)) return fail(`参数“${name}”重复出现。`, `parameter "${name}" is given more than once`);
		seen.add(name);
	}
	const core = coreSchema.safeParse(Object.fromEntries([...params].filter(([name]) => CORE_PARAMETERS.has(name))));
	if (!core.success) {
		const messages = core.error.issues.map((i) => MESSAGES[i.message as MessageKey] ?? { zh: '参数无效。', en: i.message });
		return { ok: false, message: { zh: messages.map((m) => m.zh).join(''), en: messages.map((m) => m.en).join('; ') } };
	}

	const attributes = new Map(publicAttributes(layer).map((a) => [a.name, a]));
	const filters: PropertyFilter[] = [];
	for (const [name, raw] of params) {
		if (CORE_PARAMETERS.has(name)) continue;
		const attribute = attributes.get(name);
		if (!attribute) {
			const names = [...attributes.keys()].join(', ');
			return fail(
				`未知参数“${name}”；可用 limit、offset、bbox、datetime、f 或以下之一：${names}`,
				`unknown parameter "${name}"; use limit, offset, bbox, datetime, f or one of: ${names}`
			);
		}
		const value = parseFilterValue(attribute, raw);
		if (!value.ok) return value;
		filters.push({ attribute, value: value.value });
	}
	const { limit, offset, bbox } = core.data;
	return { ok: true, value: { limit, offset, bbox: bbox ?? null, filters } };
}
