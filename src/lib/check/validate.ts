import type { Position } from 'geojson';
import { buildEdges, EdgeGrid } from './edges';
import { footprintError, type Where } from './messages';
import { emptyParts } from './parts';
import { BOUNDARY, locatePoint, meetPoint, OUTSIDE, pointOnSegment } from './planar';
import { forEachMeetingCandidate } from './segment-sweep';
import { sweepArea } from './sweep';
import type { FootprintError, Parts, PolygonCoords, ValidationResult } from './types';

/** One part of the input as given: a polygon's rings, a line or a point, raw coordinates. */
export type RawPart =
	| { kind: 'polygon'; rings: unknown[] }
	| { kind: 'line'; coords: unknown[] }
	| { kind: 'point'; coord: unknown };

/**
 * Flattens GeoJSON (geometry, Feature, FeatureCollection, GeometryCollection, Multi*) into its
 * parts in input order, or explains why it cannot.
 */
export function rawParts(input: unknown): { parts: RawPart[] } | { error: FootprintError } {
	const parts: RawPart[] = [];
	const visit = (g: unknown): FootprintError | undefined => {
		if (g === null || g === undefined) return undefined; // a Feature without geometry adds nothing
		if (typeof g !== 'object' || !('type' in g)) return footprintError('invalid-geojson');
		const o = g as { type: unknown; coordinates?: unknown; geometries?: unknown; geometry?: unknown; features?: unknown };
		switch (o.type) {
			case 'FeatureCollection':
				if (!Array.isArray(o.features)) return footprintError('invalid-geojson');
				for (const f of o.features) {
					const e = visit(f);
					if (e) return e;
				}
				return undefined;
			case 'Feature':
				return visit(o.geometry);
			case 'GeometryCollection':
				if (!Array.isArray(o.geometries)) return footprintError('invalid-geojson');
				for (const child of o.geometries) {
					const e = visit(child);
					if (e) return e;
				}
				return undefined;
			case 'Point':
				if (!Array.isArray(o.coordinates)) return footprintError('invalid-geojson');
				if (o.coordinates.length > 0) parts.push({ kind: 'point', coord: o.coordinates });
				return undefined;
			case 'MultiPoint':
			case 'LineString':
			case 'MultiLineString':
			case 'Polygon':
			case 'MultiPolygon': {
				const c = o.coordinates;
				if (!Array.isArray(c)) return footprintError('invalid-geojson');
				if (o.type === 'MultiPoint') for (const p of c) parts.push({ kind: 'point', coord: p });
				else if (o.type === 'LineString') {
					if (c.length > 0) parts.push({ kind: 'line', coords: c });
				} else if (o.type === 'MultiLineString') {
					for (const l of c) if (Array.isArray(l) && l.length > 0) parts.push({ kind: 'line', coords: l });
					else if (!Array.isArray(l)) return footprintError('invalid-geojson');
				} else if (o.type === 'Polygon') {
					if (c.length > 0) parts.push({ kind: 'polygon', rings: c });
				} else {
					for (const p of c) if (Array.isArray(p) && p.length > 0) parts.push({ kind: 'polygon', rings: p });
					else if (!Array.isArray(p)) return footprintError('invalid-geojson');
				}
				return undefined;
			}
			default:
				return typeof o.type === 'string'
					? footprintError('unsupported-geometry', undefined, undefined, { type: o.type })
					: footprintError('invalid-geojson');
		}
	};
	if (input === null || input === undefined) return { error: footprintError('invalid-geojson') };
	const error = visit(input);
	return error ? { error } : { parts };
}

type Checked = { ok: true; position: Position } | { ok: false; error: FootprintError };

/** A position as [lon, lat] (Z dropped), or why it is not one. */
export function checkPosition(raw: unknown, where: Where): Checked {
	if (!Array.isArray(raw) || raw.length < 2) return { ok: false, error: footprintError('invalid-coordinate', where) };
	const x = raw[0];
	const y = raw[1];
	if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y))
		return { ok: false, error: footprintError('invalid-coordinate', where) };
	if (Math.abs(x) <= 180 && Math.abs(y) <= 90) return { ok: true, position: [x, y] };
	// No angle is beyond 360°: such numbers are metres (Gauss–Krüger eastings are ~500 000, or
	// 29 500 000 with the zone number; northings ~4 900 000 here).
	if (Math.max(Math.abs(x), Math.abs(y)) > 360)
		return { ok: false, error: footprintError('projected-coordinates', where, [x, y]) };
	if (Math.abs(y) > 90 && Math.abs(y) <= 180 && Math.abs(x) <= 90)
		return { ok: false, error: footprintError('swapped-coordinates', where, [x, y]) };
	return { ok: false, error: footprintError('out-of-range', where, [x, y]) };
}

