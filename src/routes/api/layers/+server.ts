import { json } from '@sveltejs/kit';
import { layerStats } from '$lib/server/layer-stats';
import type { RequestHandler } from './$types';

/** Feature counts, illustrative flag and data date per layer, for the layer panel. */
export const GET: RequestHandler = async ({ locals }) => {
	const stats = await layerStats(locals.db);
	// Cheap to compute and must follow imports at once: revalidate every time.
	return json(stats, { headers: { 'cache-control': 'no-cache' } });
};
