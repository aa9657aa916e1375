import { basemapAvailability } from '$lib/server/basemaps';
import type { PageServerLoad } from './$types';

/** Which online basemaps this server is configured for; the bundled one is always there. */
export const load: PageServerLoad = () => ({ basemaps: basemapAvailability() });
