import { json } from '@sveltejs/kit';
import { isFieldLayer } from '$lib/api/field';
import { notFound } from '$lib/server/http/errors';
import { siteDetail } from '$lib/server/field/site-detail';
import type { RequestHandler } from './$types';

/** One site: attributes, coordinates (WGS84 and CGCS2000 Gauss-Krüger), status timeline, inspections, navigation links. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const id = Number(params.id);
	if (!isFieldLayer(params.layer) || !/^[1-9][0-9]{0,9}$/.test(params.id) || id > 2147483647) throw notFound();
	const detail = await siteDetail(locals.db, params.layer, id, locals.lang);
	if (!detail) throw notFound();
	return json(detail, { headers: { 'cache-control': 'no-store' } });
};
