import { json } from '@sveltejs/kit';
import { roleAtLeast } from '$lib/api/roles';
import { unauthenticated } from '$lib/server/http/errors';
import type { SavedCheckFilter } from '$lib/api/saved-checks';
import { footprintErrorResponse, checkError } from '$lib/server/check/responses';
import { readCheckBody } from '$lib/server/check/request';
import { writerOf } from '$lib/server/saved/author';
import { parseListFilter } from '$lib/server/saved/list-filter';
import { parseSaveFields } from '$lib/server/saved/request';
import { saveCheck } from '$lib/server/saved/save';
import { listSavedChecks } from '$lib/server/saved/store';
import type { RequestHandler } from './$types';

/**
 * Saves a check of record: the /api/check body plus projectName, developer, notes and how the
 * footprint was given (input: {text, file, crs}). 201 with the answer, its id and url.
 */
export const POST: RequestHandler = async (event) => {
	const { request, locals } = event;
	const writer = writerOf(event);
	const copy = request.clone();
	const read = await readCheckBody(request);
	if (!read.ok) return checkError(read.problem.status, read.problem.code, read.problem.message, read.lang ?? locals.lang);
	const { project, input } = parseSaveFields(await copy.json());
	const saved = await saveCheck(locals.db, writer, { footprint: read.body.footprint, projectType: read.body.projectType, project, input });
	if (!saved.ok) return footprintErrorResponse(saved.failure.error, saved.failure.repair, read.body.lang ?? locals.lang);
	return json(saved.created, { status: 201, headers: { location: saved.created.url, 'cache-control': 'no-store' } });
};

/** My saved checks, newest first; `?all=1` lists everyone's (admins). Filters: q, verdict, county, from, to. */
export const GET: RequestHandler = async ({ url, locals }) => {
	const user = locals.user;
	if (!user) throw unauthenticated();
	const filter: SavedCheckFilter = parseListFilter(url.searchParams);
	const everyone = filter.all && roleAtLeast(locals.user?.role, 'admin');
	const checks = await listSavedChecks(locals.db, { ...filter, ...(everyone ? {} : { authorId: user.id }) });
	return json({ checks }, { headers: { 'cache-control': 'no-store' } });
};
