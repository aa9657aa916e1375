import type { LayerDef, Localized } from '../../layers/types';

/** MVT grid size and the margin (in tile units) drawn around each tile, as Martin does. */
export const EXTENT = 4096;
export const BUFFER = 64;

/** Highest zoom we serve at all; a layer's own maxzoom is usually lower. */
const MAX_ZOOM = 22;

export interface TileCoord {
	z: number;
	x: number;
	y: number;
}

const INTEGER = /^\d{1,9}$/;

export type ParsedTile = { ok: true; tile: TileCoord } | { ok: false; message: Localized };

/** Validates z/x/y from a URL, including the layer's own zoom range. */
export function parseTile(params: { z: string; x: string; y: string }, layer: LayerDef): ParsedTile {
	const fail = (zh: string, en: string): ParsedTile => ({ ok: false, message: { zh, en } });
	for (const name of ['z', 'x', 'y'] as const)
		if (!INTEGER.test(params[name])) return fail(`${name} 须为非负整数。`, `${name} must be a non-negative integer`);
	const tile = { z: Number(params.z), x: Number(params.x), y: Number(params.y) };
	if (tile.z > MAX_ZOOM) return fail(`z 不得大于 ${MAX_ZOOM}。`, `z must be at most ${MAX_ZOOM}`);
	if (tile.x >= 2 ** tile.z || tile.y >= 2 ** tile.z) return fail('x 与 y 须小于 2^z。', 'x and y must be below 2^z');
	if (tile.z < layer.minzoom || tile.z > layer.maxzoom)
		return fail(
			`图层“${layer.id}”的 z 须在 ${layer.minzoom} 到 ${layer.maxzoom} 之间。`,
			`z must be between ${layer.minzoom} and ${layer.maxzoom} for layer "${layer.id}"`
		);
	return { ok: true, tile };
}

/** Column and row of the tile holding a WGS84 point at zoom z (clamped to the Web Mercator world). */
export function tileOf(lon: number, lat: number, z: number): [number, number] {
	const n = 2 ** z;
	const clamped = Math.max(-85.05112878, Math.min(85.05112878, lat));
	const col = Math.floor(((lon + 180) / 360) * n);
	const row = Math.floor(((1 - Math.log(Math.tan((clamped * Math.PI) / 180) + 1 / Math.cos((clamped * Math.PI) / 180)) / Math.PI) / 2) * n);
	return [Math.min(n - 1, Math.max(0, col)), Math.min(n - 1, Math.max(0, row))];
}

/** Every tile of zoom z that meets a WGS84 box, row by row. */
export function tilesCovering([west, south, east, north]: readonly [number, number, number, number], z: number): TileCoord[] {
	const [minX, minY] = tileOf(west, north, z);
	const [maxX, maxY] = tileOf(east, south, z);
	const tiles: TileCoord[] = [];
	for (let y = minY; y <= maxY; y++) for (let x = minX; x <= maxX; x++) tiles.push({ z, x, y });
	return tiles;
}

const ORIGIN = 20037508.342789244; // half the Web Mercator world width, metres

/** The tile's square in EPSG:3857 metres, as ST_TileEnvelope computes it. */
export function tileBounds({ z, x, y }: TileCoord): { xmin: number; ymin: number; xmax: number; ymax: number } {
	const size = (2 * ORIGIN) / 2 ** z;
	const xmin = -ORIGIN + x * size;
	const ymax = ORIGIN - y * size;
	return { xmin, ymin: ymax - size, xmax: xmin + size, ymax };
}

/** Latitude (degrees) of a Web Mercator northing. */
function latitude(northing: number): number {
	return (Math.atan(Math.exp(northing / 6378137)) * 360) / Math.PI - 90;
}

/**
 * `units` tile units in degrees at the tile's edge farthest from the equator (where a degree
 * of latitude spans the most tile units): simplifying the WGS84 geometry by half a unit
 * before it is projected and snapped to the integer grid moves no vertex visibly.
 */
export function simplifyTolerance(tile: TileCoord, units: number): number {
	const { ymin, ymax } = tileBounds(tile);
	const poleward = Math.max(Math.abs(latitude(ymin)), Math.abs(latitude(ymax)));
	const degreesPerUnit = 360 / 2 ** tile.z / EXTENT;
	return units * degreesPerUnit * Math.cos((poleward * Math.PI) / 180);
}
