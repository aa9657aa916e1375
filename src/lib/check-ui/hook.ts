import type { Map as MapLibreMap } from 'maplibre-gl';
import type { SitingState } from '$lib/siting-ui/siting-state.svelte';
import type { CheckState } from './check-state.svelte';

/** What the check page exposes for the browser tests and the bench. */
export interface EcoMapCheckHook {
	map: MapLibreMap;
	state: CheckState;
	siting: SitingState;
}

declare global {
	interface Window {
		__ecomapCheck?: EcoMapCheckHook;
	}
}