/** Distinct consecutive positions of a raw coordinate list, or the first bad coordinate. */
function checkList(raw: unknown[], where: Where): { ok: true; list: Position[] } | { ok: false; error: FootprintError } {
	const list: Position[] = [];
	for (const r of raw) {
		const c = checkPosition(r, where);
		if (!c.ok) return c;
		const prev = list[list.length - 1];
		if (!prev || prev[0] !== c.position[0] || prev[1] !== c.position[1]) list.push(c.position);
	}
	return { ok: true, list };
}

/**
 * Whether all positions lie on one straight line (within 1e-12 of the ring's extent): a ring
 * without area. A figure-eight also has zero signed area but is not collinear — it is reported
 * as a self-intersection instead.
 */
export function isCollinear(ring: Position[]): boolean {
	const [x0, y0] = ring[0];
	let far = ring[0];
	let farD = 0;
	for (const p of ring) {
		const d = Math.hypot(p[0] - x0, p[1] - y0);
		if (d > farD) {
			farD = d;
			far = p;
		}
	}
	if (farD === 0) return true;
	for (const p of ring) {
		const cross = (far[0] - x0) * (p[1] - y0) - (far[1] - y0) * (p[0] - x0);
		if (Math.abs(cross) > 1e-12 * farD * farD) return false;
	}
	return true;
}

/** Checks one polygon's rings; returns them (closed, de-duplicated) or the first problem. */
function checkPolygon(rawRings: unknown[], part: number, partCount: number): { ok: true; polygon: PolygonCoords } | { ok: false; error: FootprintError } {
	const polygon: PolygonCoords = [];
	for (let r = 0; r < rawRings.length; r++) {
		const where: Where = { kind: 'polygon', part, partCount, ring: r };
		const raw = rawRings[r];
		if (!Array.isArray(raw)) return { ok: false, error: footprintError('invalid-geojson') };
		const checked = checkList(raw, where);
		if (!checked.ok) return checked;
		const list = checked.list;
		const closed = list.length > 1 && list[0][0] === list[list.length - 1][0] && list[0][1] === list[list.length - 1][1];
		const distinct = closed ? list.length - 1 : list.length;
		if (distinct < 3) return { ok: false, error: footprintError('too-few-points', where, list[0], { count: distinct }) };
		if (!closed) return { ok: false, error: footprintError('ring-not-closed', where, list[0]) };
		if (isCollinear(list)) return { ok: false, error: footprintError('zero-area', where, list[0]) };
		polygon.push(list);
	}
	return { ok: true, polygon };
}

/**
 * First place where a polygon's rings meet themselves or each other improperly: two
 * non-adjacent edges of one ring meeting, adjacent edges folding back (a spike), or two rings
 * crossing or sharing more than a point. The pairs to test come from a sweep (O(n log n)).
 */
function findSelfIntersection(polygon: PolygonCoords): { ring: number; at: Position } | undefined {
	const parts: Parts = { ...emptyParts(), polygons: [polygon] };
	const e = buildEdges(parts);
	let found: { ring: number; at: Position } | undefined;
	forEachMeetingCandidate(e, (i, j) => {
		const sameRing = e.ring[i] === e.ring[j];
		const n = e.ringSize[i];
		const adjacent = sameRing && ((e.vertex[i] + 1) % n === e.vertex[j] || (e.vertex[j] + 1) % n === e.vertex[i]);
		if (adjacent) {
			// Edges p→q and q→r share q; if r lies on p–q or p on q–r the ring folds back (a spike).
			const [a, b] = (e.vertex[i] + 1) % n === e.vertex[j] ? [i, j] : [j, i];
			const px = e.x1[a], py = e.y1[a], qx = e.x2[a], qy = e.y2[a], rx = e.x2[b], ry = e.y2[b];
			if (pointOnSegment(rx, ry, px, py, qx, qy) || pointOnSegment(px, py, qx, qy, rx, ry)) found = { ring: e.ring[i], at: [qx, qy] };
			return found !== undefined;
		}
		const at = meetPoint(e.x1[i], e.y1[i], e.x2[i], e.y2[i], e.x1[j], e.y1[j], e.x2[j], e.y2[j]);
		if (!at) return false;
		if (!sameRing) {
			// A shell and a hole (or two holes) may touch at a single vertex, not cross.
			const atVertex = (x: number, y: number) => x === at[0] && y === at[1];
			const touchesAtVertex =
				(atVertex(e.x1[i], e.y1[i]) || atVertex(e.x2[i], e.y2[i]) || atVertex(e.x1[j], e.y1[j]) || atVertex(e.x2[j], e.y2[j])) &&
				!properCross(e.x1[i], e.y1[i], e.x2[i], e.y2[i], e.x1[j], e.y1[j], e.x2[j], e.y2[j]);
			if (touchesAtVertex) return false;
		}
		found = { ring: e.ring[j], at };
		return true;
	});
	return found;
}

