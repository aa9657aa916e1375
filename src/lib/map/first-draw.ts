import type { Map as MapLibreMap } from 'maplibre-gl';
import { LAYERS } from '../layers/registry';
import type { MapState } from './map-state.svelte';

/** What the page exposes for the bench and the browser tests. */
export interface EcoMapHook {
	map: MapLibreMap;
	/** performance.now() when a zoning or restoration layer was first drawn. */
	firstZoningDrawnAt?: number;
}

declare global {
	interface Window {
		__ecomap?: EcoMapHook;
	}
}

const ZONING = LAYERS.filter((l) => l.group === 'zoning' || l.group === 'restoration').map((l) => l.id);

/**
 * Marks the first frame drawn once every visible zoning and restoration source has
 * loaded its tiles, with features of them on screen: sets `data-zoning-drawn` on the
 * map's container, `window.__ecomap.firstZoningDrawnAt` and `state.zoningDrawn`. The
 * bench times the page by it, and the page then fetches what can wait (counts, outline).
 */
export function markZoningDrawnWhenVisible(map: MapLibreMap, state: MapState, container: HTMLElement): void {
	window.__ecomap = { map };
	const check = () => {
		const visible = ZONING.filter((id) => map.getLayer(`${id}:fill`) && map.getLayoutProperty(`${id}:fill`, 'visibility') !== 'none');
		if (!visible.length || !visible.every((id) => map.isSourceLoaded(id))) return;
		if (!map.queryRenderedFeatures({ layers: visible.map((id) => `${id}:fill`) }).length) return;
		const at = performance.now();
		if (window.__ecomap) window.__ecomap.firstZoningDrawnAt = at;
		container.dataset.zoningDrawn = String(Math.round(at));
		state.zoningDrawn = true;
		map.off('render', check);
	};
	map.on('render', check);
}
