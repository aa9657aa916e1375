/** Number, area and date formatting in the app's languages (Intl, no hand-made separators). */
export type AppLocale = 'zh-CN' | 'en';

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: AppLocale, maximumFractionDigits: number): Intl.NumberFormat {
	const key = `${locale}|${maximumFractionDigits}`;
	let format = numberFormats.get(key);
	if (!format) {
		format = new Intl.NumberFormat(locale, { maximumFractionDigits });
		numberFormats.set(key, format);
	}
	return format;
}

/** Digits after the point that keep about three significant figures, whole numbers from 1000 on. */
function fractionDigitsFor(value: number): number {
	const magnitude = Math.abs(value);
	if (magnitude >= 1000 || Number.isInteger(value)) return 0;
	if (magnitude >= 100) return 1;
	return 2;
}

export function formatNumber(value: number, locale: AppLocale, maximumFractionDigits = fractionDigitsFor(value)): string {
	return numberFormat(locale, maximumFractionDigits).format(value);
}

/** 1 hectare = 15 mu (亩), the unit Chinese land records use. */
export const MU_PER_HECTARE = 15;

/** An area in m² as hectares and mu, both formatted. */
export function formatArea(squareMetres: number, locale: AppLocale): { hectares: string; mu: string } {
	const hectares = squareMetres / 10_000;
	const mu = hectares * MU_PER_HECTARE;
	return { hectares: formatNumber(hectares, locale), mu: formatNumber(mu, locale) };
}

/** A calendar date (YYYY-MM-DD or an ISO timestamp) as the reader's language writes it. */
export function formatDate(value: string, locale: AppLocale): string {
	// A bare date is a calendar day: read it in UTC so no time zone moves it to the day before.
	const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
	if (Number.isNaN(date.getTime())) return value;
	return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(date);
}
