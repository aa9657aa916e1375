import { json } from '@sveltejs/kit';
import { summary } from '$lib/server/summary';
import type { RequestHandler } from './$types';

/** Coal-fire zones and mine restoration by status, from the live rows. */
export const GET: RequestHandler = async ({ locals }) => {
	return json(await summary(locals.db), { headers: { 'cache-control': 'no-cache' } });
};
