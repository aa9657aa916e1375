import type { Geometry, Position } from 'geojson';
import type { BBox, Parts, PolygonCoords, Ring } from './types';

/** No parts yet; add them with `addGeometry`. */
export function emptyParts(): Parts {
	return { polygons: [], lines: [], points: [], bbox: undefined };
}

/**
 * Takes a trusted geometry (a candidate feature from the database) apart without copying
 * coordinates: rings are closed if open, and rings with fewer than four positions or lines
 * with fewer than two are skipped. Repeated positions are left in — every consumer tolerates
 * zero-length edges. Footprints go through `validateFootprint` instead, which reports such
 * problems rather than mending them.
 *
 * @example
 * toParts({ type: 'MultiPoint', coordinates: [[87.3, 44], [87.4, 44]] }).points.length; // 2
 */
export function toParts(geometry: Geometry | null | undefined): Parts {
	const parts = emptyParts();
	if (geometry) addGeometry(parts, geometry);
	return parts;
}

export function addGeometry(parts: Parts, g: Geometry): void {
	switch (g.type) {
		case 'Point':
			addPoint(parts, g.coordinates);
			break;
		case 'MultiPoint':
			for (const p of g.coordinates) addPoint(parts, p);
			break;
		case 'LineString':
			addLine(parts, g.coordinates);
			break;
		case 'MultiLineString':
			for (const l of g.coordinates) addLine(parts, l);
			break;
		case 'Polygon':
			addPolygon(parts, g.coordinates);
			break;
		case 'MultiPolygon':
			for (const p of g.coordinates) addPolygon(parts, p);
			break;
		case 'GeometryCollection':
			for (const child of g.geometries) addGeometry(parts, child);
			break;
	}
}

function addPoint(parts: Parts, p: Position): void {
	if (p.length < 2) return;
	parts.points.push(p);
	extend(parts, p);
}

function addLine(parts: Parts, line: Position[]): void {
	if (line.length < 2) return;
	parts.lines.push(line);
	for (const p of line) extend(parts, p);
}

function addPolygon(parts: Parts, rings: Position[][]): void {
	const out: PolygonCoords = [];
	for (let r = 0; r < rings.length; r++) {
		const ring = closeRing(rings[r]);
		if (ring.length < 4) {
			if (r === 0) return; // no shell, no polygon
			continue;
		}
		out.push(ring);
	}
	if (out.length === 0) return;
	parts.polygons.push(out);
	for (const p of out[0]) extend(parts, p);
}

/** The ring with its first position repeated at the end (unless it already is). */
export function closeRing(ring: Position[]): Ring {
	if (ring.length === 0) return ring;
	const first = ring[0];
	const last = ring[ring.length - 1];
	if (first[0] === last[0] && first[1] === last[1]) return ring;
	return [...ring, [first[0], first[1]]];
}

function extend(parts: Parts, p: Position): void {
	const b = parts.bbox;
	if (!b) parts.bbox = [p[0], p[1], p[0], p[1]];
	else {
		if (p[0] < b[0]) b[0] = p[0];
		if (p[1] < b[1]) b[1] = p[1];
		if (p[0] > b[2]) b[2] = p[0];
		if (p[1] > b[3]) b[3] = p[1];
	}
}


export function bboxesOverlap(a: BBox, b: BBox): boolean {
	return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** The bbox grown by `dLon`/`dLat` degrees on every side. */
export function expandBBox(b: BBox, dLon: number, dLat: number): BBox {
	return [b[0] - dLon, b[1] - dLat, b[2] + dLon, b[3] + dLat];
}

/** Vertices of parts (a ring's closing position not counted twice): the size of a footprint. */
export function partsVertices(parts: Parts): number {
	let n = parts.points.length;
	for (const l of parts.lines) n += l.length;
	for (const p of parts.polygons) for (const r of p) n += r.length - 1;
	return n;
}
