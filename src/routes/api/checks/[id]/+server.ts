import { json } from '@sveltejs/kit';
import { parseCheckId } from '$lib/server/saved/request';
import { savedCheckView } from '$lib/server/saved/view';
import type { RequestHandler } from './$types';

/** A saved check exactly as saved, with the layers whose data changed since and its re-runs. */
export const GET: RequestHandler = async ({ params, locals }) =>
	json(await savedCheckView(locals.db, parseCheckId(params.id)), { headers: { 'cache-control': 'no-store' } });
