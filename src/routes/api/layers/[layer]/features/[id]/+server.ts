import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { getLayer } from '$lib/layers/registry';
import { database } from '$lib/server/database';
import { featureDetails } from '$lib/server/feature-details';
import type { RequestHandler } from './$types';

const Id = z.coerce.number().int().positive().max(2_147_483_647);

/** One feature's public attributes with its geodesic area or length, for the feature card. */
export const GET: RequestHandler = async ({ params }) => {
	const layer = getLayer(params.layer);
	const id = Id.safeParse(params.id);
	if (!layer || !id.success) error(404, 'No such feature');
	const details = await featureDetails(await database(), layer, id.data);
	if (!details) error(404, 'No such feature');
	return json(details, { headers: { 'cache-control': 'no-cache' } });
};
