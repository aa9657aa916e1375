// Plain spherical geometry for the tablet: distance and bearing to a site, the compass
// word for a bearing, and the web-mercator tiles that cover an area (what "download area" stores).
import type { Localized } from '../layers/types';
import { distanceKm } from '../geo/crs-guess';

const EARTH_RADIUS_M = 6_371_000;
const rad = (deg: number) => (deg * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

export type LonLat = readonly [number, number];

/** Great-circle distance in metres (on a sphere: the list's "how far", not a survey figure). */
export function distanceM(from: LonLat, to: LonLat): number {
	return distanceKm(from, to) * 1000;
}

/** Initial bearing from `from` to `to`, degrees clockwise from true north, 0–360. */
export function bearingDeg([lon1, lat1]: LonLat, [lon2, lat2]: LonLat): number {
	const y = Math.sin(rad(lon2 - lon1)) * Math.cos(rad(lat2));
	const x = Math.cos(rad(lat1)) * Math.sin(rad(lat2)) - Math.sin(rad(lat1)) * Math.cos(rad(lat2)) * Math.cos(rad(lon2 - lon1));
	return (deg(Math.atan2(y, x)) + 360) % 360;
}

const COMPASS: Localized[] = [
	{ zh: '北', en: 'N' },
	{ zh: '东北', en: 'NE' },
	{ zh: '东', en: 'E' },
	{ zh: '东南', en: 'SE' },
	{ zh: '南', en: 'S' },
	{ zh: '西南', en: 'SW' },
	{ zh: '西', en: 'W' },
	{ zh: '西北', en: 'NW' }
];

/** The eight-point compass word of a bearing. */
export function compassPoint(bearing: number): Localized {
	return COMPASS[Math.round((((bearing % 360) + 360) % 360) / 45) % 8];
}

/** "850 m" below a kilometre, "12.3 km" above. */
export function formatDistance(metres: number): string {
	return metres < 1000 ? `${Math.round(metres)} m` : `${(metres / 1000).toFixed(metres < 10_000 ? 2 : 1)} km`;
}

export type Bbox = [number, number, number, number];

/** Tile column and row of a position at zoom z (web mercator, XYZ scheme). */
export function tileOf([lon, lat]: LonLat, z: number): [number, number] {
	const n = 2 ** z;
	const clampedLat = Math.max(-85.0511, Math.min(85.0511, lat));
	const x = Math.floor(((lon + 180) / 360) * n);
	const y = Math.floor(((1 - Math.log(Math.tan(rad(clampedLat)) + 1 / Math.cos(rad(clampedLat))) / Math.PI) / 2) * n);
	return [Math.min(n - 1, Math.max(0, x)), Math.min(n - 1, Math.max(0, y))];
}

/** Every tile [z, x, y] covering bbox at zooms minZoom…maxZoom. */
export function tilesCovering([w, s, e, n]: Bbox, minZoom: number, maxZoom: number): [number, number, number][] {
	const tiles: [number, number, number][] = [];
	for (let z = minZoom; z <= maxZoom; z++) {
		const [x0, y0] = tileOf([w, n], z);
		const [x1, y1] = tileOf([e, s], z);
		for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) tiles.push([z, x, y]);
	}
	return tiles;
}

export function bboxContains([w, s, e, n]: Bbox, [lon, lat]: LonLat): boolean {
	return lon >= w && lon <= e && lat >= s && lat <= n;
}

export function bboxesIntersect(a: Bbox, b: Bbox): boolean {
	return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** The first day (YYYY-MM-DD, China Standard Time) of the quarter `at` falls in. */
export function quarterStart(at: Date): string {
	const china = new Date(at.getTime() + 8 * 3_600_000);
	const month = Math.floor(china.getUTCMonth() / 3) * 3 + 1;
	return `${china.getUTCFullYear()}-${String(month).padStart(2, '0')}-01`;
}

/** A circle polygon (64 steps) of radius metres around a position: the accuracy circle. */
export function circlePolygon([lon, lat]: LonLat, radiusM: number, steps = 64): [number, number][] {
	const ring: [number, number][] = [];
	const dLat = deg(radiusM / EARTH_RADIUS_M);
	const dLon = dLat / Math.cos(rad(lat));
	for (let i = 0; i <= steps; i++) {
		const t = (2 * Math.PI * i) / steps;
		ring.push([lon + dLon * Math.cos(t), lat + dLat * Math.sin(t)]);
	}
	return ring;
}
