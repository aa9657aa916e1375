// terra-draw on the check map. Imported lazily by DrawLayer.svelte: the page shows its map
// and panel before the drawing code arrives.
import type { Map as MapLibreMap } from 'maplibre-gl';
import {
	TerraDraw,
	TerraDrawCircleMode,
	TerraDrawLineStringMode,
	TerraDrawPointMode,
	TerraDrawPolygonMode,
	TerraDrawRectangleMode,
	TerraDrawSelectMode,
	type GeoJSONStoreFeatures
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { newPartId, type DrawTool, type FootprintPart } from './footprint';

/** The footprint's colour: violet, unlike any zoning layer's. */
const INK = '#5b21b6';
const FILL = '#7c3aed';
const VERTEX = '#ffffff';

const GUIDANCE = ['edited', 'selectionPoint', 'midPoint', 'closingPoint', 'snappingPoint', 'coordinatePoint', 'currentlyDrawing'] as const;
const DRAWING_MODES = ['polygon', 'linestring', 'point', 'rectangle', 'circle'] as const;
type DrawingMode = (typeof DRAWING_MODES)[number];

/** terra-draw stores coordinates with at most 9 decimals (0.1 mm); an uploaded file may have more. */
const PRECISION = 9;
const roundCoord = (p: number[]) => p.slice(0, 2).map((v) => Math.round(v * 10 ** PRECISION) / 10 ** PRECISION);

function toStoreFeature(part: FootprintPart): GeoJSONStoreFeatures {
	const g = part.geometry;
	const geometry =
		g.type === 'Point'
			? { type: 'Point' as const, coordinates: roundCoord(g.coordinates) }
			: g.type === 'LineString'
				? { type: 'LineString' as const, coordinates: g.coordinates.map(roundCoord) }
				: { type: 'Polygon' as const, coordinates: g.coordinates.map((ring) => ring.map(roundCoord)) };
	const mode: DrawingMode =
		part.origin === 'rectangle' || part.origin === 'circle'
			? part.origin
			: g.type === 'Point'
				? 'point'
				: g.type === 'LineString'
					? 'linestring'
					: 'polygon';
	return { id: part.id, type: 'Feature', geometry, properties: { ...part.drawProperties, mode } };
}

function toPart(feature: GeoJSONStoreFeatures): FootprintPart | undefined {
	const props = feature.properties;
	if (GUIDANCE.some((key) => props[key])) return undefined;
	const mode = DRAWING_MODES.find((m) => m === props.mode);
	const g = feature.geometry;
	if (!mode || (g.type !== 'Polygon' && g.type !== 'LineString' && g.type !== 'Point')) return undefined;
	const drawProperties: Record<string, string | number | boolean> = {};
	for (const [key, value] of Object.entries(props))
		if (key !== 'mode' && key !== 'selected' && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) drawProperties[key] = value;
	return { id: String(feature.id), geometry: g, origin: mode, drawProperties };
}

export interface DrawController {
	setTool(tool: DrawTool): void;
	/**
	 * Replaces what terra-draw holds with these parts; returns the ids it would not take
	 * (polygons with holes, say), which the page draws itself and does not let the planner edit.
	 */
	load(parts: readonly FootprintPart[]): Set<string>;
	/** The finished parts terra-draw holds now. */
	parts(): FootprintPart[];
	/** Whether a shape is being drawn (not yet finished). */
	drawing(): boolean;
	destroy(): void;
}

export interface DrawCallbacks {
	/** Any change: a vertex placed or dragged, a shape finished, a part deleted. */
	onChange(): void;
	/** An edit is complete (a shape closed, a drag released): a step for undo. */
	onFinish(): void;
}

export function createDraw(map: MapLibreMap, tool: DrawTool, callbacks: DrawCallbacks): DrawController {
	const polygonStyle = {
		fillColor: FILL,
		fillOpacity: 0.22,
		outlineColor: INK,
		outlineWidth: 3,
		closingPointColor: VERTEX,
		closingPointOutlineColor: INK,
		closingPointWidth: 6,
		closingPointOutlineWidth: 2,
		coordinatePointColor: VERTEX,
		coordinatePointOutlineColor: INK
	} as const;
	const editable = { draggable: true, coordinates: { draggable: true, midpoints: true, deletable: true } };
	const draw = new TerraDraw({
		adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: PRECISION }),
		idStrategy: { isValidId: (id) => typeof id === 'string' && id.length > 0, getId: () => newPartId() },
		modes: [
			new TerraDrawPolygonMode({ styles: polygonStyle }),
			new TerraDrawLineStringMode({
				styles: { lineStringColor: INK, lineStringWidth: 4, closingPointColor: VERTEX, closingPointOutlineColor: INK, closingPointWidth: 6 }
			}),
			new TerraDrawPointMode({ styles: { pointColor: FILL, pointWidth: 8, pointOutlineColor: VERTEX, pointOutlineWidth: 2 } }),
			new TerraDrawRectangleMode({ styles: { fillColor: FILL, fillOpacity: 0.22, outlineColor: INK, outlineWidth: 3 } }),
			new TerraDrawCircleMode({ styles: { fillColor: FILL, fillOpacity: 0.22, outlineColor: INK, outlineWidth: 3 } }),
			new TerraDrawSelectMode({
				flags: {
					polygon: { feature: editable },
					linestring: { feature: editable },
					point: { feature: { draggable: true } },
					rectangle: { feature: { draggable: true, coordinates: { resizable: 'opposite' } } },
					circle: { feature: { draggable: true, coordinates: { resizable: 'center-fixed' } } }
				},
				styles: {
					selectedPolygonColor: FILL,
					selectedPolygonFillOpacity: 0.3,
					selectedPolygonOutlineColor: '#111827',
					selectedPolygonOutlineWidth: 3,
					selectedLineStringColor: '#111827',
					selectedLineStringWidth: 4,
					selectionPointColor: VERTEX,
					selectionPointOutlineColor: '#111827',
					selectionPointWidth: 6,
					selectionPointOutlineWidth: 2,
					midPointColor: FILL,
					midPointOutlineColor: VERTEX,
					midPointWidth: 4
				}
			})
		]
	});
	draw.start();
	draw.setMode(tool);

	draw.on('change', () => callbacks.onChange());
	draw.on('finish', () => callbacks.onFinish());

	const parts = () => draw.getSnapshot().flatMap((f) => toPart(f) ?? []);

	return {
		setTool(next) {
			if (draw.getMode() !== next) draw.setMode(next);
		},
		load(list) {
			draw.clear();
			const refused = new Set<string>();
			const features = list.map(toStoreFeature);
			const results = draw.addFeatures(features);
			results.forEach((r, i) => {
				if (!r.valid) refused.add(r.id !== undefined ? String(r.id) : list[i].id);
			});
			return refused;
		},
		parts,
		drawing: () => draw.getSnapshot().some((f) => f.properties.currentlyDrawing),
		destroy() {
			draw.stop();
		}
	};
}
