import type { Cookies } from '@sveltejs/kit';
import { isLang, type Lang } from '../../api/i18n';

/** Cookie the language switch writes, so server-rendered pages and errors follow the choice. */
export const LANG_COOKIE = 'ecomap_lang';

/** `?lang=` → the language cookie → Accept-Language → Chinese. */
export function requestLang(url: URL, cookies: Cookies, acceptLanguage: string | null): Lang {
	const asked = url.searchParams.get('lang')?.slice(0, 2).toLowerCase();
	if (isLang(asked)) return asked;
	const chosen = cookies.get(LANG_COOKIE);
	if (isLang(chosen)) return chosen;
	return acceptedLang(acceptLanguage) ?? 'zh';
}

/** The first of zh/en in an Accept-Language header, by quality then order. */
export function acceptedLang(acceptLanguage: string | null): Lang | undefined {
	const ranked = (acceptLanguage ?? '')
		.split(',')
		.map((part, i) => {
			const [tag, ...params] = part.trim().toLowerCase().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			return { tag, q: q ? Number(q.slice(2)) : 1, i };
		})
		.filter((t) => t.tag && t.q > 0)
		.sort((a, b) => b.q - a.q || a.i - b.i);
	for (const { tag } of ranked) {
		if (tag.startsWith('zh')) return 'zh';
		if (tag.startsWith('en')) return 'en';
	}
	return undefined;
}
