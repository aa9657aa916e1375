import { LAYERS } from '$lib/layers/registry';
import { countFeatures } from '$lib/server/layer-writer';
import type { PageServerLoad } from './$types';

/** The layers an admin can load, with their current feature counts. */
export const load: PageServerLoad = async ({ locals }) => {
	const layers = [];
	for (const layer of LAYERS) layers.push({ id: layer.id, title: layer.title, count: await countFeatures(locals.db, layer) });
	return { layers };
};
