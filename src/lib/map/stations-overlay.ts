// Loaded lazily (dynamic import): deck.gl is only fetched once someone turns the
// monitoring network on, so the public page's first load does not carry it.
import { MapboxOverlay } from '@deck.gl/mapbox';
import { HexagonLayer } from '@deck.gl/aggregation-layers';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { Color } from '@deck.gl/core';
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LayerDef } from '../layers/types';
import type { FeatureRef } from './url-state';

/** Below this zoom the stations are counted in hexagons; from it on each one is drawn. */
export const POINTS_FROM_ZOOM = 9;

interface Station {
	id: number;
	position: [number, number];
	kind: string;
}

function hexToRgb(hex: string): Color {
	const n = Number.parseInt(hex.slice(1), 16);
	return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** A light-to-dark ramp that ends in the layer's own colour (the registry's), for hexagon counts. */
function rampTo(hex: string, steps = 6): Color[] {
	const [r, g, b] = hexToRgb(hex) as [number, number, number];
	return Array.from({ length: steps }, (_, i) => {
		const t = 0.25 + (0.75 * i) / (steps - 1);
		return [Math.round(255 + (r - 255) * t), Math.round(255 + (g - 255) * t), Math.round(255 + (b - 255) * t), 215];
	});
}

export interface StationsOverlay {
	count: number;
	setVisible(visible: boolean): void;
	/** The station under a screen point, if any. */
	pick(x: number, y: number): FeatureRef | undefined;
	remove(): void;
}

export async function createStationsOverlay(map: MapLibreMap, layer: LayerDef, beforeId: string): Promise<StationsOverlay> {
	const response = await fetch(`/download/${layer.id}.geojson`);
	if (!response.ok) throw new Error(`stations: HTTP ${response.status}`);
	const collection = (await response.json()) as FeatureCollection<Point>;
	const stations: Station[] = collection.features.map((f: Feature<Point>) => ({
		id: Number(f.id ?? f.properties?.id),
		position: f.geometry.coordinates as [number, number],
		kind: String(f.properties?.kind ?? '')
	}));

	const style = layer.style.kind === 'circle' ? layer.style : undefined;
	const base = style?.color ?? '#6a3d9a';
	const colors = style?.byAttribute?.colors ?? {};
	const radius = style?.radius ?? 3;
	let visible = true;
	// Interleaved with the map's own layers: drawn below the towns and labels.
	const placement = { beforeId };

	const layersFor = (zoom: number) => {
		if (!visible) return [];
		if (zoom < POINTS_FROM_ZOOM)
			return [
				new HexagonLayer<Station>({
					...placement,
					id: `${layer.id}:hexagons`,
					data: stations,
					getPosition: (s) => s.position,
					radius: 6000,
					coverage: 0.88,
					colorRange: rampTo(base),
					pickable: false,
					// Light enough for the zones and labels to read through.
					opacity: 0.55
				})
			];
		return [
			new ScatterplotLayer<Station>({
				...placement,
				id: `${layer.id}:points`,
				data: stations,
				getPosition: (s) => s.position,
				getFillColor: (s) => hexToRgb(colors[s.kind] ?? base),
				getLineColor: hexToRgb(style?.stroke ?? '#ffffff'),
				getRadius: (s) => (s.kind === 'automatic' ? radius + 3 : radius + 1),
				radiusUnits: 'pixels',
				stroked: true,
				lineWidthUnits: 'pixels',
				getLineWidth: 1,
				pickable: true
			})
		];
	};

	const overlay = new MapboxOverlay({ interleaved: true, layers: layersFor(map.getZoom()) });
	map.addControl(overlay);
	let lastPoints = map.getZoom() >= POINTS_FROM_ZOOM;
	const onZoom = () => {
		const points = map.getZoom() >= POINTS_FROM_ZOOM;
		if (points === lastPoints) return;
		lastPoints = points;
		overlay.setProps({ layers: layersFor(map.getZoom()) });
	};
	map.on('zoomend', onZoom);

	return {
		count: stations.length,
		setVisible(next) {
			visible = next;
			overlay.setProps({ layers: layersFor(map.getZoom()) });
		},
		pick(x, y) {
			if (!visible || map.getZoom() < POINTS_FROM_ZOOM) return undefined;
			const info = overlay.pickObject({ x, y, radius: 4 });
			const station = info?.object as Station | undefined;
			return station ? { layer: layer.id, id: station.id } : undefined;
		},
		remove() {
			map.off('zoomend', onZoom);
			map.removeControl(overlay);
		}
	};
}