function properCross(ax1: number, ay1: number, ax2: number, ay2: number, bx1: number, by1: number, bx2: number, by2: number): boolean {
	const d1 = (ax2 - ax1) * (by1 - ay1) - (ay2 - ay1) * (bx1 - ax1);
	const d2 = (ax2 - ax1) * (by2 - ay1) - (ay2 - ay1) * (bx2 - ax1);
	const d3 = (bx2 - bx1) * (ay1 - by1) - (by2 - by1) * (ax1 - bx1);
	const d4 = (bx2 - bx1) * (ay2 - by1) - (by2 - by1) * (ax2 - bx1);
	return d1 * d2 < 0 && d3 * d4 < 0;
}

/** Whether every hole lies inside its shell (they are known not to cross). */
function findHoleOutside(polygon: PolygonCoords): number | undefined {
	if (polygon.length < 2) return undefined;
	const shell: Parts = { ...emptyParts(), polygons: [[polygon[0]]] };
	const grid = new EdgeGrid(buildEdges(shell));
	for (let r = 1; r < polygon.length; r++) {
		// A hole may touch the shell at a vertex: look for a vertex that is not on it.
		let verdict = BOUNDARY;
		for (const p of polygon[r]) {
			verdict = locatePoint(grid, 1, p[0], p[1]);
			if (verdict !== BOUNDARY) break;
		}
		if (verdict === OUTSIDE) return r;
	}
	return undefined;
}

/**
 * Checks a footprint and normalises it, or says — in Chinese and English, with the place —
 * what is wrong: empty input, bad or projected or swapped coordinates, too few points, open
 * rings, zero area, self-intersections (with the crossing point), holes outside their shell,
 * overlapping parts. Accepts any value: a GeoJSON geometry, Feature or FeatureCollection in
 * WGS84 passes; anything else gets an `invalid-geojson` error.
 *
 * @example
 * const r = validateFootprint({ type: 'Polygon', coordinates: [[[87.3, 44], [87.31, 44.01], [87.31, 44], [87.3, 44.01], [87.3, 44]]] });
 * r.ok; // false
 * r.error.code; // 'self-intersection'
 * r.error.location; // [87.305, 44.005]
 */
export function validateFootprint(input: unknown): ValidationResult {
	const flat = rawParts(input);
	if ('error' in flat) return { ok: false, error: flat.error };
	const raw = flat.parts;
	if (raw.length === 0) return { ok: false, error: footprintError('empty') };
	const parts = emptyParts();
	const count = raw.length;
	for (let i = 0; i < raw.length; i++) {
		const part = raw[i];
		if (part.kind === 'point') {
			const c = checkPosition(part.coord, { kind: 'point', part: i, partCount: count });
			if (!c.ok) return c;
			parts.points.push(c.position);
		} else if (part.kind === 'line') {
			const where: Where = { kind: 'line', part: i, partCount: count };
			const checked = checkList(part.coords, where);
			if (!checked.ok) return checked;
			if (checked.list.length < 2)
				return { ok: false, error: footprintError('too-few-points', where, checked.list[0], { count: checked.list.length }) };
			parts.lines.push(checked.list);
		} else {
			const checked = checkPolygon(part.rings, i, count);
			if (!checked.ok) return checked;
			const crossing = findSelfIntersection(checked.polygon);
			if (crossing)
				return {
					ok: false,
					error: footprintError('self-intersection', { kind: 'polygon', part: i, partCount: count, ring: crossing.ring }, crossing.at)
				};
			const hole = findHoleOutside(checked.polygon);
			if (hole !== undefined)
				return {
					ok: false,
					error: footprintError('hole-outside-shell', { kind: 'polygon', part: i, partCount: count, ring: hole }, checked.polygon[hole][0])
				};
			parts.polygons.push(checked.polygon);
		}
	}
	if (parts.polygons.length > 1) {
		const overlap = sweepArea([parts.polygons], (w) => w[0] > 1, true);
		// Parts that share an edge give a zero-width seam; a real overlap has area.
		if (overlap.areaM2 > 1e-3) return { ok: false, error: footprintError('overlapping-parts', undefined, overlap.sample) };
	}
	for (const p of parts.polygons) for (const q of p[0]) extendBBox(parts, q);
	for (const l of parts.lines) for (const q of l) extendBBox(parts, q);
	for (const q of parts.points) extendBBox(parts, q);
	return { ok: true, footprint: { kind: 'footprint', parts } };
}

function extendBBox(parts: Parts, p: Position): void {
	const b = parts.bbox;
	if (!b) parts.bbox = [p[0], p[1], p[0], p[1]];
	else {
		b[0] = Math.min(b[0], p[0]);
		b[1] = Math.min(b[1], p[1]);
		b[2] = Math.max(b[2], p[0]);
		b[3] = Math.max(b[3], p[1]);
	}
}

/** Whether a value is a validated footprint (as opposed to raw GeoJSON). */
export function isFootprint(value: unknown): value is { kind: 'footprint'; parts: Parts } {
	return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'footprint';
}
