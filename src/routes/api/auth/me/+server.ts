import { json } from '@sveltejs/kit';
import type { MeResponse } from '$lib/api/auth';
import { publicUser } from '$lib/server/auth/public-user';
import type { RequestHandler } from './$types';

/** Who is signed in: `{"user": {id, username, displayName, role}}`, or `{"user": null}`. */
export const GET: RequestHandler = ({ locals }) => {
	const body: MeResponse = { user: publicUser(locals.user) };
	return json(body, { headers: { 'cache-control': 'no-store' } });
};
