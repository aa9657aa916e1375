// Sign-in, sessions, throttling, CSRF, versioned edits and the audit trail, through the built app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_MAX_FAILURES_PER_ACCOUNT, LOGIN_MAX_FAILURES_PER_ADDRESS } from '../../src/lib/server/auth/policy';
import type { Db } from '../../src/lib/server/db/types';
import { freshAppDatabase, startBuiltApp, type BuiltApp } from '../built-app';
import { createTestUser, type TestUser } from '../users';
import { call, randomAddress, sessionCookie } from './client';

let app: BuiltApp;
let cleanup: () => Promise<void>;
let users: Record<'admin' | 'idle' | 'expired' | 'li' | 'locked' | 'everywhere' | 'changer' | 'victim' | 'edited' | 'formUser', TestUser>;

beforeAll(async () => {
	const database = await freshAppDatabase(async (db: Db) => {
		const made = {
			admin: await createTestUser(db, 'admin'),
			idle: await createTestUser(db, 'field'),
			expired: await createTestUser(db, 'planner'),
			li: await createTestUser(db, 'field', { username: 'li.field' }),
			locked: await createTestUser(db, 'field'),
			everywhere: await createTestUser(db, 'planner'),
			changer: await createTestUser(db, 'planner'),
			victim: await createTestUser(db, 'field'),
			edited: await createTestUser(db, 'field'),
			formUser: await createTestUser(db, 'field')
		};
		// Sessions past their idle and absolute lifetimes, made before the app runs.
		await db.query("UPDATE sessions SET last_seen_at = now() - interval '13 hours' WHERE user_id = $1", [made.idle.user.id]);
		await db.query("UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE user_id = $1", [made.expired.user.id]);
		return made;
	});
	cleanup = database.cleanup;
	users = database.prepared;
	app = await startBuiltApp(database.env);
}, 300_000);

afterAll(async () => {
	await app?.stop();
	await cleanup?.();
});

const me = async (cookie?: string) => ((await (await call(app, '/api/auth/me', { cookie })).json()) as { user: { username: string } | null }).user;
const loginAs = (username: string, password: string, address?: string, headers?: Record<string, string>) =>
	call(app, '/api/auth/login', { json: { username, password }, address, headers });

describe('sign-in and sign-out', () => {
	it('login answers 204 with an HttpOnly, SameSite=Lax session cookie; logout ends the session', async () => {
		const response = await loginAs('LI.field', users.li.password);
		expect(response.status).toBe(204);
		const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('ecomap_session='))!;
		expect(setCookie).toMatch(/HttpOnly/i);
		expect(setCookie).toMatch(/SameSite=Lax/i);
		expect(setCookie).toMatch(/Path=\//);
		expect(setCookie).not.toMatch(/Secure/i); // plain http here; https origins get Secure
		const cookie = sessionCookie(response)!;
		expect(await me(cookie)).toMatchObject({ username: 'li.field' });

		const out = await call(app, '/api/auth/logout', { method: 'POST', cookie });
		expect(out.status).toBe(204);
		expect(out.headers.getSetCookie().join()).toMatch(/ecomap_session=;/);
		expect(await me(cookie)).toBeNull();
	});

	it('unknown user and wrong password get the same 401 answer', async () => {
		const wrong = await loginAs('li.field', 'not the password');
		const unknown = await loginAs('no.such.user', 'not the password');
		expect([wrong.status, unknown.status]).toEqual([401, 401]);
		expect(await wrong.json()).toEqual(await unknown.json());
	});

	it('idle and expired sessions are refused (401) and their cookie removed', async () => {
		for (const user of [users.idle, users.expired]) {
			const response = await call(app, '/api/account/password', { cookie: user.cookie, json: {} });
			expect(response.status).toBe(401);
			const meResponse = await call(app, '/api/auth/me', { cookie: user.cookie });
			expect(await meResponse.json()).toEqual({ user: null });
			expect(meResponse.headers.getSetCookie().join()).toMatch(/ecomap_session=;/);
		}
	});

	it('"log out everywhere" ends the sessions on every device', async () => {
		const a = sessionCookie(await loginAs(users.everywhere.user.username, users.everywhere.password))!;
		const b = sessionCookie(await loginAs(users.everywhere.user.username, users.everywhere.password))!;
		expect(await me(b)).not.toBeNull();
		expect((await call(app, '/api/account/logout-everywhere', { method: 'POST', cookie: a })).status).toBe(204);
		for (const cookie of [a, b, users.everywhere.cookie]) expect(await me(cookie)).toBeNull();
	});

	it('a password change checks the current one and ends the other sessions, not this one', async () => {
		const { changer } = users;
		const other = sessionCookie(await loginAs(changer.user.username, changer.password))!;
		const wrong = await call(app, '/api/account/password', { cookie: changer.cookie, json: { current: 'nope', password: 'a brand new secret' } });
		expect(wrong.status).toBe(400);
		const short = await call(app, '/api/account/password', { cookie: changer.cookie, json: { current: changer.password, password: 'short' } });
		expect((await short.json()).error.code).toBe('password-too-short');
		const ok = await call(app, '/api/account/password', { cookie: changer.cookie, json: { current: changer.password, password: 'a brand new secret' } });
		expect(ok.status).toBe(204);
		expect(await me(changer.cookie)).not.toBeNull();
		expect(await me(other)).toBeNull();
		expect((await loginAs(changer.user.username, 'a brand new secret')).status).toBe(204);
	});
});

