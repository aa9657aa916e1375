import { actorOf } from '$lib/server/audit/actor';
import { logoutEverywhere } from '$lib/server/auth/logout';
import type { RequestHandler } from './$types';

/** Ends every session of the signed-in user, on every device → 204. */
export const POST: RequestHandler = async (event) => {
	await logoutEverywhere(event.locals.db, actorOf(event), event.locals.user!, event.cookies);
	return new Response(null, { status: 204 });
};
