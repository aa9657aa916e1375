import { json } from '@sveltejs/kit';
import { database } from '$lib/server/database';
import { layerStats } from '$lib/server/layer-stats';
import type { RequestHandler } from './$types';

/** Feature counts, illustrative flag and data date per layer, for the layer panel. */
export const GET: RequestHandler = async () => {
	const stats = await layerStats(await database());
	// Cheap to compute and must follow imports at once: revalidate every time.
	return json(stats, { headers: { 'cache-control': 'no-cache' } });
};
