import type { Feature, FeatureCollection, Geometry, GeometryCollection, LineString, Point, Polygon, Position } from 'geojson';
import type { BBox } from '$lib/check';

/** A drawing tool: what terra-draw calls a mode. `select` edits what is drawn. */
export type DrawTool = 'polygon' | 'linestring' | 'point' | 'rectangle' | 'circle' | 'select';

/** One part of a footprint: the footprint is all parts together, whatever drew them. */
export interface FootprintPart {
	id: string;
	geometry: Polygon | LineString | Point;
	/** The tool that drew it, or how it came in: terra-draw's `mode` for drawn parts. */
	origin: Exclude<DrawTool, 'select'> | 'upload' | 'paste' | 'repair';
	/** What terra-draw keeps on a drawn part (a circle's radius …), so undo can hand it back editable. */
	drawProperties?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * A random id for a part (UUID v4 form). crypto.getRandomValues works on plain http too,
 * where crypto.randomUUID does not (a tablet on the bureau's LAN).
 */
export function newPartId(): string {
	const b = crypto.getRandomValues(new Uint8Array(16));
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Splits any GeoJSON geometry into the parts a footprint is made of: multi-geometries and
 * collections come apart, empty pieces are dropped. Coordinates are copied unchanged (Z kept),
 * so validation sees exactly what was given.
 */
export function splitGeometry(geometry: Geometry | null | undefined, origin: FootprintPart['origin']): FootprintPart[] {
	if (!geometry) return [];
	const part = (g: FootprintPart['geometry']): FootprintPart => ({ id: newPartId(), geometry: g, origin });
	switch (geometry.type) {
		case 'Point':
			return geometry.coordinates.length ? [part(geometry)] : [];
		case 'LineString':
			return geometry.coordinates.length ? [part(geometry)] : [];
		case 'Polygon':
			return geometry.coordinates.length ? [part(geometry)] : [];
		case 'MultiPoint':
			return geometry.coordinates.filter((c) => c.length).map((c) => part({ type: 'Point', coordinates: c }));
		case 'MultiLineString':
			return geometry.coordinates.filter((c) => c.length).map((c) => part({ type: 'LineString', coordinates: c }));
		case 'MultiPolygon':
			return geometry.coordinates.filter((c) => c.length).map((c) => part({ type: 'Polygon', coordinates: c }));
		case 'GeometryCollection':
			return geometry.geometries.flatMap((g) => splitGeometry(g, origin));
	}
}

/** The footprint as one FeatureCollection: what the engine and POST /api/check are given. */
export function footprintCollection(parts: readonly FootprintPart[]): FeatureCollection {
	return {
		type: 'FeatureCollection',
		features: parts.map((p): Feature => ({ type: 'Feature', properties: {}, geometry: p.geometry }))
	};
}

/** The footprint as one geometry (one part as itself, several as a collection): what the report map draws. */
export function footprintGeometry(parts: readonly FootprintPart[]): Geometry {
	if (parts.length === 1) return parts[0].geometry;
	const collection: GeometryCollection = { type: 'GeometryCollection', geometries: parts.map((p) => p.geometry) };
	return collection;
}

function eachPosition(geometry: FootprintPart['geometry'], visit: (p: Position) => void): void {
	if (geometry.type === 'Point') visit(geometry.coordinates);
	else if (geometry.type === 'LineString') geometry.coordinates.forEach(visit);
	else for (const ring of geometry.coordinates) ring.forEach(visit);
}

/** [west, south, east, north] of all parts, or undefined when there is nothing with finite coordinates. */
export function partsBBox(parts: readonly FootprintPart[]): BBox | undefined {
	let w = Infinity;
	let s = Infinity;
	let e = -Infinity;
	let n = -Infinity;
	for (const part of parts)
		eachPosition(part.geometry, ([x, y]) => {
			if (!Number.isFinite(x) || !Number.isFinite(y)) return;
			if (x < w) w = x;
			if (x > e) e = x;
			if (y < s) s = y;
			if (y > n) n = y;
		});
	return w <= e && s <= n ? [w, s, e, n] : undefined;
}

/** Whether two part lists hold the same geometries (ids and origins aside): saves a history step for nothing. */
export function sameGeometries(a: readonly FootprintPart[], b: readonly FootprintPart[]): boolean {
	return a.length === b.length && a.every((p, i) => JSON.stringify(p.geometry) === JSON.stringify(b[i].geometry));
}
