import { difference, feature, featureCollection, polygon as turfPolygon, truncate, union, unkinkPolygon } from '@turf/turf';
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { Localized } from '$lib/layers/types';
import { footprintError, REPAIR_NOTES } from './messages';
import { sweepArea } from './sweep';
import type { FootprintError, PolygonCoords, RepairResult } from './types';
import { checkPosition, isCollinear, rawParts, validateFootprint } from './validate';

type Note = keyof typeof REPAIR_NOTES;

/**
 * Tries to make a footprint valid, the way a planner would expect: closes open rings, drops
 * repeated points and rings without area, splits self-intersecting rings where they cross
 * and keeps everything they enclose (turf.unkinkPolygon, then union — a buffer(0) that does
 * not silently drop one lobe of a figure-eight), subtracts holes, and merges overlapping
 * parts. Coordinates that are not WGS84 lon/lat cannot be repaired here: the error says so.
 * The result is validated; if it still fails, the error is returned.
 *
 * @example
 * const r = repairFootprint({ type: 'Polygon', coordinates: [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]] });
 * r.ok && r.geometry.type; // 'MultiPolygon' — the two triangles of the bow tie
 */
export function repairFootprint(input: unknown): RepairResult {
	const flat = rawParts(input);
	if ('error' in flat) return { ok: false, error: flat.error };
	const notes = new Set<Note>();
	const polygons: PolygonCoords[] = [];
	const lines: Position[][] = [];
	const points: Position[] = [];
	const count = flat.parts.length;
	for (let i = 0; i < count; i++) {
		const part = flat.parts[i];
		if (part.kind === 'point') {
			const c = checkPosition(part.coord, { kind: 'point', part: i, partCount: count });
			if (!c.ok) return c;
			points.push(c.position);
			continue;
		}
		if (part.kind === 'line') {
			const list = positions(part.coords, i, count, 'line', 0, notes);
			if (!Array.isArray(list)) return { ok: false, error: list };
			if (list.length >= 2) lines.push(list);
			else notes.add('degenerate');
			continue;
		}
		const rings: Position[][] = [];
		for (let r = 0; r < part.rings.length; r++) {
			const raw = part.rings[r];
			if (!Array.isArray(raw)) return { ok: false, error: footprintError('invalid-geojson') };
			const list = positions(raw, i, count, 'polygon', r, notes);
			if (!Array.isArray(list)) return { ok: false, error: list };
			const open = list.length > 0 && (list[0][0] !== list[list.length - 1][0] || list[0][1] !== list[list.length - 1][1]);
			if (open) {
				list.push([list[0][0], list[0][1]]);
				notes.add('closed');
			}
			if (list.length < 4 || isCollinear(list)) {
				notes.add('degenerate');
				if (r === 0) break; // no shell: the whole polygon goes
				continue;
			}
			rings.push(list);
		}
		if (rings.length > 0) polygons.push(rings);
	}

	const first = assemble(polygons, lines, points);
	if (!first) return { ok: false, error: footprintError('empty') };
	let result: Geometry = first;
	let checked = validateFootprint(result);
	if (!checked.ok && checked.error.repairable) {
		for (const snap of [false, true]) {
			try {
				const source = snap ? polygons.map(snapPolygon) : polygons;
				const fixed = fixPolygons(source, notes);
				const next = assemble(fixed, lines, points);
				if (!next) return { ok: false, error: footprintError('empty') };
				result = next;
				checked = validateFootprint(result);
				if (checked.ok) {
					if (snap) notes.add('snapped');
					break;
				}
			} catch {
				// polyclip gave up on these coordinates; the snapped attempt may still succeed.
				continue;
			}
		}
	}
	if (!checked.ok) return { ok: false, error: { ...checked.error, repairable: false } };
	const changes: Localized[] = [...notes].map((n) => REPAIR_NOTES[n]);
	return { ok: true, geometry: result, changes };
}

/** Parsed, de-duplicated positions of a raw list, or the coordinate error. */
function positions(
	raw: unknown[],
	part: number,
	partCount: number,
	kind: 'polygon' | 'line',
	ring: number,
	notes: Set<Note>
): Position[] | FootprintError {
	const list: Position[] = [];
	for (const r of raw) {
		const c = checkPosition(r, { kind, part, partCount, ring });
		if (!c.ok) return c.error;
		const prev = list[list.length - 1];
		if (prev && prev[0] === c.position[0] && prev[1] === c.position[1]) {
			notes.add('duplicates');
			continue;
		}
		list.push(c.position);
	}
	return list;
}

/**
 * Every polygon made simple: a shell's unkinked pieces united, minus its holes' unkinked
 * pieces united; then all polygons united if they overlap.
 */
function fixPolygons(polygons: PolygonCoords[], notes: Set<Note>): PolygonCoords[] {
	const out: PolygonCoords[] = [];
	for (const poly of polygons) {
		if (validateFootprint({ type: 'Polygon', coordinates: poly }).ok) {
			out.push(poly);
			continue;
		}
		notes.add('unkinked');
		let region = unite(simplePieces(poly[0]));
		for (const hole of poly.slice(1)) {
			if (!region) break;
			const cut = unite(simplePieces(hole));
			if (cut) region = difference(featureCollection([feature(region), feature(cut)]))?.geometry ?? null;
		}
		if (region) out.push(...(region.type === 'Polygon' ? [region.coordinates] : region.coordinates));
	}
	if (out.length > 1 && sweepArea([out], (w) => w[0] > 1).areaM2 > 1e-3) {
		notes.add('merged');
		const merged = unite(out.map((p) => turfPolygon(p)));
		return merged ? (merged.type === 'Polygon' ? [merged.coordinates] : merged.coordinates) : [];
	}
	return out;
}

function simplePieces(ring: Position[]): Feature<Polygon>[] {
	return unkinkPolygon(turfPolygon([ring])).features;
}

function unite(pieces: Feature<Polygon | MultiPolygon>[]): Polygon | MultiPolygon | null {
	if (pieces.length === 0) return null;
	if (pieces.length === 1) return pieces[0].geometry;
	return union(featureCollection(pieces))?.geometry ?? null;
}

function snapPolygon(poly: PolygonCoords): PolygonCoords {
	return truncate(turfPolygon(poly), { precision: 9 }).geometry.coordinates;
}

function assemble(polygons: PolygonCoords[], lines: Position[][], points: Position[]): Geometry | null {
	const geometries: Geometry[] = [];
	if (polygons.length === 1) geometries.push({ type: 'Polygon', coordinates: polygons[0] });
	else if (polygons.length > 1) geometries.push({ type: 'MultiPolygon', coordinates: polygons });
	if (lines.length === 1) geometries.push({ type: 'LineString', coordinates: lines[0] });
	else if (lines.length > 1) geometries.push({ type: 'MultiLineString', coordinates: lines });
	if (points.length === 1) geometries.push({ type: 'Point', coordinates: points[0] });
	else if (points.length > 1) geometries.push({ type: 'MultiPoint', coordinates: points });
	if (geometries.length === 0) return null;
	return geometries.length === 1 ? geometries[0] : { type: 'GeometryCollection', geometries };
}
