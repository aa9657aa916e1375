import { randomInt } from 'node:crypto';
import type { BuiltApp } from '../built-app';

export interface Call {
	method?: string;
	/** `ecomap_session=…` */
	cookie?: string;
	/** Sent as JSON. */
	json?: unknown;
	/** Client address the app sees (X-Forwarded-For); a random private one when omitted. */
	address?: string;
	headers?: Record<string, string>;
	body?: BodyInit;
}

export const randomAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** One request to the app as a script would send it; redirects are not followed. */
export function call(app: BuiltApp, path: string, options: Call = {}): Promise<Response> {
	const headers: Record<string, string> = { 'x-forwarded-for': options.address ?? randomAddress(), ...options.headers };
	if (options.cookie) headers.cookie = options.cookie;
	let body = options.body;
	if (options.json !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(options.json);
	}
	return fetch(`${app.origin}${path}`, { method: options.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
}

/** The `ecomap_session=<token>` pair of a response's Set-Cookie, or null. */
export function sessionCookie(response: Response): string | null {
	const set = response.headers.getSetCookie().find((c) => c.startsWith('ecomap_session='));
	return set ? set.split(';')[0] : null;
}
