import { defineCustomClientStrategy, getLocale, isLocale, locales, setLocale, type Locale } from '../paraglide/runtime';
import type { Localized } from '../layers/types';

// The chosen language lives in a rune, read by a custom Paraglide strategy: every m.*()
// call in a template then re-renders when the language changes, without a page reload
// (which would rebuild the map). localStorage remembers the choice for the next visit.
let current = $state<Locale | undefined>(undefined);

defineCustomClientStrategy('custom-ecomap', {
	getLocale: () => current,
	setLocale: (locale) => {
		if (isLocale(locale)) current = locale;
	}
});

/** The app's language, reactive in components. */
export const language = {
	get current(): Locale {
		return current ?? getLocale();
	},
	set(locale: Locale): void {
		void setLocale(locale, { reload: false });
		if (typeof document !== 'undefined') document.documentElement.lang = locale;
	},
	/** The other language: the one the switch offers. */
	get other(): Locale {
		return locales.find((l) => l !== this.current) ?? locales[0];
	}
};

/** Resolves the saved language once at start-up, before any component renders (a rune may not be written during render). */
export function initLanguage(): void {
	const locale = getLocale();
	current = locale;
	if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** The registry's bilingual text in the current language. */
export function localized(text: Localized, locale: Locale = language.current): string {
	return locale === 'en' ? text.en : text.zh;
}
