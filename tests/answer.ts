import { asApiError, errorResponse } from '../src/lib/server/http/errors';
import type { Lang } from '../src/lib/api/i18n';

/**
 * What the client receives from a lib handler called directly: its response, or — when it
 * throws a refusal (ApiError) or loses the database — the error envelope the request
 * boundary would send. Unexpected errors still fail the test.
 */
export async function answer(response: Promise<Response>, lang: Lang = 'en'): Promise<Response> {
	try {
		return await response;
	} catch (error) {
		const failure = asApiError(error);
		if (failure.code === 'internal') throw error;
		return errorResponse(failure, lang);
	}
}
