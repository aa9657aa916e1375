import type { Cookies } from '@sveltejs/kit';
import { audit, type Actor } from '../audit/audit';
import type { Db } from '../db/types';
import { clearSessionCookie, endSession, endUserSessions, type SessionUser } from './session';

/** Ends the request's session (if any) and clears its cookie. */
export async function logout(db: Db, actor: Actor, user: SessionUser | null, cookies: Cookies): Promise<void> {
	clearSessionCookie(cookies);
	if (!user) return;
	await db.transaction(async (tx) => {
		await endSession(tx, user.sessionId);
		await audit(tx, actor, { action: 'auth.logout', entity: 'user', entityId: user.id });
	});
}

/** Ends every session of the user, on every device, and clears this cookie. */
export async function logoutEverywhere(db: Db, actor: Actor, user: SessionUser, cookies: Cookies): Promise<number> {
	clearSessionCookie(cookies);
	return db.transaction(async (tx) => {
		const ended = await endUserSessions(tx, user.id);
		await audit(tx, actor, { action: 'auth.logout_everywhere', entity: 'user', entityId: user.id, after: { sessionsEnded: ended } });
		return ended;
	});
}
