import { pageCheck } from '$lib/server/saved/page-data';
import { savedReportSourceWithContext } from '$lib/server/saved/report-source';
import type { PageServerLoad } from './$types';

/** The report of a saved check, made from the record: same time, same id, same figures. */
export const load: PageServerLoad = async ({ params, locals, request }) => {
	const check = await pageCheck(locals.db, params.id, locals.lang);
	return { id: check.id, source: { ...(await savedReportSourceWithContext(locals.db, check, request)), illustrative: check.answer.illustrative } };
};
