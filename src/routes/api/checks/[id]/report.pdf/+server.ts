import { reportLangParam, savedReportPdf } from '$lib/server/saved/report-source';
import { parseCheckId } from '$lib/server/saved/request';
import type { RequestHandler } from './$types';

/** The PDF report of a saved check, made from the record (?lang=zh|en). */
export const GET: RequestHandler = async ({ params, url, locals, request }) =>
	savedReportPdf(locals.db, parseCheckId(params.id), reportLangParam(url, locals.lang), request);
