import type { BasemapAvailability } from '../map/basemap';
import { readConfig } from './config';

/** Which online basemaps this server is configured for; the bundled schematic one is always there. */
export function basemapAvailability(): BasemapAvailability {
	const config = readConfig();
	return {
		tiandituToken: config.tianDiTuToken,
		xyz: config.basemapXyzUrl ? { url: config.basemapXyzUrl, attribution: config.basemapXyzAttribution ?? '' } : undefined
	};
}
