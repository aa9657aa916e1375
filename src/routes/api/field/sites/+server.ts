import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { FIELD_LAYERS, type FieldSitesResponse } from '$lib/api/field';
import { parseQuery } from '$lib/server/http/query';
import { listSites } from '$lib/server/field/sites';
import type { RequestHandler } from './$types';

const Query = z
	.strictObject({
		lon: z.coerce.number().min(-180).max(180).optional(),
		lat: z.coerce.number().min(-90).max(90).optional(),
		county: z.string().max(40).optional(),
		layer: z.enum(FIELD_LAYERS).optional(),
		status: z.string().max(40).optional(),
		notInspectedSince: z.iso.date().optional(),
		limit: z.coerce.number().int().min(1).max(500).optional()
	})
	.refine((q) => (q.lon === undefined) === (q.lat === undefined), { message: 'lon and lat go together', path: ['lon'] });

/** Sites of the field layers, nearest first from `lon`/`lat` when given. */
export const GET: RequestHandler = async ({ url, locals }) => {
	const query = parseQuery(Query, url, { zh: '查询参数不对：lon/lat 须成对给出，日期为 YYYY-MM-DD，layer 为现场图层之一。', en: 'Bad query: lon/lat go together, dates are YYYY-MM-DD, layer is one of the field layers.' });
	return json({ sites: await listSites(locals.db, query) } satisfies FieldSitesResponse, { headers: { 'cache-control': 'no-store' } });
};
