import { json } from '@sveltejs/kit';
import { actorOf } from '$lib/server/audit/actor';
import { ApiError, notFound, unauthenticated } from '$lib/server/http/errors';
import { readJsonBody } from '$lib/server/http/json-body';
import { InspectionInputSchema, UUID_PATTERN } from '$lib/server/field/inspection-input';
import { deleteInspection, getInspection, putInspection } from '$lib/server/field/inspections';
import type { RequestHandler } from './$types';

function inspectionId(raw: string): string {
	const id = raw.toLowerCase();
	if (!UUID_PATTERN.test(id)) throw notFound();
	return id;
}

export const GET: RequestHandler = async ({ params, locals }) => {
	const inspection = await getInspection(locals.db, inspectionId(params.id));
	if (!inspection) throw notFound();
	return json(inspection, { headers: { 'cache-control': 'no-store' } });
};

/** Create (baseVersion null → 201) or update (→ 200); a replay answers 200 with the stored record; stale → 409. */
export const PUT: RequestHandler = async (event) => {
	const id = inspectionId(event.params.id);
	const user = event.locals.user;
	if (!user) throw unauthenticated();
	const input = await readJsonBody(event.request, InspectionInputSchema);
	const { inspection, created } = await putInspection(event.locals.db, actorOf(event), user.id, id, input);
	return json(inspection, { status: created ? 201 : 200, headers: { 'cache-control': 'no-store' } });
};

/** `?baseVersion=n` → 204 (soft delete); stale → 409. */
export const DELETE: RequestHandler = async (event) => {
	const id = inspectionId(event.params.id);
	const raw = event.url.searchParams.get('baseVersion') ?? '';
	if (!/^[1-9][0-9]{0,8}$/.test(raw))
		throw new ApiError(400, 'invalid-query', { zh: '须给出 baseVersion（正整数）。', en: 'Give baseVersion (a positive integer).' });
	await deleteInspection(event.locals.db, actorOf(event), id, Number(raw));
	return new Response(null, { status: 204 });
};
