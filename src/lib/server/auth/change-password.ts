import { audit, type Actor } from '../audit/audit';
import type { Db } from '../db/types';
import { ApiError } from '../http/errors';
import { checkNewPassword, hashPassword, verifyPassword } from './password';
import { endUserSessions, type SessionUser } from './session';

/**
 * A user changes their own password: the current one must be right; every other session
 * of theirs ends (a stolen session does not survive the change), this one stays.
 */
export async function changeOwnPassword(db: Db, actor: Actor, user: SessionUser, current: unknown, next: unknown): Promise<void> {
	const password = checkNewPassword(next);
	const [row] = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [user.id]);
	if (!row || typeof current !== 'string' || !(await verifyPassword(row.password_hash, current)))
		throw new ApiError(400, 'wrong-current-password', { zh: '当前密码不正确。', en: 'The current password is wrong.' });
	const passwordHash = await hashPassword(password);
	await db.transaction(async (tx) => {
		await tx.query('UPDATE users SET password_hash = $2, version = version + 1, updated_at = now() WHERE id = $1', [user.id, passwordHash]);
		const ended = await endUserSessions(tx, user.id, user.sessionId);
		await audit(tx, actor, { action: 'account.password', entity: 'user', entityId: user.id, after: { passwordChanged: true, otherSessionsEnded: ended } });
	});
}
