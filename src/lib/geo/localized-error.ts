import type { Localized } from '../layers/types';

/**
 * An error a person can act on, in both app languages. `details` lists the individual
 * problems (feature number, name, reason, location) behind the headline.
 */
export class LocalizedError extends Error {
	constructor(
		readonly text: Localized,
		readonly details: readonly Localized[] = []
	) {
		super(`${text.zh} / ${text.en}`);
		this.name = 'LocalizedError';
	}
}

/** Shorthand for a message in both languages. */
export const L = (zh: string, en: string): Localized => ({ zh, en });
