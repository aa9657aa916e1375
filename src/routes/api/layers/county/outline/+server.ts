import { json } from '@sveltejs/kit';
import { layerVersions } from '$lib/server/layer-writer';
import { prefectureOutline } from '$lib/server/prefecture-outline';
import { ApiError } from '$lib/server/http/errors';
import type { RequestHandler } from './$types';

/** The prefecture outline (union of the counties) as GeoJSON, for the bundled basemap. */
export const GET: RequestHandler = async ({ request, locals }) => {
	const db = locals.db;
	const version = (await layerVersions(db)).get('county')?.version ?? 0;
	const etag = `"county-outline-${version}"`;
	const headers = { etag, 'cache-control': 'no-cache' };
	if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
	const outline = await prefectureOutline(db);
	if (!outline) throw new ApiError(404, 'not-found', { zh: '县级行政区图层为空。', en: 'The county layer holds no rows.' });
	return json({ type: 'FeatureCollection', features: [outline] }, { headers });
};
