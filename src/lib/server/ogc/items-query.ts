import { z } from 'zod';
import { publicAttributes } from '../../layers/registry';
import type { AttributeDef, LayerDef } from '../../layers/types';

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

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const count = (name: string) => z.string().regex(/^\d{1,9}$/, `${name} must be a non-negative integer`).transform(Number);

// Core's parameters besides `f` (read by the router) and the property filters.
const coreSchema = z.object({
	// Above the maximum is not an error in OGC API – Features: the maximum is used instead.
	limit: count('limit')
		.refine((n) => n >= 1, 'limit must be at least 1')
		.transform((n) => Math.min(n, MAX_LIMIT))
		.default(DEFAULT_LIMIT),
	offset: count('offset').default(0),
	bbox: z
		.string()
		.transform((s) => s.split(',').map((part) => (part.trim() === '' ? NaN : Number(part))))
		.refine((n) => (n.length === 4 || n.length === 6) && n.every(Number.isFinite), 'bbox must be 4 (or 6) comma-separated numbers')
		// With 6 numbers the 3rd and 6th are heights, which 2D layers ignore.
		.transform((n) => (n.length === 6 ? [n[0], n[1], n[3], n[4]] : n) as [number, number, number, number])
		.refine(([w, s, e, n]) => w >= -180 && e <= 180 && s >= -90 && n <= 90, 'bbox must be in WGS84 degrees (lon,lat)')
		.refine(([w, s, e, n]) => w <= e && s <= n, 'bbox must be minLon,minLat,maxLon,maxLat (crossing the antimeridian is not supported)')
		.optional(),
	// Core lists `datetime`; no layer has a temporal extent, so it selects every feature.
	datetime: z
		.string()
		.regex(/^(\.\.|\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?)(\/(\.\.|\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?))?$/, 'datetime must be an RFC 3339 instant or interval')
		.optional()
});

const CORE_PARAMETERS = new Set(['f', 'limit', 'offset', 'bbox', 'datetime']);

function parseFilterValue(attribute: AttributeDef, raw: string): Parsed<PropertyFilter['value']> {
	const fail = (expected: string): Parsed<never> => ({ ok: false, message: `${attribute.name} must be ${expected}` });
	switch (attribute.type) {
		case 'integer':
			return /^-?\d{1,9}$/.test(raw) ? { ok: true, value: Number(raw) } : fail('an integer');
		case 'number':
			return raw.trim() !== '' && Number.isFinite(Number(raw)) ? { ok: true, value: Number(raw) } : fail('a number');
		case 'boolean':
			return raw === 'true' || raw === 'false' ? { ok: true, value: raw === 'true' } : fail('true or false');
		case 'date':
			return /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(raw)) ? { ok: true, value: raw } : fail('a date (YYYY-MM-DD)');
		default:
			if (attribute.values && !(raw in attribute.values)) return fail(`one of ${Object.keys(attribute.values).join(', ')}`);
			return { ok: true, value: raw };
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
		if (seen.has(name)) return { ok: false, message: `parameter "${name}" is given more than once` };
		seen.add(name);
	}
	const core = coreSchema.safeParse(Object.fromEntries([...params].filter(([name]) => CORE_PARAMETERS.has(name))));
	if (!core.success) return { ok: false, message: core.error.issues.map((i) => i.message).join('; ') };

	const attributes = new Map(publicAttributes(layer).map((a) => [a.name, a]));
	const filters: PropertyFilter[] = [];
	for (const [name, raw] of params) {
		if (CORE_PARAMETERS.has(name)) continue;
		const attribute = attributes.get(name);
		if (!attribute)
			return {
				ok: false,
				message: `unknown parameter "${name}"; use limit, offset, bbox, datetime, f or one of: ${[...attributes.keys()].join(', ')}`
			};
		const value = parseFilterValue(attribute, raw);
		if (!value.ok) return value;
		filters.push({ attribute, value: value.value });
	}
	const { limit, offset, bbox } = core.data;
	return { ok: true, value: { limit, offset, bbox: bbox ?? null, filters } };
}
