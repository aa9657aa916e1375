import { error } from '@sveltejs/kit';
import { roleAtLeast } from '$lib/api/roles';
import { ApiError } from '$lib/server/http/errors';
import { parseListFilter } from '$lib/server/saved/list-filter';
import { listSavedChecks, savedCheckCounties } from '$lib/server/saved/store';
import type { PageServerLoad } from './$types';

/** My saved checks (admins: everyone's with ?all=1), newest first, filtered by the query string. */
export const load: PageServerLoad = async ({ url, locals }) => {
	let filter;
	try {
		filter = parseListFilter(url.searchParams);
	} catch (e) {
		if (e instanceof ApiError) error(400, { code: e.code, message: e.messages[locals.lang] });
		throw e;
	}
	const isAdmin = roleAtLeast(locals.user?.role, 'admin');
	const all = Boolean(filter.all && isAdmin);
	const checks = await listSavedChecks(locals.db, { ...filter, ...(all ? {} : { authorId: locals.user?.id ?? -1 }) });
	return { checks, filter, all, isAdmin, counties: await savedCheckCounties(locals.db) };
};
