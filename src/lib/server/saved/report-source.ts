import type { SavedCheck } from '../../api/saved-checks';
import type { ReportLang } from '../../check/report';
import { ApiError } from '../http/errors';
import type { Db } from '../db/types';
import { pdfResponse, reportPdfFrom, type ReportSource } from '../check/pdf/response';
import { checkNotFound } from './request';
import { getSavedCheck } from './store';

/** A saved check as the report's source: its own answer, footprint and zones — never a new run. */
export function savedReportSource(check: SavedCheck): ReportSource {
	return {
		response: check.answer,
		footprint: check.footprint,
		zones: check.zones,
		record: { id: check.id, projectName: check.projectName, developer: check.developer, notes: check.notes, author: check.author.name }
	};
}

/** ?lang=zh|en, else the request's language. */
export function reportLangParam(url: URL, fallback: ReportLang): ReportLang {
	const lang = url.searchParams.get('lang');
	if (lang === null || lang === '') return fallback;
	if (lang === 'zh' || lang === 'en') return lang;
	throw new ApiError(400, 'invalid-lang', { zh: '语言 lang 须为 zh 或 en。', en: '"lang" must be zh or en.' }, { field: 'lang' });
}

export async function savedReportPdf(db: Db, id: number, lang: ReportLang): Promise<Response> {
	const check = await getSavedCheck(db, id);
	if (!check) throw checkNotFound();
	return pdfResponse(await reportPdfFrom(savedReportSource(check), lang), check.answer, lang, check.id);
}
