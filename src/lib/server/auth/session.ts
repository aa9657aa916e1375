import type { Cookies } from '@sveltejs/kit';
import type { SessionUserView } from '../../api/roles';
import type { Db } from '../db/types';

/** The session cookie: a random token; the database keeps only its hash. */
export const SESSION_COOKIE = 'ecomap_session';

export interface SessionUser extends SessionUserView {
	/** The session row this request came in on (for logout). */
	sessionId: string;
}

/** The user behind the request's session cookie, or null. */
export async function sessionUser(db: Db, cookies: Cookies): Promise<SessionUser | null> {
	const token = cookies.get(SESSION_COOKIE);
	if (!token) return null;
	void db; // accounts land with the sessions table (issue "Who is asking")
	return null;
}
