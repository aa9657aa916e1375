/**
 * The footprint's area as a reviewer files it: on the CGCS2000 ellipsoid (GRS80, edges are
 * geodesics — what PostGIS `ST_Area(geography)` gives) and in the plane of its 3° Gauss-Krüger
 * zone (the figure surveyors' 界址点 lists and land records carry). Pure and browser-safe.
 */
import * as geographiclib from 'geographiclib-geodesic';
import type { Geometry, Position } from 'geojson';
import proj4 from 'proj4';
import { crsFromEpsg, gaussKrugerCode, zoneForLongitude, type CrsDef } from '../geo/crs';
import type { InputFrame } from '../geo/input-frame';
import { footprintRings } from './footprint-rings';

type GeographicLib = typeof geographiclib;
const lib: GeographicLib = (geographiclib as unknown as { default?: GeographicLib }).default ?? geographiclib;
/** GRS80, the CGCS2000 ellipsoid: a = 6 378 137 m, 1/f = 298.257222101. */
const GRS80 = new lib.Geodesic.Geodesic(6378137, 1 / 298.257222101);

/** 1 亩 = 10000/15 m². */
export const M2_PER_MU = 10000 / 15;

/** The 3° CGCS2000 Gauss-Krüger zone the plane figures are given in. */
export interface PlaneZone {
	/** 3° zone number (central meridian = 3 × zone). */
	zone: number;
	centralMeridian: number;
	/** The zone-prefixed EPSG code (4513–4533). */
	epsg: number;
	crs: CrsDef;
	/** The zone came from the input's CRS, else from the footprint's longitude. */
	fromInput: boolean;
}

function centreLongitude(geometry: Geometry): number {
	let min = Infinity;
	let max = -Infinity;
	for (const ring of footprintRings(geometry))
		for (const [lon] of ring.positions) {
			min = Math.min(min, lon);
			max = Math.max(max, lon);
		}
	return (min + max) / 2;
}

/**
 * The zone of the input's 3° Gauss-Krüger CRS, else the 3° zone of the footprint's centre.
 *
 * @example
 * planeZoneOf({ kind: 'geographic', code: 'EPSG:4490', gcj02: false }, { type: 'Point', coordinates: [87.3, 44] }).epsg; // 4517
 */
export function planeZoneOf(frame: InputFrame, footprint: Geometry): PlaneZone {
	const gk = frame.kind === 'projected' ? frame.crs.gaussKruger : undefined;
	const fromInput = gk?.width === 3;
	const centralMeridian = fromInput ? gk.centralMeridian : zoneForLongitude(centreLongitude(footprint), 3).centralMeridian;
	const epsg = gaussKrugerCode(3, centralMeridian, true);
	const crs = epsg === undefined ? undefined : crsFromEpsg(epsg);
	// Outside China's 3° zones (25–45) there is no CGCS2000 zone: the check refuses such footprints long before.
	if (epsg === undefined || !crs) throw new Error(`No CGCS2000 3° zone for central meridian ${centralMeridian}°E`);
	return { zone: centralMeridian / 3, centralMeridian, epsg, crs, fromInput };
}

/** A WGS84 position in the zone's plane: [easting (zone-prefixed), northing]. */
export function toPlane(zone: PlaneZone, [lon, lat]: Position): [number, number] {
	const [e, n] = proj4('WGS84', zone.crs.proj4, [lon, lat]);
	return [e, n];
}

/** Shoelace area of a ring of plane points, m² (sign: counter-clockwise positive). */
function planeRingArea(pts: readonly (readonly [number, number])[]): number {
	if (!pts.length) return 0;
	// Relative to the first vertex: products of zone-prefixed eastings (~3e7) and northings (~5e6)
	// would spend float64's digits on the offset and lose centimetres of area.
	const [ox, oy] = pts[0];
	let twice = 0;
	for (let i = 0; i < pts.length; i++) {
		const x1 = pts[i][0] - ox;
		const y1 = pts[i][1] - oy;
		const x2 = pts[(i + 1) % pts.length][0] - ox;
		const y2 = pts[(i + 1) % pts.length][1] - oy;
		twice += x1 * y2 - x2 * y1;
	}
	return twice / 2;
}

function ellipsoidRingArea(ring: Position[]): number {
	const polygon = GRS80.Polygon(false);
	const closed = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1];
	const n = closed ? ring.length - 1 : ring.length;
	for (let i = 0; i < n; i++) polygon.AddPoint(ring[i][1], ring[i][0]);
	return polygon.Compute(false, true).area ?? 0;
}

export interface AreaFigures {
	m2: number;
	ha: number;
	mu: number;
}

const figures = (m2: number): AreaFigures => ({ m2, ha: m2 / 10_000, mu: m2 / M2_PER_MU });

export interface FootprintAreas {
	ellipsoidal: AreaFigures;
	plane: AreaFigures;
	zone: PlaneZone;
}

/**
 * Both areas of a footprint: boundaries minus holes, summed over parcels (lines and points have none).
 * The plane area joins the plane vertices by straight lines, as ST_Area(ST_Transform(geom, 4517))
 * does. When the points were entered in the zone's plane, it is the area of the points as
 * entered (what the surveyor's own figure is); else of the vertices projected by proj4.
 *
 * @param entered The footprint's vertices as entered, ring for ring (see boundary-points.ts).
 * @example
 * footprintAreas(square, { kind: 'projected', code: 'EPSG:4517', crs }).plane.mu;
 */
export function footprintAreas(footprint: Geometry, frame: InputFrame, entered?: readonly (readonly [number, number])[][] | null): FootprintAreas {
	const zone = planeZoneOf(frame, footprint);
	const rings = footprintRings(footprint);
	// Entered in this zone's plane (with or without the zone prefix: a shift does not change an area).
	const usable = zone.fromInput && entered && entered.length === rings.length && entered.every((r, i) => r.length === rings[i].positions.length);
	let ellipsoidal = 0;
	let plane = 0;
	rings.forEach((ring, i) => {
		if (ring.role !== 'outer' && ring.role !== 'hole') return;
		const sign = ring.role === 'outer' ? 1 : -1;
		ellipsoidal += sign * Math.abs(ellipsoidRingArea(ring.positions));
		plane += sign * Math.abs(planeRingArea(usable ? entered[i] : ring.positions.map((p) => toPlane(zone, p))));
	});
	return { ellipsoidal: figures(ellipsoidal), plane: figures(plane), zone };
}
