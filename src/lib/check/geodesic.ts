import * as geographiclib from 'geographiclib-geodesic';
import type { Position } from 'geojson';
import type { PolygonCoords, Ring } from './types';

// The package is a UMD bundle: Node's ESM loader exposes it as `default` only, bundlers may
// add named exports. Take whichever is there.
type GeographicLib = typeof geographiclib;
const lib: GeographicLib = (geographiclib as unknown as { default?: GeographicLib }).default ?? geographiclib;
const { Geodesic } = lib;

/** The WGS84 ellipsoid (CGCS2000 differs from it by less than a millimetre in b). */
const WGS84 = Geodesic.WGS84;
const A = 6378137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const E = Math.sqrt(E2);
const B = A * (1 - F);
/** Mean radius R1 = (2a + b) / 3, for the spherical pre-filter. */
export const MEAN_RADIUS = (2 * A + B) / 3;

const DEG = Math.PI / 180;
const DIST = Geodesic.DISTANCE;
const DIST_AZI = Geodesic.DISTANCE | Geodesic.AZIMUTH;
const LINE_CAPS = Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.AZIMUTH | Geodesic.DISTANCE_IN;
const POSITION = Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.AZIMUTH;

/**
 * Signed geodesic area of a ring on the WGS84 ellipsoid (edges are geodesics), m²:
 * positive when the ring runs counter-clockwise. Same model as PostGIS `ST_Area(geography)`.
 *
 * @example
 * signedRingArea([[87, 44], [88, 44], [88, 45], [87, 45], [87, 44]]); // ≈ 8.9e9
 */
export function signedRingArea(ring: Ring): number {
	return ringMeasure(ring).area;
}

/** Signed area (m², counter-clockwise positive) and perimeter (m) of a ring, in one pass. */
export function ringMeasure(ring: Ring): { area: number; perimeter: number } {
	const poly = WGS84.Polygon(false);
	const n = ringLength(ring);
	for (let i = 0; i < n; i++) poly.AddPoint(ring[i][1], ring[i][0]);
	const r = poly.Compute(false, true);
	return { area: r.area ?? 0, perimeter: r.perimeter };
}

/**
 * Geodesic area of a polygon with holes, m²: |outer| − Σ|holes|.
 *
 * @example
 * polygonArea([[[87.3, 44], [87.31, 44], [87.31, 44.01], [87.3, 44.01], [87.3, 44]]]); // ≈ 889 000
 */
export function polygonArea(polygon: PolygonCoords): number {
	return polygonMeasure(polygon).area;
}

/** Area (|shell| − Σ|holes|, m²) and perimeter (all rings, m) of a polygon. */
export function polygonMeasure(polygon: PolygonCoords): { area: number; perimeter: number } {
	let area = 0;
	let perimeter = 0;
	for (let r = 0; r < polygon.length; r++) {
		const m = ringMeasure(polygon[r]);
		const a = Math.abs(m.area);
		area += r === 0 ? a : -a;
		perimeter += m.perimeter;
	}
	return { area, perimeter };
}

/**
 * Geodesic length of a line string, m.
 *
 * @example
 * lineLength([[87.3, 44], [87.4, 44]]); // ≈ 8012
 */
export function lineLength(coords: Position[]): number {
	let s = 0;
	for (let i = 0; i + 1 < coords.length; i++) s += distance(coords[i], coords[i + 1]);
	return s;
}

/**
 * Geodesic distance between two [lon, lat] positions, m (Karney's algorithm, exact to nanometres).
 *
 * @example
 * distance([87.3, 44.01], [87.98, 44.16]); // Changji → Fukang ≈ 56 km
 */
export function distance(a: Position, b: Position): number {
	if (a[0] === b[0] && a[1] === b[1]) return 0;
	return WGS84.Inverse(a[1], a[0], b[1], b[0], DIST).s12 ?? 0;
}

/**
 * Shortest geodesic distance from point `p` to the geodesic segment a–b, m.
 *
 * Newton iteration along the segment: at the current foot X, the derivative of |PX| with
 * respect to the arc length s is cos(α_line − α_PX), so the foot moves by −|PX|·cos(…).
 * Converges in 2–4 steps to 0.1 mm; the foot is clamped to the segment. `s0` is an optional
 * starting fraction (0…1) along the segment.
 *
 * @example
 * pointSegmentDistance([87.3, 44.01], [87.29, 44], [87.31, 44]); // ≈ 1111 (0.01° of latitude)
 */
export function pointSegmentDistance(p: Position, a: Position, b: Position, s0 = 0.5): number {
	if (a[0] === b[0] && a[1] === b[1]) return distance(p, a);
	const line = WGS84.InverseLine(a[1], a[0], b[1], b[0], LINE_CAPS);
	const len = line.s13;
	if (!(len > 0)) return distance(p, a);
	let s = Math.min(len, Math.max(0, s0 * len));
	let d = Infinity;
	for (let iter = 0; iter < 30; iter++) {
		const x = line.Position(s, POSITION);
		const inv = WGS84.Inverse(p[1], p[0], x.lat2 ?? 0, x.lon2 ?? 0, DIST_AZI);
		d = inv.s12 ?? 0;
		if (d < 1e-9) return 0;
		const delta = ((x.azi2 ?? 0) - (inv.azi2 ?? 0)) * DEG;
		const next = Math.min(len, Math.max(0, s - d * Math.cos(delta)));
		// A remaining step Δs changes d by about Δs²/d: below 0.1 mm it is far below a nanometre.
		if (Math.abs(next - s) < 1e-4) return d;
		s = next;
	}
	return d;
}

/**
 * Area between the geodesic a→b and the equator, m² — GeographicLib's S12, positive when the
 * edge runs eastwards north of the equator. Summed over a closed ring it gives the ring's area.
 */
export function edgeAreaToEquator(a: Position, b: Position): number {
	if (a[0] === b[0] && a[1] === b[1]) return 0;
	return WGS84.Inverse(a[1], a[0], b[1], b[0], Geodesic.AREA).S12 ?? 0;
}

/**
 * Area of the ellipsoidal zone between the equator and latitude φ per radian of longitude, m²:
 * (b²/2)·[sinφ/(1 − e²sin²φ) + atanh(e·sinφ)/e]. Its integral over longitude along a curve is
 * the area between the curve and the equator.
 */
export function zoneArea(latDeg: number): number {
	const s = Math.sin(latDeg * DEG);
	return (B * B * 0.5) * (s / (1 - E2 * s * s) + Math.atanh(E * s) / E);
}

/** Number of positions of a ring without the repeated closing one. */
export function ringLength(ring: Ring): number {
	const n = ring.length;
	if (n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1]) return n - 1;
	return n;
}

/** Metres per degree of latitude and of longitude at a latitude (ellipsoidal M and N cos φ). */
export function metresPerDegree(latDeg: number): { lat: number; lon: number } {
	const s = Math.sin(latDeg * DEG);
	const w = Math.sqrt(1 - E2 * s * s);
	const m = (A * (1 - E2)) / (w * w * w);
	const n = A / w;
	return { lat: m * DEG, lon: n * Math.cos(latDeg * DEG) * DEG };
}
