import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { ROLES } from '$lib/api/roles';
import { actorOf } from '$lib/server/audit/actor';
import { notFound } from '$lib/server/http/errors';
import { readJsonBody } from '$lib/server/http/json-body';
import { updateUser } from '$lib/server/users/users';
import type { RequestHandler } from './$types';

const Body = z.object({
	version: z.number().int(),
	displayName: z.string().optional(),
	role: z.enum(ROLES).optional(),
	disabled: z.boolean().optional(),
	password: z.string().optional()
});

/** `{"version", …changes}` → 200 with the account; 409 with both versions when `version` is stale. */
export const PATCH: RequestHandler = async (event) => {
	const id = Number(event.params.id);
	if (!Number.isInteger(id) || id <= 0) throw notFound();
	const body = await readJsonBody(event.request, Body);
	return json(await updateUser(event.locals.db, actorOf(event), id, body));
};
