import type { Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { safeNext } from '../http/safe-next';
import { setSessionCookie } from './session';

type CookieOptions = Parameters<Cookies['set']>[2];

function recordingJar() {
	const set: { name: string; value: string; options: CookieOptions }[] = [];
	const jar = { set: (name: string, value: string, options: CookieOptions) => void set.push({ name, value, options }) } as Pick<Cookies, 'set'>;
	return { jar: jar as Cookies, set };
}

describe('the session cookie', () => {
	it('is HttpOnly and SameSite=Lax, and Secure only when the origin is https', () => {
		const expires = new Date('2026-12-07T00:00:00Z');
		for (const [origin, secure] of [['https://ecomap.example', true], ['http://localhost:3000', false]] as const) {
			const { jar, set } = recordingJar();
			setSessionCookie(jar, new URL(origin), 'token', expires);
			expect(set[0]).toEqual({ name: 'ecomap_session', value: 'token', options: { path: '/', httpOnly: true, sameSite: 'lax', secure, expires } });
		}
	});
});

describe('where sign-in leads', () => {
	it('only to a path of this site', () => {
		expect(safeNext('/check?x=1')).toBe('/check?x=1');
		for (const next of [null, '', 'https://evil.example', '//evil.example', '/\\evil.example']) expect(safeNext(next)).toBe('/');
	});
});
