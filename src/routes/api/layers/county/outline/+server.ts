import { error, json } from '@sveltejs/kit';
import { database } from '$lib/server/database';
import { layerVersions } from '$lib/server/layer-writer';
import { prefectureOutline } from '$lib/server/prefecture-outline';
import type { RequestHandler } from './$types';

/** The prefecture outline (union of the counties) as GeoJSON, for the bundled basemap. */
export const GET: RequestHandler = async ({ request }) => {
	const db = await database();
	const version = (await layerVersions(db)).get('county')?.version ?? 0;
	const etag = `"county-outline-${version}"`;
	const headers = { etag, 'cache-control': 'no-cache' };
	if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
	const outline = await prefectureOutline(db);
	if (!outline) error(404, 'No county rows');
	return json({ type: 'FeatureCollection', features: [outline] }, { headers });
};
