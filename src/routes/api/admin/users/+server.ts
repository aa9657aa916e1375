import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { actorOf } from '$lib/server/audit/actor';
import { readJsonBody } from '$lib/server/http/json-body';
import { createUser, listUsers } from '$lib/server/users/users';
import type { RequestHandler } from './$types';

/** Every account, disabled ones included. */
export const GET: RequestHandler = async ({ locals }) => json(await listUsers(locals.db), { headers: { 'cache-control': 'no-store' } });

const Body = z.object({ username: z.string(), displayName: z.string().optional(), role: z.string(), password: z.string() });

/** `{"username","displayName"?,"role","password"}` → 201 with the account. */
export const POST: RequestHandler = async (event) => {
	const body = await readJsonBody(event.request, Body);
	return json(await createUser(event.locals.db, actorOf(event), body), { status: 201 });
};
