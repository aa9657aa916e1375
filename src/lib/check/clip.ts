import { bboxClip, featureCollection, intersect, lineString, multiPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { polygonArea } from './geodesic';
import { addGeometry, emptyParts } from './parts';
import { sweepArea } from './sweep';
import type { BBox, ClippingMode, Parts, PolygonCoords } from './types';

export interface Overlap {
	/** Ellipsoidal area of a ∩ b, m². */
	areaM2: number;
	path: 'turf' | 'fallback-sweep' | 'sweep';
	/** Why turf's answer was not used (its error message), when the sweep took over. */
	fallbackReason?: string;
}

/**
 * A candidate cut down to `box` (Sutherland–Hodgman, via turf.bboxClip): polygons and lines
 * clipped, points outside dropped.
 *
 * Inside the box the cut geometry is the geometry — same points in, same points out — so every
 * question about a footprint inside the box (contact, point location, overlap, length inside)
 * has the same answer, at the cost of the vertices near the footprint instead of all of them.
 * The box must enclose the footprint with a margin larger than any distance that matters: the
 * new edges along the box (and the zero-width seams Sutherland–Hodgman leaves there) are then
 * farther away than the buffer and never the nearest.
 */
export function cropParts(parts: Parts, box: BBox): Parts {
	const b = parts.bbox;
	if (b && b[0] >= box[0] && b[1] >= box[1] && b[2] <= box[2] && b[3] <= box[3]) return parts;
	const out = emptyParts();
	if (parts.polygons.length > 0) {
		const clipped = bboxClip(multiPolygon(parts.polygons), box).geometry;
		const list = clipped.type === 'Polygon' ? [clipped.coordinates] : clipped.type === 'MultiPolygon' ? clipped.coordinates : [];
		for (const poly of list) if (poly.length > 0 && poly[0].length >= 4) addGeometry(out, { type: 'Polygon', coordinates: poly });
	}
	for (const line of parts.lines) {
		const clipped = bboxClip(lineString(line), box).geometry;
		if (clipped.type === 'LineString' || clipped.type === 'MultiLineString') addGeometry(out, clipped);
	}
	for (const p of parts.points) {
		if (p[0] >= box[0] && p[0] <= box[2] && p[1] >= box[1] && p[1] <= box[3]) addGeometry(out, { type: 'Point', coordinates: p });
	}
	return out;
}

/**
 * The ellipsoidal area of the overlap of two polygon sets (each a valid (multi)polygon in
 * [lon, lat]), m².
 *
 * With `turf`, turf.intersect (polyclip-ts) builds the overlap and GeographicLib measures it —
 * `ST_Area(ST_Intersection(a, b)::geography)` step by step. polyclip is known to throw on
 * near-degenerate input ("Unable to complete output ring": turf issues 2048, 2549, and still
 * in turf 7.4 — see the fixtures); when it throws, or returns an impossible area (more than
 * `a` itself), the sweep of `sweep.ts` answers instead and the reason is returned. A result
 * that is merely too small (pieces dropped, as reported in turf issue 2932) is not caught
 * here; the fixtures and the PostGIS comparison run both paths to watch for it. With `sweep`,
 * only the sweep runs: the same area to ~1e-12, several times faster, but no overlap polygon.
 *
 * @example
 * overlapArea([square], [shifted], 'turf'); // { areaM2: ≈ 445 000, path: 'turf' }
 */
export function overlapArea(
	a: readonly PolygonCoords[],
	b: readonly PolygonCoords[],
	mode: ClippingMode,
	aAreaM2?: number
): Overlap {
	if (a.length === 0 || b.length === 0) return { areaM2: 0, path: mode === 'turf' ? 'turf' : 'sweep' };
	if (mode === 'turf') {
		let reason: string;
		try {
			const area = turfOverlapArea(a, b);
			const limit = aAreaM2 ?? Infinity;
			if (Number.isFinite(area) && area >= 0 && area <= limit * (1 + 1e-9) + 1e-6) return { areaM2: area, path: 'turf' };
			reason = `turf.intersect returned an impossible area (${area} m² for a footprint of ${limit} m²)`;
		} catch (error) {
			reason = `turf.intersect threw: ${error instanceof Error ? error.message : String(error)}`;
		}
		return { areaM2: sweepOverlap(a, b), path: 'fallback-sweep', fallbackReason: reason };
	}
	return { areaM2: sweepOverlap(a, b), path: 'sweep' };
}

function turfOverlapArea(a: readonly PolygonCoords[], b: readonly PolygonCoords[]): number {
	const result = intersect(
		featureCollection([multiPolygon(a as PolygonCoords[]), multiPolygon(b as PolygonCoords[])])
	);
	if (!result) return 0;
	const g: Polygon | MultiPolygon = result.geometry;
	const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
	let area = 0;
	for (const p of polygons) area += polygonArea(p);
	return area;
}

function sweepOverlap(a: readonly PolygonCoords[], b: readonly PolygonCoords[]): number {
	return sweepArea([a, b], (w) => w[0] !== 0 && w[1] !== 0).areaM2;
}
