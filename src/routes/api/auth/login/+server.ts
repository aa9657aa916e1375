import { z } from 'zod';
import { actorOf } from '$lib/server/audit/actor';
import { login } from '$lib/server/auth/login';
import { setSessionCookie } from '$lib/server/auth/session';
import { readJsonBody } from '$lib/server/http/json-body';
import type { RequestHandler } from './$types';

const LoginBody = z.object({ username: z.string().max(200), password: z.string().max(2000) });

/** `{"username","password"}` → 204 and the session cookie; 401 on bad credentials, 429 when throttled. */
export const POST: RequestHandler = async (event) => {
	const body = await readJsonBody(event.request, LoginBody);
	const session = await login(event.locals.db, actorOf(event), body.username, body.password);
	setSessionCookie(event.cookies, event.url, session.token, session.expiresAt);
	return new Response(null, { status: 204 });
};
