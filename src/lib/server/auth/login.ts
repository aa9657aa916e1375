import type { SessionUserView } from '../../api/roles';
import { audit, type Actor } from '../audit/audit';
import type { Db } from '../db/types';
import { ApiError } from '../http/errors';
import { decoyHash, verifyPassword } from './password';
import { createSession, purgeExpiredSessions } from './session';
import { checkLoginThrottle } from './throttle';

export const badCredentials = () =>
	new ApiError(401, 'bad-credentials', { zh: '用户名或密码不正确。', en: 'Wrong username or password.' });

export interface LoginResult {
	user: SessionUserView;
	token: string;
	expiresAt: Date;
}

/**
 * Checks a username and password and opens a session. Unknown user, wrong password and
 * disabled account all get the same 401, after the same argon2 work. Every attempt is
 * audited; recent failures throttle further attempts (429).
 */
export async function login(db: Db, actor: Actor, username: unknown, password: unknown): Promise<LoginResult> {
	const name = typeof username === 'string' ? username.trim().toLowerCase().slice(0, 64) : '';
	const secret = typeof password === 'string' ? password.slice(0, 1024) : '';
	const attempt = { entity: 'login', entityId: name, after: { username: name } };

	try {
		await checkLoginThrottle(db, name, actor.address);
	} catch (error) {
		await audit(db, actor, { action: 'auth.login_throttled', ...attempt });
		throw error;
	}

	const [row] = await db.query<{ id: number; username: string; display_name: string; role: SessionUserView['role']; password_hash: string }>(
		'SELECT id, username, display_name, role, password_hash FROM users WHERE username = $1 AND disabled_at IS NULL',
		[name]
	);
	const ok = (await verifyPassword(row?.password_hash ?? (await decoyHash()), secret)) && row !== undefined && secret.length > 0;
	if (!ok) {
		await audit(db, actor, { action: 'auth.login_failed', ...attempt });
		throw badCredentials();
	}

	const user: SessionUserView = { id: row.id, username: row.username, displayName: row.display_name, role: row.role };
	return db.transaction(async (tx) => {
		await purgeExpiredSessions(tx);
		const session = await createSession(tx, user.id, actor);
		await audit(tx, { ...actor, userId: user.id, name: user.username }, { action: 'auth.login', ...attempt });
		return { user, ...session };
	});
}