describe('throttling', () => {
	it(`locks an account after ${LOGIN_MAX_FAILURES_PER_ACCOUNT} failures, even for the right password, with a clear message`, async () => {
		const { locked } = users;
		for (let i = 0; i < LOGIN_MAX_FAILURES_PER_ACCOUNT; i++) expect((await loginAs(locked.user.username, 'wrong password')).status).toBe(401);
		const refused = await loginAs(locked.user.username, locked.password, undefined, { 'accept-language': 'en' });
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		const body = await refused.json();
		expect(body.error).toMatchObject({ code: 'too-many-attempts', details: { scope: 'account' } });
		expect(body.error.message).toMatch(/Too many failed sign-ins for this account/);
		const zh = await loginAs(locked.user.username, locked.password, undefined, { 'accept-language': 'zh-CN' });
		expect((await zh.json()).error.message).toMatch(/登录失败次数过多/);
	});

	it(`refuses an address after ${LOGIN_MAX_FAILURES_PER_ADDRESS} failures from it, other addresses still sign in`, async () => {
		const address = randomAddress();
		for (let i = 0; i < LOGIN_MAX_FAILURES_PER_ADDRESS; i++) expect((await loginAs(`guess-${i}`, 'wrong password', address)).status).toBe(401);
		const refused = await loginAs('li.field', users.li.password, address);
		expect(refused.status).toBe(429);
		expect((await refused.json()).error.details.scope).toBe('address');
		expect((await loginAs('li.field', users.li.password, randomAddress())).status).toBe(204);
	});
});

describe('cross-site requests', () => {
	const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

	it('refuses a cross-origin form post (SvelteKit CSRF check) and accepts the same post from the app', async () => {
		const { formUser } = users;
		const fields = form({ username: formUser.user.username, password: formUser.password });
		// As a browser submits a form (with `accept: */*` SvelteKit would answer an enhanced form's JSON).
		const headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
		const cross = await call(app, '/login?/login', { method: 'POST', body: fields, headers: { ...headers, origin: 'http://evil.example' } });
		expect(cross.status).toBe(403);
		expect(sessionCookie(cross)).toBeNull();
		const same = await call(app, '/login?/login', { method: 'POST', body: fields, headers: { ...headers, origin: app.origin } });
		expect(same.status).toBe(303);
		expect(await me(sessionCookie(same)!)).toMatchObject({ username: formUser.user.username });
	});

	it('refuses a cross-origin text/plain post to the JSON login, and the API takes JSON only', async () => {
		const body = JSON.stringify({ username: 'li.field', password: users.li.password });
		const cross = await call(app, '/api/auth/login', { method: 'POST', body, headers: { 'content-type': 'text/plain', origin: 'http://evil.example' } });
		expect(cross.status).toBe(403);
		const plain = await call(app, '/api/auth/login', { method: 'POST', body, headers: { 'content-type': 'text/plain', origin: app.origin } });
		expect(plain.status).toBe(415);
	});
});

describe('accounts and the audit trail', () => {
	it('an admin edit with a stale version gets 409 with both versions; nothing is overwritten', async () => {
		const { admin, edited } = users;
		const path = `/api/admin/users/${edited.user.id}`;
		const first = await call(app, path, { method: 'PATCH', cookie: admin.cookie, json: { version: 1, role: 'planner' } });
		expect(first.status).toBe(200);
		expect(await first.json()).toMatchObject({ role: 'planner', version: 2 });
		const stale = await call(app, path, { method: 'PATCH', cookie: admin.cookie, json: { version: 1, role: 'admin' } });
		expect(stale.status).toBe(409);
		expect((await stale.json()).error).toMatchObject({ code: 'stale-version', details: { current: { version: 2, role: 'planner' }, submitted: { version: 1, role: 'admin' } } });
		const list = (await (await call(app, '/api/admin/users', { cookie: admin.cookie })).json()) as { id: number; role: string }[];
		expect(list.find((u) => u.id === edited.user.id)?.role).toBe('planner');
	});

	it('disabling an account signs it out at once; restoring lets it sign in again', async () => {
		const { admin, victim } = users;
		const path = `/api/admin/users/${victim.user.id}`;
		expect((await call(app, path, { method: 'PATCH', cookie: admin.cookie, json: { version: 1, disabled: true } })).status).toBe(200);
		expect(await me(victim.cookie)).toBeNull();
		expect((await loginAs(victim.user.username, victim.password)).status).toBe(401);
		expect((await call(app, path, { method: 'PATCH', cookie: admin.cookie, json: { version: 2, disabled: false } })).status).toBe(200);
		expect((await loginAs(victim.user.username, victim.password)).status).toBe(204);
	});

	it('records failed sign-ins with their address, and exports the trail as CSV with a BOM', async () => {
		const address = randomAddress();
		await loginAs('li.field', 'wrong again', address);
		const page = await (await call(app, '/api/admin/audit?action=auth.login_failed&entityId=li.field', { cookie: users.admin.cookie })).json();
		expect(page.rows.some((r: { address: string; action: string }) => r.address === address && r.action === 'auth.login_failed')).toBe(true);

		const csv = await call(app, '/api/admin/audit.csv?action=auth.', { cookie: users.admin.cookie });
		expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
		const bytes = new Uint8Array(await csv.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(bytes.slice(3));
		const [header, ...lines] = text.split('\r\n');
		expect(header).toMatch(/^编号 id,时间 time \(UTC\+8\),操作人 actor/);
		expect(lines.some((l) => l.includes(address) && l.includes('auth.login_failed'))).toBe(true);
		expect(lines.filter(Boolean).every((l) => /,auth\./.test(l))).toBe(true);
	});
});
