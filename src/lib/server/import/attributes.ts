// Source attributes → the layer's attributes (registry): which source field feeds which
// attribute, and each value converted to the attribute's type, with enum labels (zh/en)
// accepted for their codes.
import type { AttributeDef, LayerDef, Localized } from '../../layers/types';
import { L, LocalizedError } from '../../geo/localized-error';

/** Registry attribute name → the source property that feeds it. */
export type AttributePlan = Map<string, string>;

/** Reads "--map 名称=name,ZT=status" into { 名称: 'name', ZT: 'status' }. */
export function parseAttributeMap(text: string): Record<string, string> {
	const map: Record<string, string> = {};
	for (const pair of text.split(/[,，]/)) {
		if (!pair.trim()) continue;
		const [source, target, ...rest] = pair.split('=').map((s) => s.trim());
		if (!source || !target || rest.length)
			throw new LocalizedError(L(`--map 中的“${pair}”应写成 源字段=目标属性`, `"${pair}" in --map should read source=attribute`));
		map[source] = target;
	}
	return map;
}

const lower = (s: string) => s.toLowerCase();
const listAttributes = (layer: LayerDef) => layer.attributes.map((a) => `${a.name}（${a.label.zh}）`).join(', ');

/**
 * Which source property feeds each attribute: the explicit `map` first, then a property
 * named like the attribute (case-insensitive, as DBF field names are often upper case) or
 * like its Chinese or English label, then one named like the attribute cut to 10
 * characters (dBase), saying so in `notes`.
 */
export function planAttributes(
	layer: LayerDef,
	sourceKeys: readonly string[],
	map: Readonly<Record<string, string>> = {},
	notes: Localized[] = []
): AttributePlan {
	const plan: AttributePlan = new Map();
	const problems: Localized[] = [];
	const findKey = (wanted: string) => sourceKeys.find((k) => k === wanted) ?? sourceKeys.find((k) => lower(k) === lower(wanted));
	for (const [source, target] of Object.entries(map)) {
		const attribute = layer.attributes.find((a) => a.name === target);
		const key = findKey(source);
		if (!attribute)
			problems.push(L(`--map：图层 ${layer.id} 没有属性 ${target}；可用：${listAttributes(layer)}`, `--map: layer ${layer.id} has no attribute "${target}"; it has: ${listAttributes(layer)}`));
		else if (!key)
			problems.push(L(`--map：文件中没有字段 ${source}；文件字段：${sourceKeys.join(', ')}`, `--map: the file has no field "${source}"; its fields: ${sourceKeys.join(', ')}`));
		else plan.set(attribute.name, key);
	}
	if (problems.length) throw new LocalizedError(L('属性映射有误', 'The attribute mapping is wrong'), problems);
	const used = new Set(plan.values());
	for (const attribute of layer.attributes) {
		if (plan.has(attribute.name)) continue;
		const key = [attribute.name, attribute.label.zh, attribute.label.en].map(findKey).find((k) => k !== undefined && !used.has(k));
		if (key) {
			plan.set(attribute.name, key);
			used.add(key);
		}
	}
	matchTruncatedNames(layer, sourceKeys, plan, used, notes);
	return plan;
}

/** dBase field names hold 10 characters: GDAL and ArcGIS cut `water_source_type` to `water_sour`. */
const DBF_NAME_LENGTH = 10;
const cut = (name: string) => lower(name).slice(0, DBF_NAME_LENGTH);

/**
 * Matches the attributes still unmapped to source fields that are their names cut to 10
 * characters — when no other attribute of the layer starts with the same 10 characters.
 * Says which it matched, and which it could not tell apart.
 */
function matchTruncatedNames(layer: LayerDef, sourceKeys: readonly string[], plan: AttributePlan, used: Set<string>, notes: Localized[]): void {
	for (const attribute of layer.attributes) {
		if (plan.has(attribute.name) || attribute.name.length <= DBF_NAME_LENGTH) continue;
		const key = sourceKeys.find((k) => !used.has(k) && lower(k) === cut(attribute.name));
		if (!key) continue;
		const alike = layer.attributes.filter((a) => a.name.length > DBF_NAME_LENGTH && cut(a.name) === cut(attribute.name)).map((a) => a.name);
		if (alike.length > 1) {
			notes.push(
				L(
					`字段 ${key} 可能是 ${alike.join('、')} 中任一个被截短后的名称，未自动对应；请用 --map ${key}=<属性> 指定`,
					`Field ${key} may be any of ${alike.join(', ')} cut to 10 characters and was not matched; say which with --map ${key}=<attribute>`
				)
			);
			used.add(key);
			continue;
		}
		plan.set(attribute.name, key);
		used.add(key);
		notes.push(L(`字段 ${key}（截短为 10 个字符）对应属性 ${attribute.name}`, `Field ${key} (cut to 10 characters) was matched to attribute ${attribute.name}`));
	}
}

type Converted = { value: unknown } | { problem: Localized };

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

function toNumber(raw: unknown): number | undefined {
	if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
	if (typeof raw !== 'string') return undefined;
	const text = raw.trim().replace(/,/g, '');
	const value = Number(text);
	return text !== '' && Number.isFinite(value) ? value : undefined;
}

