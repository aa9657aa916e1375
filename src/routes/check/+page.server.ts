import { basemapAvailability } from '$lib/server/basemaps';
import type { PageServerLoad } from './$types';

/** Which online basemaps this server is configured for, as on the map page. */
export const load: PageServerLoad = () => ({ basemaps: basemapAvailability() });
