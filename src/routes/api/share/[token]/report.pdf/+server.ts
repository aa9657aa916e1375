import { notFound } from '$lib/server/http/errors';
import { reportLangParam, savedReportPdf } from '$lib/server/saved/report-source';
import { checkIdForToken } from '$lib/server/saved/shares';
import type { RequestHandler } from './$types';

/** The PDF report of a shared saved check (?lang=zh|en); 404 once the link is revoked. */
export const GET: RequestHandler = async ({ params, url, locals, request }) => {
	const id = await checkIdForToken(locals.db, params.token);
	if (id === undefined) throw notFound();
	return savedReportPdf(locals.db, id, reportLangParam(url, locals.lang), request);
};
