// Shapes shared by the browser and the server: the app's two languages.
export type { Localized } from '../layers/types';

/** The app's languages: Simplified Chinese (default) and English. */
export type Lang = 'zh' | 'en';

export const LANGS: readonly Lang[] = ['zh', 'en'];

export function isLang(value: unknown): value is Lang {
	return value === 'zh' || value === 'en';
}
