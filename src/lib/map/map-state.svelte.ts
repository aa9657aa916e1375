import type { Map as MapLibreMap, PaddingOptions } from 'maplibre-gl';
import { getContext, setContext } from 'svelte';
import { LAYERS } from '../layers/registry';
import type { BasemapId } from './basemap';
import { DEFAULT_VISIBLE } from './draw-order';
import type { FeatureRef, MapView, UrlState } from './url-state';

/**
 * The public map's state: which layers show and how strongly, what is selected, which
 * basemap, where the map looks. Components read and write these runes; the map and the
 * address bar follow them.
 */
export class MapState {
	/** The MapLibre map, once created. Raw: MapLibre objects must not be proxied. */
	map = $state.raw<MapLibreMap | undefined>(undefined);
	visible = $state<Record<string, boolean>>(Object.fromEntries(LAYERS.map((l) => [l.id, DEFAULT_VISIBLE.includes(l.id)])));
	/** The user's opacity per layer, 0–1. */
	opacity = $state<Record<string, number>>(Object.fromEntries(LAYERS.map((l) => [l.id, 1])));
	selection = $state<FeatureRef | undefined>(undefined);
	basemap = $state<BasemapId>('schematic');
	view = $state<MapView | undefined>(undefined);
	/** The monitoring network (deck.gl), loaded on first use. */
	stations = $state<{ status: 'idle' | 'loading' | 'ready' | 'failed'; count?: number }>({ status: 'idle' });
	/** The station under a screen point, once the network is loaded. */
	pickStation: ((x: number, y: number) => FeatureRef | undefined) | undefined = undefined;
	/** The screen the panels leave free (set by the page); `withCard` also keeps clear of the feature card. */
	freePadding: (withCard: boolean) => PaddingOptions = () => ({ top: 40, right: 40, bottom: 40, left: 40 });
	/** Fit the map to the selection once its extent is known (a link that names a feature but no view). */
	fitSelection = false;
	/** Set at the map's first 'idle': everything it was first asked to draw is drawn. */
	settled = $state(false);
	/** Counts the tile sources added so far (layers are added when first shown): feature-state waits for its source. */
	sourcesAdded = $state(0);
	/** Set once a zoning layer has been drawn for the first time (the bench and tests wait for it). */
	zoningDrawn = $state(false);

	/** Basemaps this server offers (the schematic one always). */
	readonly basemaps: readonly BasemapId[];

	constructor(initial: UrlState = {}, basemaps: readonly BasemapId[] = ['schematic']) {
		this.basemaps = basemaps;
		if (initial.basemap) this.setBasemap(initial.basemap);
		if (initial.layers) for (const layer of LAYERS) this.visible[layer.id] = initial.layers.includes(layer.id);
		this.selection = initial.selection;
		this.view = initial.view;
		this.fitSelection = initial.selection !== undefined && initial.view === undefined;
	}

	get visibleLayers(): string[] {
		return LAYERS.filter((l) => this.visible[l.id]).map((l) => l.id);
	}

	/** The state the address bar keeps. */
	get urlState(): UrlState {
		return { view: this.view, layers: this.visibleLayers, selection: this.selection, basemap: this.basemap === 'schematic' ? undefined : this.basemap };
	}

	/** Switches to a basemap by id, if this server offers it. */
	setBasemap(id: string): void {
		const known = this.basemaps.find((b) => b === id);
		if (known) this.basemap = known;
	}

	select(ref: FeatureRef | undefined): void {
		this.selection = ref;
		// A selected feature of a hidden layer would be invisible: show its layer.
		if (ref) this.visible[ref.layer] = true;
	}
}

const KEY = Symbol('map-state');

export function setMapState(state: MapState): MapState {
	return setContext(KEY, state);
}

export function getMapState(): MapState {
	const state = getContext<MapState | undefined>(KEY);
	if (!state) throw new Error('getMapState() outside <EcoMap>');
	return state;
}
