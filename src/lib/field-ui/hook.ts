import type { Map as MapLibreMap } from 'maplibre-gl';

/** What the field page exposes for the browser tests: its map (to place taps by lon/lat). */
export interface EcoMapFieldHook {
	map: MapLibreMap;
}

declare global {
	interface Window {
		__ecomapField?: EcoMapFieldHook;
	}
}
