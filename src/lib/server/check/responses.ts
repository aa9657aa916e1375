import type { CheckErrorDetails, ErrorEnvelope } from '../../api/errors';
import type { ReportLang } from '../../check/report';
import type { FootprintError } from '../../check/types';
import type { Localized } from '../../layers/types';
import { ApiError, errorResponse } from '../http/errors';
import type { TooComplexDetails } from './complexity';
import type { RepairOffer } from './compute';

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
export function footprintApiError(error: FootprintError, repair: RepairOffer): ApiError {
	const status = error.code === 'invalid-geojson' || error.code === 'unsupported-geometry' ? 400 : 422;
	const details: CheckErrorDetails = {
		messages: error.message,
		...(error.location ? { location: error.location } : {}),
		...(error.part !== undefined ? { part: error.part } : {}),
		...(error.ring !== undefined ? { ring: error.ring } : {}),
		repair
	};
	return new ApiError(status, error.code, error.message, details);
}

export function footprintErrorResponse(error: FootprintError, repair: RepairOffer, lang: ReportLang): Response {
	return errorResponse(footprintApiError(error, repair), lang);
}

/** 429: the client address spent its checks for the minute. */
export function rateLimitedError(retryAfterS: number): ApiError {
	const messages: Localized = {
		zh: `检查请求过于频繁，请 ${retryAfterS} 秒后再试。`,
		en: `Too many checks from your address: try again in ${retryAfterS} s.`
	};
	return new ApiError(429, 'rate-limited', messages, { messages } satisfies CheckErrorDetails, { 'retry-after': String(retryAfterS) });
}

export const rateLimited = (retryAfterS: number, lang: ReportLang): Response => errorResponse(rateLimitedError(retryAfterS), lang);

const thousands = (n: number | null) => (n === null ? '?' : n.toLocaleString('en-US'));

/**
 * 422 `too-complex`: the check would take (or took) more work than one request may — with the
 * figures, so a planner knows how far to simplify.
 */
export function tooComplexError(details: TooComplexDetails): ApiError {
	const v = thousands(details.vertices);
	const c = thousands(details.candidateEdges);
	const s = Math.round(details.deadlineMs / 100) / 10;
	const messages: Localized =
		details.reason === 'work-limit'
			? {
					zh: `范围过于复杂：请简化或拆分范围后再检查（${v} 个顶点 × 周边要素 ${c} 条边，超过上限 ${thousands(details.limit)}）。`,
					en: `Too complex: simplify or split the footprint (${v} vertices × ${c} candidate edges exceeds the limit of ${thousands(details.limit)}).`
				}
			: details.vertices === null
				? {
						zh: `范围过于复杂：请简化或拆分范围后再检查（校验在 ${s} 秒内未能完成）。`,
						en: `Too complex: simplify or split the footprint (validation did not finish within ${s} s).`
					}
				: {
						zh: `范围过于复杂：请简化或拆分范围后再检查（${v} 个顶点，周边要素 ${c} 条边，${s} 秒内未能完成）。`,
						en: `Too complex: simplify or split the footprint (${v} vertices, ${c} candidate edges; not finished within ${s} s).`
					};
	return new ApiError(422, 'too-complex', messages, { messages, complexity: details } satisfies CheckErrorDetails);
}

export const tooComplex = (details: TooComplexDetails, lang: ReportLang): Response => errorResponse(tooComplexError(details), lang);

/** 503: every check worker is busy and the queue is full. */
export function checksBusyError(retryAfterS: number): ApiError {
	const messages: Localized = {
		zh: `服务器正忙于其他检查，请 ${retryAfterS} 秒后再试。`,
		en: `The server is busy with other checks: try again in ${retryAfterS} s.`
	};
	return new ApiError(503, 'busy', messages, { messages } satisfies CheckErrorDetails, { 'retry-after': String(retryAfterS) });
}

export const checksBusy = (retryAfterS: number, lang: ReportLang): Response => errorResponse(checksBusyError(retryAfterS), lang);

export function jsonResponse(body: unknown, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), { status: 200, headers: { ...JSON_HEADERS, ...headers } });
}
