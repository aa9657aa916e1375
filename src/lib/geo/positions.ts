import type { Geometry, Position } from 'geojson';

/** A 2D bounding box in the geometry's own coordinates. */
export interface Extent {
	minX: number;
	minY: number;
	maxX: number;
	maxY: number;
}

/** Copies the geometry with every position passed through `fn` (which also drops Z/M if it returns 2 numbers). */
export function mapPositions(geometry: Geometry, fn: (position: Position) => Position): Geometry {
	switch (geometry.type) {
		case 'Point':
			return { type: 'Point', coordinates: fn(geometry.coordinates) };
		case 'MultiPoint':
			return { type: 'MultiPoint', coordinates: geometry.coordinates.map(fn) };
		case 'LineString':
			return { type: 'LineString', coordinates: geometry.coordinates.map(fn) };
		case 'MultiLineString':
			return { type: 'MultiLineString', coordinates: geometry.coordinates.map((line) => line.map(fn)) };
		case 'Polygon':
			return { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(fn)) };
		case 'MultiPolygon':
			return {
				type: 'MultiPolygon',
				coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(fn)))
			};
		case 'GeometryCollection':
			return { type: 'GeometryCollection', geometries: geometry.geometries.map((g) => mapPositions(g, fn)) };
	}
}

/** Calls `fn` on every position of the geometry. */
export function forEachPosition(geometry: Geometry, fn: (position: Position) => void): void {
	switch (geometry.type) {
		case 'Point':
			return fn(geometry.coordinates);
		case 'MultiPoint':
		case 'LineString':
			return geometry.coordinates.forEach((p) => fn(p));
		case 'MultiLineString':
		case 'Polygon':
			for (const line of geometry.coordinates) for (const p of line) fn(p);
			return;
		case 'MultiPolygon':
			for (const polygon of geometry.coordinates) for (const ring of polygon) for (const p of ring) fn(p);
			return;
		case 'GeometryCollection':
			for (const child of geometry.geometries) forEachPosition(child, fn);
	}
}

/** The extent of all positions, or undefined when there are none. */
export function extentOf(geometries: Iterable<Geometry | null>): Extent | undefined {
	let extent: Extent | undefined;
	for (const geometry of geometries) {
		if (!geometry) continue;
		forEachPosition(geometry, ([x, y]) => {
			if (!Number.isFinite(x) || !Number.isFinite(y)) return;
			if (!extent) extent = { minX: x, minY: y, maxX: x, maxY: y };
			else {
				extent.minX = Math.min(extent.minX, x);
				extent.minY = Math.min(extent.minY, y);
				extent.maxX = Math.max(extent.maxX, x);
				extent.maxY = Math.max(extent.maxY, y);
			}
		});
	}
	return extent;
}

/** True when some coordinate is not a finite number (NaN from a failed projection, or a broken file). */
export function hasNonFinite(geometry: Geometry): boolean {
	let bad = false;
	forEachPosition(geometry, (position) => {
		if (position.length < 2 || !Number.isFinite(position[0]) || !Number.isFinite(position[1])) bad = true;
	});
	return bad;
}

/** "113.9021°E 43.8874°N": where a point is, to about 10 m. */
export const lonLatText = ([lon, lat]: readonly [number, number]) => `${lon.toFixed(4)}°E ${lat.toFixed(4)}°N`;
