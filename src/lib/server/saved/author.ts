import { unauthenticated } from '../http/errors';
import type { Author } from './save';

/** The signed-in user as the author of a write. The boundary has already required a role; this narrows the type. */
export function authorOf(locals: App.Locals): Author {
	const user = locals.user;
	if (!user) throw unauthenticated();
	return { id: user.id, name: user.displayName || user.username };
}
