import { json } from '@sveltejs/kit';
import { writerOf } from '$lib/server/saved/author';
import { checkNotFound, parseCheckId } from '$lib/server/saved/request';
import { createShare, listShares } from '$lib/server/saved/shares';
import { getSavedCheck } from '$lib/server/saved/store';
import type { RequestHandler } from './$types';

/** The check's share links (live and revoked); their tokens are not kept, so no urls. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const id = parseCheckId(params.id);
	if (!(await getSavedCheck(locals.db, id))) throw checkNotFound();
	return json({ shares: await listShares(locals.db, id) }, { headers: { 'cache-control': 'no-store' } });
};

/** A new share link for people without an account: 201 with its url, shown this once. */
export const POST: RequestHandler = async (event) => {
	const { params, locals } = event;
	const writer = writerOf(event);
	const id = parseCheckId(params.id);
	if (!(await getSavedCheck(locals.db, id))) throw checkNotFound();
	const share = await createShare(locals.db, id, writer);
	return json(share, { status: 201, headers: { 'cache-control': 'no-store' } });
};
