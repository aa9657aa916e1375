import type { Geometry, Position } from 'geojson';

/** One ring (or line, or point) of a footprint, in the order the record keeps them. */
export interface FootprintRing {
	/** 1-based parcel (polygon, line or point) the ring belongs to. */
	part: number;
	role: 'outer' | 'hole' | 'line' | 'point';
	/** As stored: a polygon ring repeats its first position at the end. */
	positions: Position[];
}

/**
 * The rings of a footprint, parcel by parcel: a polygon's boundary, then its holes; a line's
 * vertices; a point. The 界址点 table and the plane area both walk them.
 *
 * @example
 * footprintRings({ type: 'Polygon', coordinates: [[[87, 44], [87.01, 44], [87.01, 44.01], [87, 44]]] });
 * // [{ part: 1, role: 'outer', positions: [[87, 44], …] }]
 */
export function footprintRings(geometry: Geometry): FootprintRing[] {
	const out: FootprintRing[] = [];
	let part = 0;
	const polygon = (rings: Position[][]) => {
		part++;
		rings.forEach((positions, i) => out.push({ part, role: i === 0 ? 'outer' : 'hole', positions }));
	};
	const visit = (g: Geometry) => {
		switch (g.type) {
			case 'Polygon':
				polygon(g.coordinates);
				break;
			case 'MultiPolygon':
				g.coordinates.forEach(polygon);
				break;
			case 'LineString':
				out.push({ part: ++part, role: 'line', positions: g.coordinates });
				break;
			case 'MultiLineString':
				g.coordinates.forEach((positions) => out.push({ part: ++part, role: 'line', positions }));
				break;
			case 'Point':
				out.push({ part: ++part, role: 'point', positions: [g.coordinates] });
				break;
			case 'MultiPoint':
				g.coordinates.forEach((p) => out.push({ part: ++part, role: 'point', positions: [p] }));
				break;
			case 'GeometryCollection':
				g.geometries.forEach(visit);
		}
	};
	visit(geometry);
	return out;
}
