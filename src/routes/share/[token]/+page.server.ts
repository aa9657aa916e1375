import { basemapAvailability } from '$lib/server/basemaps';
import { sharedCheckId, sharedCheckView } from '$lib/server/saved/page-data';
import type { PageServerLoad } from './$types';

/** A saved check opened by a share link, read-only, for people without an account. */
export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	const id = await sharedCheckId(locals.db, params.token, locals.lang);
	// The token is the key: keep the page out of shared caches and the link out of Referer headers.
	setHeaders({ 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' });
	return { check: await sharedCheckView(locals.db, id, locals.lang), token: params.token, basemaps: basemapAvailability() };
};
