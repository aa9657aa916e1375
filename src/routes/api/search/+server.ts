import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { searchFeatures } from '$lib/server/search';
import { ApiError } from '$lib/server/http/errors';
import type { RequestHandler } from './$types';

const Query = z.object({
	// NUL cannot be stored in PostgreSQL text: refuse it here rather than fail in the query.
	q: z.string().trim().min(1).max(100).refine((q) => !q.includes('\0')),
	limit: z.coerce.number().int().min(1).max(50).default(12)
});

/** Features, towns and counties by Chinese or English name: `/api/search?q=火区`. */
export const GET: RequestHandler = async ({ url, locals }) => {
	const query = Query.safeParse({ q: url.searchParams.get('q') ?? '', limit: url.searchParams.get('limit') ?? undefined });
	if (!query.success)
		throw new ApiError(400, 'invalid-parameter', {
			zh: '搜索词须为 1–100 个字符（不含空字符），limit 为 1–50。',
			en: 'q must be 1–100 characters (no NUL), limit 1–50.'
		});
	const hits = await searchFeatures(locals.readDb, query.data.q, query.data.limit);
	return json(hits, { headers: { 'cache-control': 'no-cache' } });
};
