import { basemapAvailability } from '$lib/server/basemaps';
import { pageCheckView } from '$lib/server/saved/page-data';
import { listShares } from '$lib/server/saved/shares';
import type { PageServerLoad } from './$types';

/** A saved check as saved, what changed since, and its share links (planners and admins: see ACCESS_RULES). */
export const load: PageServerLoad = async ({ params, locals }) => {
	const check = await pageCheckView(locals.db, params.id, locals.lang);
	return { check, shares: await listShares(locals.db, check.id), basemaps: basemapAvailability() };
};
