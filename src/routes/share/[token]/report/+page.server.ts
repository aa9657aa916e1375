import { pageCheck, sharedCheckId } from '$lib/server/saved/page-data';
import { savedReportSourceWithContext } from '$lib/server/saved/report-source';
import type { PageServerLoad } from './$types';

/** The report of a shared saved check, made from the record. */
export const load: PageServerLoad = async ({ params, locals, setHeaders, request }) => {
	const check = await pageCheck(locals.db, await sharedCheckId(locals.db, params.token, locals.lang), locals.lang);
	setHeaders({ 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' });
	return { token: params.token, source: { ...(await savedReportSourceWithContext(locals.db, check, request)), illustrative: check.answer.illustrative } };
};