/** YYYY-MM-DD from 2024-03-15, 2024/3/15, 2024.3.15, 20240315, 2024年3月15日, an ISO timestamp or a Date. */
function toDate(raw: unknown): string | undefined {
	if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : raw.toISOString().slice(0, 10);
	const text = String(raw).trim();
	const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T\s].*)?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
	if (!match) return undefined;
	const [y, m, d] = match.slice(1).map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
	return date.toISOString().slice(0, 10);
}

const TRUE = new Set(['true', 't', 'yes', 'y', '1', '是', '真']);
const FALSE = new Set(['false', 'f', 'no', 'n', '0', '否', '假']);

/** The code for a value given as code, Chinese label or English label. */
function enumCode(attribute: AttributeDef, raw: unknown): string | undefined {
	const text = String(raw).trim();
	const values = attribute.values ?? {};
	if (text in values) return text;
	for (const [code, label] of Object.entries(values)) if (label.zh === text || lower(label.en) === lower(text)) return code;
	return undefined;
}

function enumProblem(attribute: AttributeDef, raw: unknown): Localized {
	const codes = Object.entries(attribute.values ?? {});
	return L(
		`${attribute.name} 的值“${String(raw)}”无效；可用：${codes.map(([c, l]) => `${c}（${l.zh}）`).join('、')}`,
		`"${String(raw)}" is not a valid ${attribute.name}; use one of: ${codes.map(([c, l]) => `${c} (${l.en})`).join(', ')}`
	);
}

/** GDAL writes list fields to KML, CSV and dBase as "(2:air,noise)": the count, then the items. */
function gdalList(text: string): string[] | undefined {
	const match = /^\((\d+):(.*)\)$/s.exec(text.trim());
	if (!match) return undefined;
	const items = match[2] === '' ? [] : match[2].split(',');
	return items.length === Number(match[1]) ? items : undefined;
}

function convert(attribute: AttributeDef, raw: unknown): Converted {
	const bad = (what: Localized): Converted => ({
		problem: L(`${attribute.name} 的值“${String(raw)}”不是${what.zh}`, `${attribute.name}: "${String(raw)}" is not ${what.en}`)
	});
	switch (attribute.type) {
		case 'text':
			if (raw instanceof Date) return { value: raw.toISOString() };
			return { value: typeof raw === 'object' ? JSON.stringify(raw) : String(raw).trim() };
		case 'integer': {
			const n = toNumber(raw);
			return n !== undefined && Number.isInteger(n) ? { value: n } : bad(L('整数', 'an integer'));
		}
		case 'number': {
			const n = toNumber(raw);
			return n !== undefined ? { value: n } : bad(L('数字', 'a number'));
		}
		case 'date': {
			const d = toDate(raw);
			return d ? { value: d } : bad(L('日期（如 2024-03-15）', 'a date (such as 2024-03-15)'));
		}
		case 'boolean': {
			const text = lower(String(raw).trim());
			return TRUE.has(text) ? { value: true } : FALSE.has(text) ? { value: false } : bad(L('是/否', 'yes/no'));
		}
		case 'enum': {
			const code = enumCode(attribute, raw);
			return code !== undefined ? { value: code } : { problem: enumProblem(attribute, raw) };
		}
		case 'text[]': {
			const items = (Array.isArray(raw) ? raw : (gdalList(String(raw)) ?? String(raw).split(/[,，;；、|\s]+/))).map((v) => String(v).trim()).filter(Boolean);
			const codes: string[] = [];
			for (const item of items) {
				const code = attribute.values ? enumCode(attribute, item) : item;
				if (code === undefined) return { problem: enumProblem(attribute, item) };
				if (!codes.includes(code)) codes.push(code);
			}
			return { value: codes };
		}
	}
}

export interface ConvertedAttributes {
	/** Keyed by attribute name, ready for insertFeatures. */
	values: Record<string, unknown>;
	problems: Localized[];
}

/**
 * One feature's attribute values, converted and checked. Provenance defaults: imported
 * data is not illustrative, and its source is the file unless the file says otherwise.
 */
export function convertAttributes(
	layer: LayerDef,
	plan: AttributePlan,
	properties: Readonly<Record<string, unknown>>,
	defaults: { sourceNote: string }
): ConvertedAttributes {
	const values: Record<string, unknown> = {};
	const problems: Localized[] = [];
	for (const attribute of layer.attributes) {
		const key = plan.get(attribute.name);
		const raw = key === undefined ? undefined : properties[key];
		if (blank(raw) || (Array.isArray(raw) && !raw.length)) {
			if (attribute.required)
				problems.push(L(`缺少必填属性 ${attribute.name}（${attribute.label.zh}）`, `required attribute ${attribute.name} (${attribute.label.en}) is missing`));
			continue;
		}
		const converted = convert(attribute, raw);
		if ('problem' in converted) problems.push(converted.problem);
		else values[attribute.name] = converted.value;
	}
	values.illustrative ??= false;
	values.source_note ??= defaults.sourceNote;
	return { values, problems };
}
