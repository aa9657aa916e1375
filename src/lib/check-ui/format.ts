import { formatArea, formatNumber, type AppLocale } from '$lib/i18n/format';
import { m } from '$lib/paraglide/messages';

/** An area as planners read it: m², hectares and mu (亩) together. */
export function areaText(squareMetres: number, locale: AppLocale): string {
	const { hectares, mu } = formatArea(squareMetres, locale);
	return m.check_area_units({ m2: formatNumber(squareMetres, locale), ha: hectares, mu });
}

export function lengthText(metres: number, locale: AppLocale): string {
	return metres >= 1000 ? m.check_km({ value: formatNumber(metres / 1000, locale) }) : m.check_m({ value: formatNumber(metres, locale) });
}

export function percentText(pct: number, locale: AppLocale): string {
	return `${formatNumber(pct, locale, pct > 0 && pct < 0.1 ? 3 : 1)} %`;
}
