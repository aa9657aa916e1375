import { roleAtLeast } from '$lib/api/roles';
import { basemapAvailability } from '$lib/server/basemaps';
import type { PageServerLoad } from './$types';

/** Which online basemaps this server is configured for, as on the map page; whether the visitor may save a check. */
export const load: PageServerLoad = ({ locals }) => ({ basemaps: basemapAvailability(), canSave: roleAtLeast(locals.user?.role, 'planner') });
