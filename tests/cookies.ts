import type { Cookies } from '@sveltejs/kit';

/** A cookie jar for calling session code outside a request: holds what is set and deleted. */
export function cookieJar(initial: Record<string, string> = {}): Cookies & { values: Map<string, string> } {
	const values = new Map(Object.entries(initial));
	return {
		values,
		get: (name) => values.get(name),
		getAll: () => [...values].map(([name, value]) => ({ name, value })),
		set: (name, value) => void values.set(name, value),
		delete: (name) => void values.delete(name),
		serialize: (name, value) => `${name}=${value}`
	};
}
