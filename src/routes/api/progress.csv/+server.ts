import { progressCsv } from '$lib/server/progress/csv';
import { progress } from '$lib/server/progress/progress';
import type { RequestHandler } from './$types';

/** /api/progress as CSV (UTF-8 with BOM), labels in the request's language. */
export const GET: RequestHandler = async ({ locals }) => {
	const data = await progress(locals.db);
	const day = data.generatedAt.slice(0, 10);
	return new Response(progressCsv(data, locals.lang), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="changji-progress-${day}.csv"`,
			'cache-control': 'no-cache'
		}
	});
};
