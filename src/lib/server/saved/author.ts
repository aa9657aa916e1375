import type { RequestEvent } from '@sveltejs/kit';
import { actorOf } from '../audit/actor';
import { unauthenticated } from '../http/errors';
import type { Writer } from './save';

/**
 * The signed-in user as the author of a write, and the request for its audit row. The
 * boundary has already required a role; this narrows the type.
 */
export function writerOf(event: Pick<RequestEvent, 'locals' | 'request' | 'getClientAddress'>): Writer {
	const user = event.locals.user;
	if (!user) throw unauthenticated();
	return { author: { id: user.id, name: user.displayName || user.username }, actor: actorOf(event) };
}
