import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { getLayer } from '$lib/layers/registry';
import { featureDetails } from '$lib/server/feature-details';
import { ApiError } from '$lib/server/http/errors';
import type { RequestHandler } from './$types';

const Id = z.coerce.number().int().positive().max(2_147_483_647);

const noSuchFeature = () => new ApiError(404, 'not-found', { zh: '没有这个要素。', en: 'No such feature.' });

/** One feature's public attributes with its geodesic area or length, for the feature card. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const layer = getLayer(params.layer);
	const id = Id.safeParse(params.id);
	if (!layer || !id.success) throw noSuchFeature();
	const details = await featureDetails(locals.db, layer, id.data);
	if (!details) throw noSuchFeature();
	return json(details, { headers: { 'cache-control': 'no-cache' } });
};
