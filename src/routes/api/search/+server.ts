import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/database';
import { searchFeatures } from '$lib/server/search';
import type { RequestHandler } from './$types';

const Query = z.object({
	q: z.string().trim().min(1).max(100),
	limit: z.coerce.number().int().min(1).max(50).default(12)
});

/** Features, towns and counties by Chinese or English name: `/api/search?q=火区`. */
export const GET: RequestHandler = async ({ url }) => {
	const query = Query.safeParse({ q: url.searchParams.get('q') ?? '', limit: url.searchParams.get('limit') ?? undefined });
	if (!query.success) error(400, 'q must be 1–100 characters; limit 1–50');
	const hits = await searchFeatures(await database(), query.data.q, query.data.limit);
	return json(hits, { headers: { 'cache-control': 'no-cache' } });
};
