import { describe, expect, it } from 'vitest';
import { getTestDb, rollbackAfter } from '../../../../tests/db';
import { cookieJar } from '../../../../tests/cookies';
import { createTestUser, TEST_ACTOR } from '../../../../tests/users';
import { ApiError } from '../http/errors';
import { updateUser } from '../users/users';
import { login } from './login';
import { LOGIN_MAX_FAILURES_PER_ACCOUNT } from './policy';
import { SESSION_COOKIE, sessionUser } from './session';

const db = await getTestDb();
const from = (address: string) => ({ ...TEST_ACTOR, address });

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
	const error = await promise.then(() => undefined, (e: unknown) => e);
	expect(error).toBeInstanceOf(ApiError);
	return error as ApiError;
}

describe('sign-in and sessions', () => {
	it('a good password opens a session that identifies the user; the audit trail has the login', () =>
		rollbackAfter(db, async (tx) => {
			const sut = await createTestUser(tx, 'planner', { username: 'li.planner' });
			const result = await login(tx, from('10.0.0.1'), ' Li.Planner ', sut.password);
			expect(result.user).toMatchObject({ username: 'li.planner', role: 'planner' });
			const user = await sessionUser(tx, cookieJar({ [SESSION_COOKIE]: result.token }));
			expect(user).toMatchObject({ id: sut.user.id, role: 'planner' });
			const [stored] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE id = $1', [result.token]);
			expect(stored.n).toBe(0); // only the hash is stored
			const rows = await tx.query<{ action: string; actor_id: number; address: string }>(
				"SELECT action, actor_id, address FROM audit_log WHERE action = 'auth.login' AND entity_id = 'li.planner'"
			);
			expect(rows).toEqual([{ action: 'auth.login', actor_id: sut.user.id, address: '10.0.0.1' }]);
		}));

	it('unknown user and wrong password get the same 401 and are both audited', () =>
		rollbackAfter(db, async (tx) => {
			const sut = await createTestUser(tx, 'field', { username: 'wang.field' });
			const wrong = await refusal(login(tx, from('10.0.0.2'), 'wang.field', sut.password + 'x'));
			const unknown = await refusal(login(tx, from('10.0.0.2'), 'nobody', sut.password));
			expect([wrong.status, unknown.status]).toEqual([401, 401]);
			expect(wrong.messages).toEqual(unknown.messages);
			const [{ n }] = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login_failed' AND address = '10.0.0.2'");
			expect(n).toBe(2);
		}));

	it('too many failures lock the account (429, even with the right password); a success before resets the count', () =>
		rollbackAfter(db, async (tx) => {
			const sut = await createTestUser(tx, 'field', { username: 'zhao.field' });
			for (let i = 0; i < LOGIN_MAX_FAILURES_PER_ACCOUNT - 1; i++) await refusal(login(tx, from(`10.1.0.${i}`), 'zhao.field', 'wrong password'));
			await login(tx, from('10.1.1.1'), 'zhao.field', sut.password); // resets
			for (let i = 0; i < LOGIN_MAX_FAILURES_PER_ACCOUNT; i++) await refusal(login(tx, from(`10.2.0.${i}`), 'zhao.field', 'wrong password'));
			const locked = await refusal(login(tx, from('10.3.0.1'), 'zhao.field', sut.password));
			expect(locked.status).toBe(429);
			expect(locked.code).toBe('too-many-attempts');
			expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
		}));

	it('idle and absolute expiry end a session', () =>
		rollbackAfter(db, async (tx) => {
			const idle = await createTestUser(tx, 'field');
			const old = await createTestUser(tx, 'field');
			const live = await createTestUser(tx, 'field');
			await tx.query("UPDATE sessions SET last_seen_at = now() - interval '13 hours' WHERE user_id = $1", [idle.user.id]);
			await tx.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1", [old.user.id]);
			const jar = cookieJar({ [SESSION_COOKIE]: idle.token });
			expect(await sessionUser(tx, jar)).toBeNull();
			expect(jar.values.has(SESSION_COOKIE)).toBe(false);
			expect(await sessionUser(tx, cookieJar({ [SESSION_COOKIE]: old.token }))).toBeNull();
			expect(await sessionUser(tx, cookieJar({ [SESSION_COOKIE]: live.token }))).not.toBeNull();
		}));
});

describe('accounts', () => {
	it('an edit with a stale version gets 409 with both versions and changes nothing', () =>
		rollbackAfter(db, async (tx) => {
			const sut = await createTestUser(tx, 'field');
			const v2 = await updateUser(tx, TEST_ACTOR, sut.user.id, { version: 1, role: 'planner' });
			expect(v2).toMatchObject({ role: 'planner', version: 2 });
			const stale = await refusal(updateUser(tx, TEST_ACTOR, sut.user.id, { version: 1, role: 'admin' }));
			expect(stale.status).toBe(409);
			expect(stale.details).toMatchObject({ current: { version: 2, role: 'planner' }, submitted: { version: 1, role: 'admin' } });
			const [row] = await tx.query<{ role: string; version: number }>('SELECT role, version FROM users WHERE id = $1', [sut.user.id]);
			expect(row).toEqual({ role: 'planner', version: 2 });
		}));

	it('disabling is soft, ends the sessions, is audited with before/after, and can be undone', () =>
		rollbackAfter(db, async (tx) => {
			const sut = await createTestUser(tx, 'planner');
			const disabled = await updateUser(tx, TEST_ACTOR, sut.user.id, { version: 1, disabled: true });
			expect(disabled.disabled).toBe(true);
			expect(await sessionUser(tx, cookieJar({ [SESSION_COOKIE]: sut.token }))).toBeNull();
			expect(await refusal(login(tx, from('10.4.0.1'), sut.user.username, sut.password))).toMatchObject({ status: 401 });
			const restored = await updateUser(tx, TEST_ACTOR, sut.user.id, { version: 2, disabled: false });
			expect(restored).toMatchObject({ disabled: false, version: 3 });
			const trail = await tx.query<{ action: string; before: { disabled: boolean } | null; after: { disabled: boolean } }>(
				"SELECT action, before, after FROM audit_log WHERE entity = 'user' AND entity_id = $1 ORDER BY id",
				[String(sut.user.id)]
			);
			expect(trail.map((r) => r.action)).toEqual(['user.create', 'user.disable', 'user.restore']);
			expect(trail[1].before?.disabled).toBe(false);
			expect(trail[1].after.disabled).toBe(true);
		}));

	it('the last enabled admin cannot be disabled or demoted', () =>
		rollbackAfter(db, async (tx) => {
			await tx.query("UPDATE users SET disabled_at = now() WHERE role = 'admin'");
			const sut = await createTestUser(tx, 'admin');
			const refused = await refusal(updateUser(tx, TEST_ACTOR, sut.user.id, { version: 1, role: 'planner' }));
			expect(refused.code).toBe('last-admin');
		}));
});
