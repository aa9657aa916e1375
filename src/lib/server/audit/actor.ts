import { userInfo } from 'node:os';
import type { RequestEvent } from '@sveltejs/kit';
import type { Actor } from './audit';

/** The request's author for the audit trail: its user, client address and user agent. */
export function actorOf(event: Pick<RequestEvent, 'locals' | 'request' | 'getClientAddress'>): Actor {
	const user = event.locals.user;
	return {
		userId: user?.id ?? null,
		name: user?.username ?? null,
		address: event.getClientAddress(),
		userAgent: event.request.headers.get('user-agent')
	};
}

/** The command line as an author: the operating-system account that ran it. */
export function cliActor(command: string): Actor {
	return { userId: null, name: `cli:${userInfo().username}`, address: 'local', userAgent: command };
}
