import { fail, type ActionFailure } from '@sveltejs/kit';
import type { Localized } from '../../api/i18n';
import { ApiError } from './errors';

/** What a form action returns when it refuses: the page shows `messages` in its language. */
export interface FormError {
	error: { code: string; messages: Localized; details?: unknown };
	/** Fields sent back so the form keeps what was typed (never passwords). */
	kept: Record<string, string>;
}

/**
 * Runs a form action's work; an ApiError (bad input, 409, 429 …) becomes the form's
 * failure with the same status, anything else propagates as usual.
 */
export async function formAction<T>(work: () => Promise<T>, kept: Record<string, string> = {}): Promise<T | ActionFailure<FormError>> {
	try {
		return await work();
	} catch (error) {
		if (!(error instanceof ApiError)) throw error;
		const details = error.details === undefined ? {} : { details: error.details };
		return fail(error.status, { error: { code: error.code, messages: error.messages, ...details }, kept });
	}
}

/** A form field as text ('' when missing or a file). */
export function field(data: FormData, name: string): string {
	const value = data.get(name);
	return typeof value === 'string' ? value : '';
}
