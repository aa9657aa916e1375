import { error } from '@sveltejs/kit';
import type { SavedCheck, SavedCheckView } from '../../api/saved-checks';
import type { Db } from '../db/types';
import { ApiError } from '../http/errors';
import { checkNotFound, parseCheckId } from './request';
import { checkIdForToken } from './shares';
import { getSavedCheck } from './store';
import { savedCheckView } from './view';

/** A refusal of ours as SvelteKit's page error (a page shows its status and message, not a 500). */
async function asPageError<T>(lang: 'zh' | 'en', run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (e) {
		if (e instanceof ApiError && e.status < 500) error(e.status, { code: e.code, message: e.messages[lang] });
		throw e;
	}
}

const linkGone = (lang: 'zh' | 'en'): never =>
	error(404, { code: 'share-not-found', message: lang === 'zh' ? '该分享链接不存在或已被撤销。' : 'This share link does not exist or has been revoked.' });

/** The saved check of a /check/{id} page. */
export const pageCheckView = (db: Db, id: string, lang: 'zh' | 'en'): Promise<SavedCheckView> =>
	asPageError(lang, () => savedCheckView(db, parseCheckId(id)));

/** The saved check a report page is made from (by path id, or the id a share link opens). */
export const pageCheck = (db: Db, id: string | number, lang: 'zh' | 'en'): Promise<SavedCheck> =>
	asPageError(lang, async () => {
		const check = await getSavedCheck(db, typeof id === 'number' ? id : parseCheckId(id));
		if (!check) throw checkNotFound();
		return check;
	});

export const sharedCheckView = (db: Db, id: number, lang: 'zh' | 'en'): Promise<SavedCheckView> => asPageError(lang, () => savedCheckView(db, id));

/** The check a live share token opens; 404 for an unknown or revoked one. */
export async function sharedCheckId(db: Db, token: string, lang: 'zh' | 'en'): Promise<number> {
	const id = await checkIdForToken(db, token);
	return id ?? linkGone(lang);
}
