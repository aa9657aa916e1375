import type { ErrorEnvelope } from '../../api/errors';
import type { Lang, Localized } from '../../api/i18n';
import { isDatabaseUnavailable } from '../db/unavailable';

/**
 * A refusal with a status, a machine-readable code and a message in both languages.
 * Thrown anywhere below a route (guards, handlers, lib code); the request boundary in
 * hooks.server.ts turns it into the one error envelope, in the request's language.
 */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		readonly messages: Localized,
		readonly details?: unknown,
		readonly headers: Record<string, string> = {}
	) {
		super(messages.en);
		this.name = 'ApiError';
	}
}

/** The one error body of every API and serving route (its shape lives in src/lib/api). */
export function errorEnvelope(error: ApiError, lang: Lang): ErrorEnvelope {
	return { error: { code: error.code, message: error.messages[lang], ...(error.details === undefined ? {} : { details: error.details }) } };
}

export function errorResponse(error: ApiError, lang: Lang): Response {
	return new Response(JSON.stringify(errorEnvelope(error, lang)), {
		status: error.status,
		headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...error.headers }
	});
}

export const unauthenticated = () =>
	new ApiError(401, 'unauthenticated', { zh: '请先登录。', en: 'Please sign in first.' });

export const forbidden = () =>
	new ApiError(403, 'forbidden', { zh: '您的角色无权执行此操作。', en: 'Your role may not do this.' });

export const notFound = () => new ApiError(404, 'not-found', { zh: '未找到。', en: 'Not found.' });

export const methodNotAllowed = (allow: string) =>
	new ApiError(405, 'method-not-allowed', { zh: `不支持此请求方法；可用：${allow}。`, en: `Method not allowed; use ${allow}.` }, undefined, { allow });

/** The database cannot be reached or did not answer in time: try again shortly. */
export const databaseUnavailable = (retryAfterS = 5) =>
	new ApiError(
		503,
		'database-unavailable',
		{ zh: '数据库暂时不可用，请稍后再试。', en: 'The database is unavailable; please try again shortly.' },
		undefined,
		{ 'retry-after': String(retryAfterS) }
	);

export const internalError = () =>
	new ApiError(500, 'internal', { zh: '服务器内部错误。', en: 'Internal server error.' });

/** Any thrown error as the ApiError the client should see: unknown ones are a bare 500. */
export function asApiError(error: unknown): ApiError {
	if (error instanceof ApiError) return error;
	if (isDatabaseUnavailable(error)) return databaseUnavailable();
	return internalError();
}
