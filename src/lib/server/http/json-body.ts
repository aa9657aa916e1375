import type { z } from 'zod';
import { ApiError } from './errors';

/**
 * The request's JSON body, checked against `schema`: 415 unless it is sent as JSON (a
 * cross-site form cannot send that content type without a CORS preflight), 400 with the
 * failing fields otherwise.
 */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/json\b/i.test(type))
		throw new ApiError(415, 'json-required', { zh: '请求体须为 JSON（Content-Type: application/json）。', en: 'Send the body as JSON (Content-Type: application/json).' });
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		throw new ApiError(400, 'invalid-json', { zh: '请求体不是有效的 JSON。', en: 'The body is not valid JSON.' });
	}
	const parsed = schema.safeParse(body);
	if (!parsed.success)
		throw new ApiError(
			400,
			'invalid-request',
			{ zh: '请求内容不完整或格式不对。', en: 'The request is incomplete or malformed.' },
			issueList(parsed.error)
		);
	return parsed.data;
}

/** The failing fields of a zod check, as `details` of a 400: `[{path, message}]`. */
export function issueList(error: z.ZodError): { path: string; message: string }[] {
	return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}
