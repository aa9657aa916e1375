import type { Position } from 'geojson';
import { buildEdges, EdgeGrid, KIND_LINE, KIND_POINT, KIND_POLYGON, type Edges } from './edges';
import { distance, signedRingArea } from './geodesic';
import { INSIDE, locatePoint, meetParams, ON_TOLERANCE, OUTSIDE, segmentsMeet } from './planar';
import type { Parts } from './types';

/** A geometry with its edges indexed: built once, queried many times. */
export interface Prepared {
	parts: Parts;
	edges: Edges;
	grid: EdgeGrid;
	/** Scratch space for point location (one byte per polygon part). */
	scratch: Uint8Array;
}

/**
 * Indexes a geometry's edges for the planar and geodesic queries of the check.
 *
 * @example
 * const p = prepare(toParts({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }));
 * p.edges.count; // 3
 */
export function prepare(parts: Parts): Prepared {
	const edges = buildEdges(parts);
	return { parts, edges, grid: new EdgeGrid(edges), scratch: new Uint8Array(parts.polygons.length) };
}

/** Which kinds of the footprint's parts touch or cross the feature's boundary or lines. */
export interface Contact {
	/** Some footprint polygon edge meets some feature polygon edge. */
	polygonPolygon: boolean;
	/** Some footprint polygon edge meets a feature line or point. */
	polygonOther: boolean;
	/** Some footprint line meets any feature edge or point. */
	line: boolean;
	/** Some footprint point lies on a feature edge or point. */
	point: boolean;
}

/**
 * Finds contact between the footprint's edges and the feature's edges (planar, closed
 * segments: touching counts, as in `ST_Intersects`).
 */
export function findContact(fp: Prepared, ft: Prepared): Contact {
	const contact: Contact = { polygonPolygon: false, polygonOther: false, line: false, point: false };
	const a = fp.edges;
	const b = ft.edges;
	for (let i = 0; i < a.count; i++) {
		const ka = a.kind[i];
		// Nothing left to learn for this kind of footprint edge.
		if (ka === KIND_POLYGON && contact.polygonPolygon && contact.polygonOther) continue;
		if (ka === KIND_LINE && contact.line) continue;
		if (ka === KIND_POINT && contact.point) continue;
		const ax1 = a.x1[i];
		const ay1 = a.y1[i];
		const ax2 = a.x2[i];
		const ay2 = a.y2[i];
		ft.grid.query(
			Math.min(ax1, ax2) - ON_TOLERANCE,
			Math.min(ay1, ay2) - ON_TOLERANCE,
			Math.max(ax1, ax2) + ON_TOLERANCE,
			Math.max(ay1, ay2) + ON_TOLERANCE,
			(j) => {
				if (!segmentsMeet(ax1, ay1, ax2, ay2, b.x1[j], b.y1[j], b.x2[j], b.y2[j])) return;
				if (ka === KIND_POLYGON) {
					if (b.kind[j] === KIND_POLYGON) contact.polygonPolygon = true;
					else contact.polygonOther = true;
				} else if (ka === KIND_LINE) contact.line = true;
				else contact.point = true;
			}
		);
	}
	return contact;
}

/** Location of a position relative to the polygons of a prepared geometry. */
export function locate(p: Prepared, x: number, y: number): number {
	if (p.parts.polygons.length === 0) return OUTSIDE;
	return locatePoint(p.grid, p.parts.polygons.length, x, y, p.scratch);
}

/**
 * Overlap area of the polygons of two geometries whose boundaries do not meet, m².
 *
 * Without contact every ring lies wholly inside or outside the other geometry, so by Green's
 * theorem the overlap is the signed sum of the rings of each that lie inside the other
 * (shells +, holes −) — no clipping needed. E.g. a footprint inside a zone: its own area;
 * a zone with a hole inside the footprint: the zone's shell minus the hole.
 */
export function separateRingsOverlap(fp: Prepared, ft: Prepared): number {
	let area = 0;
	const add = (of: Prepared, other: Prepared) => {
		for (const polygon of of.parts.polygons) {
			polygon.forEach((ring, r) => {
				if (locate(other, ring[0][0], ring[0][1]) !== INSIDE) return;
				const a = Math.abs(signedRingArea(ring));
				area += r === 0 ? a : -a;
			});
		}
	};
	add(fp, ft);
	add(ft, fp);
	return Math.max(0, area);
}

/**
 * Geodesic length of the footprint's lines inside (or on the boundary of) the feature's
 * polygons, m — the model of `ST_Length(ST_Intersection(line, polygon)::geography)`.
 * Each segment is split where it meets the feature's edges; every piece is classified by its
 * midpoint.
 */
export function lineLengthInside(fp: Prepared, ft: Prepared): number {
	if (ft.parts.polygons.length === 0) return 0;
	const b = ft.edges;
	let length = 0;
	const ts: number[] = [];
	for (const line of fp.parts.lines) {
		for (let i = 0; i + 1 < line.length; i++) {
			const [x1, y1] = line[i];
			const [x2, y2] = line[i + 1];
			ts.length = 0;
			ts.push(0, 1);
			ft.grid.query(
				Math.min(x1, x2) - ON_TOLERANCE,
				Math.min(y1, y2) - ON_TOLERANCE,
				Math.max(x1, x2) + ON_TOLERANCE,
				Math.max(y1, y2) + ON_TOLERANCE,
				(j) => {
					if (b.kind[j] === KIND_POLYGON) meetParams(x1, y1, x2, y2, b.x1[j], b.y1[j], b.x2[j], b.y2[j], ts);
				}
			);
			ts.sort((p, q) => p - q);
			for (let k = 0; k + 1 < ts.length; k++) {
				const t0 = ts[k];
				const t1 = ts[k + 1];
				if (t1 <= t0) continue;
				const tm = (t0 + t1) / 2;
				if (locate(ft, x1 + tm * (x2 - x1), y1 + tm * (y2 - y1)) === OUTSIDE) continue;
				const p0: Position = [x1 + t0 * (x2 - x1), y1 + t0 * (y2 - y1)];
				const p1: Position = [x1 + t1 * (x2 - x1), y1 + t1 * (y2 - y1)];
				length += distance(p0, p1);
			}
		}
	}
	return length;
}

/**
 * Whether some line (its first vertex — without contact a line is wholly in or out) or some
 * point of `a` lies inside or on `b`'s polygons.
 */
export function someVertexIn(a: Prepared, b: Prepared, which: 'lines' | 'points'): boolean {
	if (b.parts.polygons.length === 0) return false;
	const test = (p: Position) => locate(b, p[0], p[1]) !== OUTSIDE;
	return which === 'points' ? a.parts.points.some(test) : a.parts.lines.some((l) => test(l[0]));
}
