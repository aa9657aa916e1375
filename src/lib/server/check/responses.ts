import type { CheckErrorDetails, ErrorEnvelope } from '../../api/errors';
import type { ReportLang } from '../../check/report';
import type { FootprintError } from '../../check/types';
import type { Localized } from '../../layers/types';
import { ApiError, errorResponse } from '../http/errors';
import type { RepairOffer } from './run-check';

/**
 * The error body of the check endpoints: the one envelope, whose `details` carry the message in
 * both languages, where the problem is and the repair offer when the footprint is invalid.
 */
export type CheckErrorBody = ErrorEnvelope<CheckErrorDetails>;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function checkError(
	status: number,
	code: string,
	messages: Localized,
	lang: ReportLang,
	extra: Omit<CheckErrorDetails, 'messages'> = {},
	headers: Record<string, string> = {}
): Response {
	return errorResponse(new ApiError(status, code, messages, { messages, ...extra } satisfies CheckErrorDetails, headers), lang);
}

/** Shape problems (not GeoJSON at all) are 400; geometry a planner can fix is 422. */
export function footprintErrorResponse(error: FootprintError, repair: RepairOffer, lang: ReportLang): Response {
	const status = error.code === 'invalid-geojson' || error.code === 'unsupported-geometry' ? 400 : 422;
	return checkError(status, error.code, error.message, lang, {
		...(error.location ? { location: error.location } : {}),
		...(error.part !== undefined ? { part: error.part } : {}),
		...(error.ring !== undefined ? { ring: error.ring } : {}),
		repair
	});
}

export function rateLimited(retryAfterS: number, lang: ReportLang): Response {
	return checkError(
		429,
		'rate-limited',
		{
			zh: `检查请求过于频繁，请 ${retryAfterS} 秒后再试。`,
			en: `Too many checks from your address: try again in ${retryAfterS} s.`
		},
		lang,
		{},
		{ 'retry-after': String(retryAfterS) }
	);
}

export function jsonResponse(body: unknown, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), { status: 200, headers: { ...JSON_HEADERS, ...headers } });
}
