import type { AttributeDef, LayerDef, RuleClause } from '../layers/types';
import { formatDate, formatNumber, type AppLocale } from '../i18n/format';

export type AttributeValue = string | number | boolean | string[] | null | undefined;

const pick = (text: { zh: string; en: string }, locale: AppLocale) => (locale === 'en' ? text.en : text.zh);

/** One attribute value as a reader should see it: enum labels, units, local dates and numbers. Null when empty. */
export function formatAttribute(attr: AttributeDef, value: AttributeValue, locale: AppLocale, yesNo: [string, string]): string | null {
	if (value === null || value === undefined || value === '') return null;
	const label = (code: string) => (attr.values?.[code] ? pick(attr.values[code], locale) : code);
	switch (attr.type) {
		case 'enum':
			return label(String(value));
		case 'text[]': {
			const items = Array.isArray(value) ? value : [String(value)];
			return items.length ? items.map(label).join(locale === 'en' ? ', ' : '、') : null;
		}
		case 'integer':
		case 'number': {
			const n = Number(value);
			if (!Number.isFinite(n)) return String(value);
			// Years are not quantities: no thousands separator.
			const text = attr.name.endsWith('_year') ? String(n) : formatNumber(n, locale);
			return attr.unit ? `${text} ${pick(attr.unit, locale)}` : text;
		}
		case 'date':
			return formatDate(String(value), locale);
		case 'boolean':
			return value === true || value === 'true' ? yesNo[0] : yesNo[1];
		default:
			return String(value);
	}
}

/** Attributes a card lists in its table: the name is the title, provenance has its own place. */
const NOT_IN_TABLE = new Set(['name', 'name_en', 'illustrative', 'source_note', 'source_note_en']);

export function cardAttributes(layer: LayerDef): AttributeDef[] {
	return layer.attributes.filter((a) => a.public && !NOT_IN_TABLE.has(a.name));
}

/**
 * A text the data holds in two columns, `<base>` (Chinese) and `<base>_en`, in this
 * language: the English text in English where there is one, else the other.
 */
export function localizedProperty(properties: Record<string, AttributeValue>, base: string, locale: AppLocale): string {
	const zh = properties[base] ? String(properties[base]) : '';
	const en = properties[`${base}_en`] ? String(properties[`${base}_en`]) : '';
	return locale === 'en' ? en || zh : zh || en;
}

/** The feature's display name in this language. */
export const featureName = (properties: Record<string, AttributeValue>, locale: AppLocale): string => localizedProperty(properties, 'name', locale);

/** The zoning rule clause that applies to this feature (by its level attribute), if the layer has a rule. */
export function ruleClause(layer: LayerDef, properties: Record<string, AttributeValue>): RuleClause | undefined {
	const rule = layer.zoning;
	if (!rule) return undefined;
	const level = rule.levelAttribute ? String(properties[rule.levelAttribute] ?? '') : '';
	return rule.clauses[level] ?? rule.clauses.default;
}
