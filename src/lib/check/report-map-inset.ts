/**
 * The report map's location inset: the prefecture's outline with the footprint marked, in a
 * corner of the map, so a reader sees where in Changji the site lies.
 */
import type { Geometry, Position } from 'geojson';
import { footprintRings } from './footprint-rings';

type XY = [number, number];

export interface MapInset {
	/** The inset's box in drawing units. */
	x: number;
	y: number;
	width: number;
	height: number;
	/** The outline's rings, in drawing units. */
	rings: XY[][];
	/** The footprint's centre. */
	marker: XY;
}

function bounds(rings: Position[][]): [number, number, number, number] {
	let b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const r of rings) for (const [x, y] of r) b = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
	return b;
}

/**
 * The inset in the box (x, y, width, height) of the map, or null without an outline.
 *
 * @example
 * mapInset(outline, footprint, { x: 6, y: 330, width: 130, height: 84 });
 */
export function mapInset(prefecture: Geometry | null | undefined, footprint: Geometry, box: { x: number; y: number; width: number; height: number }): MapInset | null {
	if (!prefecture) return null;
	const outline = footprintRings(prefecture).filter((r) => r.role === 'outer').map((r) => r.positions);
	if (!outline.length) return null;
	const [w, s, e, n] = bounds(outline);
	const kx = Math.cos((((s + n) / 2) * Math.PI) / 180);
	const pad = 6;
	const scale = Math.min((box.width - 2 * pad) / ((e - w) * kx), (box.height - 2 * pad) / (n - s));
	const ox = box.x + (box.width - (e - w) * kx * scale) / 2;
	const oy = box.y + (box.height - (n - s) * scale) / 2;
	const project = ([lon, lat]: Position): XY => [ox + (lon - w) * kx * scale, oy + (n - lat) * scale];
	const fb = bounds(footprintRings(footprint).map((r) => r.positions));
	return {
		...box,
		rings: outline.map((r) => r.map(project)),
		marker: project([(fb[0] + fb[2]) / 2, (fb[1] + fb[3]) / 2])
	};
}
