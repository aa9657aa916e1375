import { authorOf } from '$lib/server/saved/author';
import { parseCheckId, parseId, shareNotFound } from '$lib/server/saved/request';
import { revokeShare } from '$lib/server/saved/shares';
import type { RequestHandler } from './$types';

/** Revokes a share link: from now on it answers 404. */
export const DELETE: RequestHandler = async ({ params, locals }) => {
	const user = authorOf(locals);
	const checkId = parseCheckId(params.id);
	const shareId = parseId(params.share, shareNotFound);
	if (!(await revokeShare(locals.db, checkId, shareId, user.id))) throw shareNotFound();
	return new Response(null, { status: 204 });
};
