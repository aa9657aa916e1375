// Test data factory for accounts: a user of a role, with a live session and its cookie.
import { randomBytes } from 'node:crypto';
import type { Role } from '../src/lib/api/roles';
import type { UserView } from '../src/lib/api/users';
import type { Actor } from '../src/lib/server/audit/audit';
import { createSession, SESSION_COOKIE } from '../src/lib/server/auth/session';
import type { Db } from '../src/lib/server/db/types';
import { createUser } from '../src/lib/server/users/users';

export const TEST_ACTOR: Actor = { userId: null, name: 'test-factory', address: '127.0.0.1', userAgent: 'vitest' };

export interface TestUser {
	user: UserView;
	password: string;
	/** The session token (the cookie's value). */
	token: string;
	/** `ecomap_session=<token>`, ready for a Cookie header. */
	cookie: string;
}

/** Creates an account of `role` (unique username unless given) and opens a session for it. */
export async function createTestUser(db: Db, role: Role, options: { username?: string; password?: string; displayName?: string } = {}): Promise<TestUser> {
	const username = options.username ?? `${role}-${randomBytes(4).toString('hex')}`;
	const password = options.password ?? `pw-${randomBytes(9).toString('base64url')}`;
	const user = await createUser(db, TEST_ACTOR, { username, password, role, displayName: options.displayName ?? `Test ${role}` });
	const { token } = await createSession(db, user.id, TEST_ACTOR);
	return { user, password, token, cookie: `${SESSION_COOKIE}=${token}` };
}
