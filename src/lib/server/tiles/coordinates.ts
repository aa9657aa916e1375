import { z } from 'zod';
import type { LayerDef } from '../../layers/types';

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

const integer = (name: string) =>
	z.string().regex(/^\d{1,9}$/, `${name} must be a non-negative integer`).transform(Number);

const tileSchema = z
	.object({ z: integer('z'), x: integer('x'), y: integer('y') })
	.refine((t) => t.z <= MAX_ZOOM, { message: `z must be at most ${MAX_ZOOM}`, path: ['z'] })
	.refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, { message: 'x and y must be below 2^z', path: ['x'] });

export type ParsedTile = { ok: true; tile: TileCoord } | { ok: false; message: string };

/** Validates z/x/y from a URL, including the layer's own zoom range. */
export function parseTile(params: { z: string; x: string; y: string }, layer: LayerDef): ParsedTile {
	const parsed = tileSchema.safeParse(params);
	if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join('; ') };
	const tile = parsed.data;
	if (tile.z < layer.minzoom || tile.z > layer.maxzoom)
		return { ok: false, message: `z must be between ${layer.minzoom} and ${layer.maxzoom} for layer "${layer.id}"` };
	return { ok: true, tile };
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
 * Half a tile unit in degrees at the tile's edge farthest from the equator (where a degree
 * of latitude spans the most tile units): simplifying the WGS84 geometry by this much
 * before it is projected and snapped to the integer grid moves no vertex visibly.
 */
export function simplifyTolerance(tile: TileCoord): number {
	const { ymin, ymax } = tileBounds(tile);
	const poleward = Math.max(Math.abs(latitude(ymin)), Math.abs(latitude(ymax)));
	const degreesPerUnit = 360 / 2 ** tile.z / EXTENT;
	return 0.5 * degreesPerUnit * Math.cos((poleward * Math.PI) / 180);
}
