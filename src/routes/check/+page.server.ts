import { readConfig } from '$lib/server/config';
import type { BasemapAvailability } from '$lib/map/basemap';
import type { PageServerLoad } from './$types';

/** Which online basemaps this server is configured for, as on the map page. */
export const load: PageServerLoad = () => {
	const config = readConfig();
	const basemaps: BasemapAvailability = {
		tiandituToken: config.tianDiTuToken,
		xyz: config.basemapXyzUrl ? { url: config.basemapXyzUrl, attribution: config.basemapXyzAttribution ?? '' } : undefined
	};
	return { basemaps };
};
