import { actorOf } from '$lib/server/audit/actor';
import { logout } from '$lib/server/auth/logout';
import type { RequestHandler } from './$types';

/** Ends this session and clears the cookie; 204 also when there was no session. */
export const POST: RequestHandler = async (event) => {
	await logout(event.locals.db, actorOf(event), event.locals.user, event.cookies);
	return new Response(null, { status: 204 });
};
