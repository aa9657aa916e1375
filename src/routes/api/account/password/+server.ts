import { z } from 'zod';
import { actorOf } from '$lib/server/audit/actor';
import { changeOwnPassword } from '$lib/server/auth/change-password';
import { readJsonBody } from '$lib/server/http/json-body';
import type { RequestHandler } from './$types';

const Body = z.object({ current: z.string().max(2000), password: z.string().max(2000) });

/** `{"current","password"}` → 204; other sessions of the user end. */
export const POST: RequestHandler = async (event) => {
	const body = await readJsonBody(event.request, Body);
	// The boundary admits only signed-in users to /api/account.
	await changeOwnPassword(event.locals.db, actorOf(event), event.locals.user!, body.current, body.password);
	return new Response(null, { status: 204 });
};
