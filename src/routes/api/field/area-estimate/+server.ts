import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { AreaEstimate } from '$lib/api/field';
import { estimateArea } from '$lib/server/field/area-estimate';
import { parseQuery } from '$lib/server/http/query';
import type { RequestHandler } from './$types';

const Query = z
	.strictObject({
		bbox: z
			.string()
			.transform((text) => text.split(',').map(Number))
			.pipe(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)])),
		minZoom: z.coerce.number().int().min(0).max(18),
		maxZoom: z.coerce.number().int().min(0).max(18)
	})
	.refine((q) => q.bbox[0] < q.bbox[2] && q.bbox[1] < q.bbox[3], { message: 'west < east, south < north', path: ['bbox'] })
	.refine((q) => q.minZoom <= q.maxZoom, { message: 'minZoom ≤ maxZoom', path: ['minZoom'] })
	// A prefecture-sized box at z16 would be millions of tiles: the tablet asks for areas, not the world.
	.refine((q) => (q.bbox[2] - q.bbox[0]) * (q.bbox[3] - q.bbox[1]) * 4 ** Math.max(0, q.maxZoom - 12) <= 64, { message: 'area too large for this zoom', path: ['bbox'] });

/** The size an offline area would take on the tablet, asked before the download starts. */
export const GET: RequestHandler = async ({ url, locals }) => {
	const { bbox, minZoom, maxZoom } = parseQuery(Query, url, { zh: '查询参数不对：bbox=西,南,东,北（WGS84），minZoom ≤ maxZoom，范围不可过大。', en: 'Bad query: bbox=west,south,east,north (WGS84), minZoom ≤ maxZoom, and not too large an area.' });
	return json((await estimateArea(locals.db, { bbox: bbox as [number, number, number, number], minZoom, maxZoom })) satisfies AreaEstimate, {
		headers: { 'cache-control': 'no-store' }
	});
};
