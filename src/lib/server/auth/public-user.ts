import type { SessionUserView } from '../../api/roles';
import type { SessionUser } from './session';

/** The signed-in user as pages and the API show it (without the session id). */
export function publicUser(user: SessionUser | null): SessionUserView | null {
	return user ? { id: user.id, username: user.username, displayName: user.displayName, role: user.role } : null;
}
