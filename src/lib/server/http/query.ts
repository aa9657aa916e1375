import type { z } from 'zod';
import type { Localized } from '../../api/i18n';
import { ApiError } from './errors';
import { issueList } from './json-body';

/**
 * The URL's query parameters, checked against `schema`: 400 `invalid-query` with `message`
 * (what a good query looks like) and the failing fields otherwise.
 */
export function parseQuery<S extends z.ZodType>(schema: S, url: URL, message: Localized): z.infer<S> {
	const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) throw new ApiError(400, 'invalid-query', message, issueList(parsed.error));
	return parsed.data;
}
