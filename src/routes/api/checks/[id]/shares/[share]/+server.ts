import { writerOf } from '$lib/server/saved/author';
import { parseCheckId, parseId, shareNotFound } from '$lib/server/saved/request';
import { revokeShare } from '$lib/server/saved/shares';
import type { RequestHandler } from './$types';

/** Revokes a share link: from now on it answers 404. */
export const DELETE: RequestHandler = async (event) => {
	const { params, locals } = event;
	const writer = writerOf(event);
	const checkId = parseCheckId(params.id);
	const shareId = parseId(params.share, shareNotFound);
	if (!(await revokeShare(locals.db, checkId, shareId, writer))) throw shareNotFound();
	return new Response(null, { status: 204 });
};
