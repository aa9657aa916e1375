import { json } from '@sveltejs/kit';
import { database } from '$lib/server/database';
import { summary } from '$lib/server/summary';
import type { RequestHandler } from './$types';

/** Coal-fire zones and mine restoration by status, from the live rows. */
export const GET: RequestHandler = async () => {
	return json(await summary(await database()), { headers: { 'cache-control': 'no-cache' } });
};
