import { getLayer } from '../layers/registry';
import type { LayerDef } from '../layers/types';
import { renderLayerStyle } from './layer-style';

/**
 * Slots the map's layers stack in, bottom to top. Each is marked in the style by an empty
 * anchor layer; a component inserts its layers below its slot's anchor, so the stacking
 * holds whatever order the components mount in.
 */
export const SLOTS = ['basemap-raster', 'basemap-land', 'zoning', 'restoration', 'boundaries', 'points', 'labels'] as const;
export type Slot = (typeof SLOTS)[number];

export const anchorId = (slot: Slot) => `slot:${slot}`;

/**
 * Registry layers drawn from our vector tiles, bottom to top within their slot: broad
 * units under the small sites they contain, so nothing small hides under something big.
 */
const DRAWN: readonly { id: string; slot: Slot }[] = [
	{ id: 'lake', slot: 'basemap-land' },
	{ id: 'river', slot: 'basemap-land' },
	{ id: 'control-unit', slot: 'zoning' },
	{ id: 'permanent-basic-farmland', slot: 'zoning' },
	{ id: 'urban-development-boundary', slot: 'zoning' },
	{ id: 'ecological-redline', slot: 'zoning' },
	{ id: 'sand-closure-reserve', slot: 'zoning' },
	{ id: 'water-source-protection', slot: 'zoning' },
	{ id: 'mine-restoration', slot: 'restoration' },
	{ id: 'coal-fire', slot: 'restoration' },
	{ id: 'county', slot: 'boundaries' },
	{ id: 'town', slot: 'points' }
];

export interface DrawnLayer {
	layer: LayerDef;
	slot: Slot;
}

export const DRAWN_LAYERS: readonly DrawnLayer[] = DRAWN.map(({ id, slot }) => {
	const layer = getLayer(id);
	if (!layer) throw new Error(`draw-order names "${id}", which the registry does not have`);
	return { layer, slot };
});

/**
 * The basemap's own layers wait until the map has first settled: the zoning and
 * restoration layers (what the page is for) get the browser's few connections and the
 * workers first, and the counties, towns and rivers follow a moment later.
 */
export const loadsAfterFirstSettle = (drawn: DrawnLayer) => drawn.layer.group === 'basemap';

/**
 * The style layer to insert a drawn layer's style layers below, so the stacking follows
 * DRAWN whatever order the layers are added in (hidden ones are added when first shown):
 * the bottom style layer of the next drawn layer of the same slot already on the map, or
 * the slot's anchor.
 */
export function insertBelow(drawn: DrawnLayer, onMap: (styleLayerId: string) => boolean): string {
	const later = DRAWN_LAYERS.slice(DRAWN_LAYERS.findIndex((d) => d.layer.id === drawn.layer.id) + 1);
	for (const next of later) {
		if (next.slot !== drawn.slot) continue;
		const bottom = renderLayerStyle(next.layer, { source: next.layer.id }).layers[0].id;
		if (onMap(bottom)) return bottom;
	}
	return anchorId(drawn.slot);
}

/** Layers whose features open a card when clicked. */
export const INTERACTIVE_GROUPS = new Set(['zoning', 'restoration']);

/**
 * Layers visible when a link does not say otherwise. The control units cover the whole
 * prefecture, and farmland and the development boundary most of the oasis, so they start hidden.
 */
export const DEFAULT_VISIBLE = [
	'ecological-redline',
	'sand-closure-reserve',
	'water-source-protection',
	'mine-restoration',
	'coal-fire',
	'county',
	'town',
	'river',
	'lake'
];

/** The whole prefecture (≈ 85.6–91.4°E, 43.3–45.9°N), the opening view. */
export const PREFECTURE_BOUNDS: [number, number, number, number] = [85.6, 43.3, 91.4, 45.9];
