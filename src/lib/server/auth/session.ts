import { createHash, randomBytes } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import type { SessionUserView } from '../../api/roles';
import type { Db } from '../db/types';
import { SESSION_IDLE_MS, SESSION_MAX_MS, SESSION_TOUCH_MS } from './policy';

/** The session cookie: a random token; the database keeps only its hash. */
export const SESSION_COOKIE = 'ecomap_session';

export interface SessionUser extends SessionUserView {
	/** The session row this request came in on (for logout). */
	sessionId: string;
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Opens a session for `userId`; returns the cookie token (only its hash is stored). */
export async function createSession(db: Db, userId: number, from: { address: string | null; userAgent: string | null }): Promise<{ token: string; expiresAt: Date }> {
	const token = randomBytes(32).toString('base64url');
	const [row] = await db.query<{ expires_at: Date }>(
		`INSERT INTO sessions (id, user_id, expires_at, address, user_agent)
		 VALUES ($1, $2, now() + $3 * interval '1 millisecond', $4, $5) RETURNING expires_at`,
		[tokenHash(token), userId, SESSION_MAX_MS, from.address, from.userAgent?.slice(0, 512) ?? null]
	);
	return { token, expiresAt: new Date(row.expires_at) };
}

/**
 * The user behind the request's session cookie, or null: the session must exist, be
 * within its idle and absolute lifetimes, and belong to an enabled account. A cookie
 * that names no live session is removed.
 */
export async function sessionUser(db: Db, cookies: Cookies): Promise<SessionUser | null> {
	const token = cookies.get(SESSION_COOKIE);
	if (!token) return null;
	const id = tokenHash(token);
	const [row] = await db.query<{ user_id: number; username: string; display_name: string; role: SessionUser['role']; stale: boolean }>(
		`SELECT u.id AS user_id, u.username, u.display_name, u.role,
		        s.last_seen_at < now() - $2 * interval '1 millisecond' AS stale
		   FROM sessions s JOIN users u ON u.id = s.user_id
		  WHERE s.id = $1 AND s.expires_at > now() AND u.disabled_at IS NULL
		    AND s.last_seen_at > now() - $3 * interval '1 millisecond'`,
		[id, SESSION_TOUCH_MS, SESSION_IDLE_MS]
	);
	if (!row) {
		cookies.delete(SESSION_COOKIE, { path: '/' });
		return null;
	}
	if (row.stale) await db.query('UPDATE sessions SET last_seen_at = now() WHERE id = $1', [id]);
	return { id: row.user_id, username: row.username, displayName: row.display_name, role: row.role, sessionId: id };
}

/** The session cookie: HttpOnly, SameSite=Lax, Secure on https, for the session's whole life. */
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: expiresAt
	});
}

export function clearSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}

/** Ends one session (logout). */
export async function endSession(db: Db, sessionId: string): Promise<void> {
	await db.query('DELETE FROM sessions WHERE id = $1', [sessionId]);
}

/** Ends every session of a user, or every one but `keep` (password change). Returns how many. */
export async function endUserSessions(db: Db, userId: number, keep?: string): Promise<number> {
	const rows = await db.query('DELETE FROM sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2 RETURNING id', [userId, keep ?? null]);
	return rows.length;
}

/** Removes sessions past either lifetime (housekeeping; they are already refused). */
export async function purgeExpiredSessions(db: Db): Promise<void> {
	await db.query(`DELETE FROM sessions WHERE expires_at <= now() OR last_seen_at <= now() - $1 * interval '1 millisecond'`, [SESSION_IDLE_MS]);
}
