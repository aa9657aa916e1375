import type { Position } from 'geojson';
import type { ReportLang } from '../../check/report';
import type { FootprintError } from '../../check/types';
import type { Localized } from '../../layers/types';
import type { RepairOffer } from './run-check';

/**
 * The error body of the check endpoints: `{ error: { code, message, messages } }` — `message` in
 * the request's language, `messages` in both, plus where the problem is and the repair offer
 * when the footprint is invalid.
 */
export interface CheckErrorBody {
	error: {
		code: string;
		message: string;
		messages: Localized;
		location?: Position;
		part?: number;
		ring?: number;
		repair?: RepairOffer;
	};
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function checkError(
	status: number,
	code: string,
	messages: Localized,
	lang: ReportLang,
	extra: Omit<CheckErrorBody['error'], 'code' | 'message' | 'messages'> = {},
	headers: Record<string, string> = {}
): Response {
	const body: CheckErrorBody = { error: { code, message: messages[lang], messages, ...extra } };
	return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
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
