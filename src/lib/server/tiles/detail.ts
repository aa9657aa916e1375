import { publicAttributes } from '../../layers/registry';
import type { AttributeDef, LayerDef } from '../../layers/types';
import { styleAttributes } from '../../map/style-attributes';

/**
 * From this zoom on a tile carries every public attribute and every feature. Below it a
 * tile covers so much ground (a county or more) that whole-layer attribute text was 41 % of
 * a heavy layer's z7 tile and sub-pixel features most of its geometry work, for nothing
 * anyone sees: there tiles carry what the style draws, and features a pixel or more across.
 */
export const DETAIL_ZOOM = 10;

/**
 * A feature whose bounding box is smaller than this many tile units both ways is left out
 * below DETAIL_ZOOM: one pixel of a 512-pixel tile (MapLibre's), half of a 256-pixel one.
 */
export const MIN_FEATURE_UNITS = 8;

export const isLowZoom = (z: number) => z < DETAIL_ZOOM;

/**
 * How far (tile units) geometries are simplified before they are snapped to the grid: half a
 * unit from DETAIL_ZOOM on; one below it — an eighth of a CSS pixel, a quarter of a device
 * pixel at 2× — which took the heaviest z7 tile from 782 KB to 474 KB and halved its time.
 */
export const simplifyUnits = (z: number) => (isLowZoom(z) ? 1 : 0.5);

/** The attributes a tile at zoom `z` carries: all public ones, or below DETAIL_ZOOM those the style reads. */
export function tileAttributes(layer: LayerDef, z: number): AttributeDef[] {
	return isLowZoom(z) ? styleAttributes(layer) : publicAttributes(layer);
}
