// Restoration progress drawn by deck.gl (loaded lazily, like the stations overlay): sites
// coloured by status of record, sized by restored area, this quarter's inspections ringed.
import { MapboxOverlay } from '@deck.gl/mapbox';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { Color } from '@deck.gl/core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { FieldSite } from '../api/field';
import { getLayer } from '../layers/registry';

const QUARTER_RING: Color = [17, 24, 39, 255];
const SELECTED_RING: Color = [234, 88, 12, 255];

/** What the overlay draws of a site (the field app has more, the public map only this). */
export type ProgressPoint = Pick<FieldSite, 'key' | 'layer' | 'status' | 'restoredHa' | 'centroid' | 'lastInspection'>;

function hexToRgb(hex: string): Color {
	const n = Number.parseInt(hex.slice(1), 16);
	return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 235];
}

/** The registry's colour for the site's status (or the layer's own colour). */
export function statusColor(site: Pick<FieldSite, 'layer' | 'status'>): Color {
	const style = getLayer(site.layer)?.style;
	const base = style && 'fill' in style ? style.fill : style && 'color' in style ? style.color : '#6b7280';
	const colors = style && 'byAttribute' in style ? style.byAttribute?.colors : undefined;
	return hexToRgb((site.status && colors?.[site.status]) || base);
}

/** Radius in pixels: grows with the square root of the restored hectares. */
export function radiusPx(site: Pick<FieldSite, 'restoredHa'>): number {
	return 6 + Math.min(18, Math.sqrt(site.restoredHa ?? 0) * 1.5);
}

export interface ProgressOverlayOptions {
	/** YYYY-MM-DD: inspections on or after it are "this quarter". */
	quarterStart: string;
	selectedKey?: string;
	onPick?: (site: ProgressPoint) => void;
}

export interface ProgressOverlay {
	update(sites: ProgressPoint[], options: ProgressOverlayOptions): void;
	remove(): void;
}

export function createProgressOverlay(map: MapLibreMap, beforeId?: string): ProgressOverlay {
	const overlay = new MapboxOverlay({ interleaved: true, layers: [] });
	map.addControl(overlay);
	return {
		update(sites, options) {
			const inQuarter = (s: ProgressPoint) => !!s.lastInspection && s.lastInspection.inspectedAt.slice(0, 10) >= options.quarterStart;
			overlay.setProps({
				layers: [
					new ScatterplotLayer<ProgressPoint>({
						// Interleaved with the map's layers: under the position dot (a MapboxOverlay prop deck's types omit).
						...(beforeId ? { beforeId } : {}),
						id: 'field-progress',
						data: sites,
						getPosition: (s) => s.centroid,
						getFillColor: statusColor,
						getRadius: radiusPx,
						radiusUnits: 'pixels',
						stroked: true,
						lineWidthUnits: 'pixels',
						getLineColor: (s) => (s.key === options.selectedKey ? SELECTED_RING : inQuarter(s) ? QUARTER_RING : [255, 255, 255, 255]),
						getLineWidth: (s) => (s.key === options.selectedKey ? 5 : inQuarter(s) ? 3 : 1.5),
						pickable: true,
						onClick: (info) => {
							if (info.object) options.onPick?.(info.object);
							return true;
						},
						updateTriggers: { getLineColor: [options.selectedKey, options.quarterStart], getLineWidth: [options.selectedKey, options.quarterStart] }
					})
				]
			});
		},
		remove() {
			map.removeControl(overlay);
		}
	};
}
