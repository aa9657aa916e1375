import type { SavedCheck } from '../../api/saved-checks';
import type { ReportLang } from '../../check/report';
import { ApiError } from '../http/errors';
import type { Db } from '../db/types';
import { reportMapContext } from '../check/map-context';
import { pdfResponse, reportPdfFrom, type ReportSource } from '../check/pdf/response';
import { publicOrigin } from '../serving/origin';
import { checkNotFound } from './request';
import { getSavedCheck } from './store';

/**
 * The saved check's permalink on this server (ORIGIN, else the request's trusted host), for
 * the report's QR code; null when no trusted origin is known (the report then prints no code).
 */
export function permalinkOf(request: Request, check: Pick<SavedCheck, 'url'>): string | null {
	const origin = publicOrigin(request);
	return origin.ok ? `${origin.origin}${check.url}` : null;
}

/** A saved check as the report's source: its own answer, footprint, zones and time — never a new run. */
export function savedReportSource(check: SavedCheck, permalink: string | null): ReportSource {
	return {
		response: check.answer,
		footprint: check.footprint,
		zones: check.zones,
		record: {
			id: check.id,
			projectName: check.projectName,
			developer: check.developer,
			notes: check.notes,
			author: check.author.name,
			savedAt: check.createdAt,
			location: check.location,
			input: check.input,
			inputPoints: check.inputPoints,
			permalink
		}
	};
}

/** The source with the map's basemap context (read now: it is context, not a figure of the check). */
export async function savedReportSourceWithContext(db: Db, check: SavedCheck, request: Request): Promise<ReportSource> {
	return { ...savedReportSource(check, permalinkOf(request, check)), context: await reportMapContext(db, check.answer.footprint.bbox) };
}

/** ?lang=zh|en, else the request's language. */
export function reportLangParam(url: URL, fallback: ReportLang): ReportLang {
	const lang = url.searchParams.get('lang');
	if (lang === null || lang === '') return fallback;
	if (lang === 'zh' || lang === 'en') return lang;
	throw new ApiError(400, 'invalid-lang', { zh: '语言 lang 须为 zh 或 en。', en: '"lang" must be zh or en.' }, { field: 'lang' });
}

export async function savedReportPdf(db: Db, id: number, lang: ReportLang, request: Request): Promise<Response> {
	const check = await getSavedCheck(db, id);
	if (!check) throw checkNotFound();
	return pdfResponse(await reportPdfFrom(await savedReportSourceWithContext(db, check, request), lang), check.answer, lang, check.id);
}
