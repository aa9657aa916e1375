import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import { getLayer } from '../layers/registry';
import type { LayerDef } from '../layers/types';
import { labelLayerFor, prefectureOutlineLayers, schematicLabels, schematicLand } from './basemap';
import { anchorId, DEFAULT_VISIBLE, DRAWN_LAYERS, PREFECTURE_BOUNDS, SLOTS, type DrawnLayer, type Slot } from './draw-order';
import { renderLayerStyle } from './layer-style';

/** Layer metadata key naming the registry layer a style layer draws. */
export const LAYER_KEY = 'ecomap:layer';

/** What the style needs to know of one published layer's tiles. */
export interface PublishedTiles {
	layer: LayerDef;
	/** The tile URL template, carrying the layer's current version. */
	tiles: string;
	bounds: [number, number, number, number];
}

export interface PublicStyleInput {
	/** The origin every URL starts with ('' for root-relative URLs). */
	origin: string;
	tiles: PublishedTiles[];
	attribution: string;
	landscapeAttribution: string;
}

/** Drawn by the public map with deck.gl; in the style, as circles, for every other client. */
const STATIONS: DrawnLayer[] = [getLayer('monitoring-station')].filter((l) => l !== undefined).map((layer) => ({ layer, slot: 'points' as Slot }));

/**
 * The public map as one MapLibre style: the bundled schematic basemap, every public
 * layer with its registry style and labels, each from a versioned tile source, stacked
 * by draw-order's slots (an empty anchor layer closes each slot, where the page inserts
 * what it adds later). /style.json serves it to QGIS and any MapLibre app; the public
 * map loads the same document.
 */
export function publicStyle(input: PublicStyleInput): StyleSpecification {
	const { origin } = input;
	const sources: Record<string, SourceSpecification> = {
		'basemap:landscape': { type: 'geojson', data: `${origin}/basemap/landscape.geojson`, attribution: input.landscapeAttribution },
		'basemap:prefecture': { type: 'geojson', data: `${origin}/api/layers/county/outline` }
	};
	for (const { layer, tiles, bounds } of input.tiles)
		sources[layer.id] = { type: 'vector', tiles: [tiles], minzoom: layer.minzoom, maxzoom: layer.maxzoom, bounds, attribution: input.attribution };

	const published = new Set(input.tiles.map((t) => t.layer.id));
	const drawn = [...DRAWN_LAYERS, ...STATIONS].filter((d) => published.has(d.layer.id));
	const metadata = (id: string) => ({ [LAYER_KEY]: id });
	const labels: LayerSpecification[] = [];
	const layers: LayerSpecification[] = [];
	for (const slot of SLOTS) {
		if (slot === 'basemap-land') layers.push(...schematicLand());
		if (slot === 'points') layers.push(...prefectureOutlineLayers());
		if (slot === 'labels') layers.push(...schematicLabels('zh'), ...labels);
		for (const { layer } of drawn.filter((d) => d.slot === slot)) {
			const visible = DEFAULT_VISIBLE.includes(layer.id);
			for (const styleLayer of renderLayerStyle(layer, { source: layer.id, visible }).layers) layers.push({ ...styleLayer, metadata: metadata(layer.id) });
			const label = labelLayerFor(layer.id, 'zh');
			if (label) labels.push({ ...label, layout: { ...label.layout, visibility: visible ? 'visible' : 'none' }, metadata: metadata(layer.id) });
		}
		layers.push({ id: anchorId(slot), type: 'background', layout: { visibility: 'none' } });
	}
	const [west, south, east, north] = PREFECTURE_BOUNDS;
	return {
		version: 8,
		name: '昌吉生态一张图 Changji EcoMap',
		center: [(west + east) / 2, (south + north) / 2],
		zoom: 6.5,
		// No `glyphs`: MapLibre draws the labels with the browser's fonts, QGIS with its own.
		sources,
		layers
	};
}
