import type { RequestEvent } from '@sveltejs/kit';
import { ApiError } from './errors';

/**
 * PostgreSQL text cannot hold NUL (U+0000): a query parameter or path segment carrying one
 * would fail inside the database as a 500. The boundary refuses it up front, for every
 * route and every parameter, present and future.
 */
export function nulInRequest(event: Pick<RequestEvent, 'url' | 'params'>): ApiError | undefined {
	const texts = [...event.url.searchParams.keys(), ...event.url.searchParams.values(), ...Object.values(event.params ?? {})];
	if (!texts.some((text) => text?.includes('\0'))) return undefined;
	return new ApiError(400, 'invalid-parameter', {
		zh: '请求参数含有空字符（NUL），无法处理。',
		en: 'A request parameter contains a NUL character.'
	});
}
