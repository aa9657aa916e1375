import { json } from '@sveltejs/kit';
import { footprintErrorResponse } from '$lib/server/check/responses';
import { writerOf } from '$lib/server/saved/author';
import { checkNotFound, parseCheckId } from '$lib/server/saved/request';
import { rerunCheck } from '$lib/server/saved/save';
import { getSavedCheck } from '$lib/server/saved/store';
import type { RequestHandler } from './$types';

/** Runs a saved check again on today's data: a new record linked to the old, with the difference. */
export const POST: RequestHandler = async (event) => {
	const { params, locals } = event;
	const writer = writerOf(event);
	const old = await getSavedCheck(locals.db, parseCheckId(params.id));
	if (!old) throw checkNotFound();
	const saved = await rerunCheck(locals.db, writer, old);
	if (!saved.ok) return footprintErrorResponse(saved.failure.error, saved.failure.repair, locals.lang);
	return json(saved.created, { status: 201, headers: { location: saved.created.url, 'cache-control': 'no-store' } });
};
