/**
 * The 界址点 (boundary point) table of a footprint: every vertex numbered J1, J2, … per ring
 * (a ring closes back on J1), with its plane X/Y — as the planner entered them when the input
 * was plane coordinates, else computed in the footprint's 3° Gauss-Krüger zone — and its
 * CGCS2000 longitude/latitude. Pure and browser-safe.
 */
import type { Geometry } from 'geojson';
import { toInputFrame, type InputFrame } from '../geo/input-frame';
import { footprintRings, type FootprintRing } from './footprint-rings';
import { toPlane, type PlaneZone } from './footprint-areas';

/**
 * The footprint's vertices in the frame they were entered in, ring by ring as footprintRings
 * walks them: saved with the check (so the record keeps them whatever proj4 does later).
 * [x, y] in the frame's axis order: easting (or longitude) first.
 */
export interface InputPoints {
	/** The input frame's code, e.g. "EPSG:4517", "GCJ-02". */
	code: string;
	rings: [number, number][][];
}

/** The input points of a footprint (at save, or for a record saved before they were kept). */
export function inputPointsOf(footprint: Geometry, frame: InputFrame): InputPoints {
	return { code: frame.code, rings: footprintRings(footprint).map((r) => r.positions.map((p) => toInputFrame(frame, p))) };
}

export interface BoundaryPoint {
	/** J1, J2 …; the closing vertex of a ring repeats J1. */
	name: string;
	/** Northing, m (the X of Chinese coordinate tables). */
	x: number;
	/** Easting, m, zone-prefixed when the zone is (the Y of Chinese tables). */
	y: number;
	/** CGCS2000 longitude and latitude, degrees. */
	lon: number;
	lat: number;
}

export interface BoundaryRing {
	part: number;
	role: FootprintRing['role'];
	points: BoundaryPoint[];
}

export interface BoundaryTable {
	/** Where X/Y come from: the input as entered, or computed in the zone's plane. */
	xy: { source: 'input'; code: string } | { source: 'computed'; zone: PlaneZone };
	rings: BoundaryRing[];
	/** Points listed (closing repeats included). */
	count: number;
	/** Points left out past `limit` (a 20 000-vertex parcel does not fit a report). */
	omitted: number;
}

/**
 * The table: from the saved input points when the input was plane coordinates (and they match
 * the footprint ring for ring), else X/Y computed in `zone`.
 *
 * @example
 * boundaryTable(footprint, frame, zone, saved).rings[0].points[0]; // { name: 'J1', x: 4873866.128, y: 29524061.862, lon: 87.31…, lat: 44.0… }
 */
export function boundaryTable(footprint: Geometry, frame: InputFrame, zone: PlaneZone, saved: InputPoints | null, limit = 400): BoundaryTable {
	const rings = footprintRings(footprint);
	const input = frame.kind === 'projected' ? (saved?.code === frame.code ? saved : inputPointsOf(footprint, frame)) : undefined;
	const matches = input !== undefined && input.rings.length === rings.length && input.rings.every((r, i) => r.length === rings[i].positions.length);
	let count = 0;
	let omitted = 0;
	const out: BoundaryRing[] = [];
	rings.forEach((ring, i) => {
		const n = ring.positions.length;
		const closed = ring.role === 'outer' || ring.role === 'hole';
		const points: BoundaryPoint[] = [];
		ring.positions.forEach((p, j) => {
			if (count >= limit) {
				omitted++;
				return;
			}
			const [e, north] = matches ? input.rings[i][j] : toPlane(zone, p);
			const k = closed && j === n - 1 ? 0 : j;
			points.push({ name: `J${k + 1}`, x: north, y: e, lon: p[0], lat: p[1] });
			count++;
		});
		if (points.length) out.push({ part: ring.part, role: ring.role, points });
	});
	return { xy: matches ? { source: 'input', code: frame.code } : { source: 'computed', zone }, rings: out, count, omitted };
}

/**
 * Degrees as d°m′s″ with seconds to 0.001″ (≈ 3 cm), the form land records use.
 *
 * @example
 * formatDms(87.30342917); // "87°18′12.345″"
 */
export function formatDms(degrees: number): string {
	const sign = degrees < 0 ? '-' : '';
	const totalMilli = Math.round(Math.abs(degrees) * 3600 * 1000);
	const d = Math.floor(totalMilli / 3_600_000);
	const m = Math.floor((totalMilli % 3_600_000) / 60_000);
	const s = (totalMilli % 60_000) / 1000;
	return `${sign}${d}°${String(m).padStart(2, '0')}′${s.toFixed(3).padStart(6, '0')}″`;
}
