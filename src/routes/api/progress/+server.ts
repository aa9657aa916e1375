import { json } from '@sveltejs/kit';
import { progress } from '$lib/server/progress/progress';
import type { RequestHandler } from './$types';

/** Public: counts and areas by layer, status of record and county, restored against target, trend by quarter. */
export const GET: RequestHandler = async ({ locals }) =>
	json(await progress(locals.db), { headers: { 'cache-control': 'no-cache' } });
