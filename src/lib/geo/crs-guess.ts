// What a set of coordinates looks like, and whether it fits the CRS it was declared in.
// Used to refuse data in the wrong CRS with a message that says what it probably is.

import proj4 from 'proj4';
import type { Localized } from '../layers/types';
import { crsFromEpsg, gaussKrugerCode, type CrsDef } from './crs';
import { L } from './localized-error';
import type { Extent } from './positions';

/** Changji city, the prefecture seat (WGS84). */
const CHANGJI_CITY: readonly [number, number] = [87.3, 44.01];
/** The prefecture (≈ 85.7–91.4°E, 42.7–46°N) with a little margin. */
const PREFECTURE: Extent = { minX: 85.5, minY: 42.5, maxX: 91.5, maxY: 46.5 };
/** Where imported data may land: the prefecture and its surroundings (≈ 150–250 km around). */
const NEIGHBOURHOOD: Extent = { minX: 83.5, minY: 41.5, maxX: 93.5, maxY: 47.5 };

export interface CrsGuess {
	text: Localized;
	/** EPSG codes the coordinates would fit, best first (empty when unknown). */
	candidates: number[];
	/** The axes look swapped (northing first, as in Chinese coordinate tables). */
	swapped: boolean;
}

const within = (e: Extent, box: Extent) => e.minX >= box.minX && e.maxX <= box.maxX && e.minY >= box.minY && e.maxY <= box.maxY;
const centre = (e: Extent): [number, number] => [(e.minX + e.maxX) / 2, (e.minY + e.maxY) / 2];
const swap = (e: Extent): Extent => ({ minX: e.minY, minY: e.minX, maxX: e.maxY, maxY: e.maxX });
const metres = (v: number) => Math.round(v).toLocaleString('en-US');
const degrees = (v: number) => v.toFixed(4);

/** Great-circle distance in km (a sphere is plenty for "how far off is it"). */
export function distanceKm([lon1, lat1]: readonly [number, number], [lon2, lat2]: readonly [number, number]): number {
	const rad = Math.PI / 180;
	const a =
		Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
		Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
	return 2 * 6371 * Math.asin(Math.sqrt(a));
}

/** "x 29,512,000 … 29,618,000, y 4,861,000 … 4,930,000" (or degrees). */
export function describeExtent(e: Extent): string {
	const f = Math.abs(e.maxX) <= 360 && Math.abs(e.maxY) <= 360 ? degrees : metres;
	return `x ${f(e.minX)} … ${f(e.maxX)}, y ${f(e.minY)} … ${f(e.maxY)}`;
}

function isGeographic(e: Extent): boolean {
	return e.minX >= -180 && e.maxX <= 180 && e.minY >= -90 && e.maxY <= 90;
}

function gaussKrugerName(code: number): Localized {
	const crs = crsFromEpsg(code)!;
	const gk = crs.gaussKruger!;
	const zh = gk.prefixed
		? `CGCS2000 ${gk.width}° 高斯-克吕格第 ${gk.zone} 带（带号）(EPSG:${code})`
		: `CGCS2000 ${gk.width}° 高斯-克吕格中央经线 ${gk.centralMeridian}°E（无带号）(EPSG:${code})`;
	const en = gk.prefixed
		? `CGCS2000 ${gk.width}° Gauss-Krüger zone ${gk.zone} with zone prefix (EPSG:${code})`
		: `CGCS2000 ${gk.width}° Gauss-Krüger CM ${gk.centralMeridian}°E without zone prefix (EPSG:${code})`;
	return { zh, en };
}

/** The Gauss-Krüger system with zone prefix whose eastings these are, if any. */
function prefixedZone(e: Extent): number | undefined {
	if (e.minY < 0 || e.maxY > 1e7) return undefined;
	const zone = Math.floor(e.minX / 1e6);
	if (Math.floor(e.maxX / 1e6) !== zone) return undefined;
	if (zone >= 25 && zone <= 45) return gaussKrugerCode(3, 3 * zone, true);
	if (zone >= 13 && zone <= 23) return gaussKrugerCode(6, 6 * zone - 3, true);
	return undefined;
}

function looksUnprefixed(e: Extent): boolean {
	return e.minX > 0 && e.maxX < 1e6 && e.minY > 1e6 && e.maxY < 1e7;
}

/** Systems without prefix, whose central meridian cannot be read off the numbers: those that put the data in the prefecture. */
function unprefixedCandidates(e: Extent): number[] {
	const codes = [4537, 4538, 4539, 4540, 4503, 4504, 4505, 32645, 32646];
	return codes.filter((code) => {
		const [lon, lat] = proj4(crsFromEpsg(code)!.proj4, 'WGS84', centre(e));
		return within({ minX: lon, minY: lat, maxX: lon, maxY: lat }, PREFECTURE);
	});
}

function looksWebMercator(e: Extent): boolean {
	return e.minX > 8.5e6 && e.maxX < 1.1e7 && e.minY > 4.5e6 && e.maxY < 6.5e6;
}

/** What the coordinates (in the order they are stored, x first) look like. */
export function guessCrs(e: Extent): CrsGuess {
	if (within(swap(e), NEIGHBOURHOOD))
		return {
			text: L('经纬度，但纬度在前、经度在后（X/Y 颠倒）', 'latitude/longitude with the axes swapped (latitude first)'),
			candidates: [4490, 4326],
			swapped: true
		};
	if (isGeographic(e)) {
		if (within(e, NEIGHBOURHOOD))
			return {
				text: L('经纬度（WGS84 / CGCS2000），位于昌吉州范围内', 'longitude/latitude (WGS84 / CGCS2000) within Changji'),
				candidates: [4490, 4326],
				swapped: false
			};
		const [lon, lat] = centre(e);
		const km = Math.round(distanceKm([lon, lat], CHANGJI_CITY)).toLocaleString('en-US');
		return {
			text: L(
				`经纬度，但位于 ${degrees(lon)}°E ${degrees(lat)}°N 附近，距昌吉市约 ${km} 公里`,
				`longitude/latitude, but around ${degrees(lon)}°E ${degrees(lat)}°N, about ${km} km from Changji`
			),
			candidates: [],
			swapped: false
		};
	}
	const zoned = prefixedZone(e);
	if (zoned) {
		const name = gaussKrugerName(zoned);
		return { text: L(`${name.zh}坐标`, `coordinates in ${name.en}`), candidates: [zoned], swapped: false };
	}
	const zonedSwapped = prefixedZone(swap(e));
	if (zonedSwapped) {
		const name = gaussKrugerName(zonedSwapped);
		return {
			text: L(
				`X/Y 颠倒的${name.zh}坐标（中国坐标表中 X 为北坐标）`,
				`${name.en} coordinates with easting and northing swapped (in Chinese tables X is the northing)`
			),
			candidates: [zonedSwapped],
			swapped: true
		};
	}
	if (looksWebMercator(e))
		return { text: L('Web 墨卡托坐标（EPSG:3857）', 'Web Mercator coordinates (EPSG:3857)'), candidates: [3857], swapped: false };
	for (const [extent, swapped] of [
		[e, false],
		[swap(e), true]
	] as const) {
		if (!looksUnprefixed(extent)) continue;
		const candidates = unprefixedCandidates(extent);
		const list = candidates.map((c) => `EPSG:${c}`).join(', ');
		const axes = swapped ? L('X/Y 颠倒（中国坐标表中 X 为北坐标）的', 'with easting and northing swapped (in Chinese tables X is the northing), ') : L('', '');
		return {
			text: L(
				`${axes.zh}不带带号的投影坐标（米，高斯-克吕格或 UTM）；中央经线无法从数值判断${list ? `，可能是 ${list}` : ''}`,
				`${axes.en}projected metres without a zone prefix (Gauss-Krüger or UTM); the central meridian cannot be told from the numbers${list ? `: possibly ${list}` : ''}`
			),
			candidates,
			swapped
		};
	}
	return { text: L('无法识别的坐标', 'unrecognised coordinates'), candidates: [], swapped: false };
}

/** Why coordinates stored as `e` cannot be in `crs` (undefined when they can). */
export function misfit(e: Extent, crs: CrsDef): Localized | undefined {
	let fits: boolean;
	if (crs.geographic) fits = isGeographic(e);
	else if (crs.gaussKruger?.prefixed) fits = prefixedZone(e) === crs.epsg;
	else if (crs.gaussKruger || crs.proj4.includes('+proj=utm')) fits = e.minX > 0 && e.maxX < 1e6 && e.minY >= 0 && e.maxY < 1e7;
	else fits = Math.max(Math.abs(e.minX), Math.abs(e.maxX), Math.abs(e.minY), Math.abs(e.maxY)) <= 20037509;
	if (fits) return undefined;
	const guess = guessCrs(e);
	return L(
		`声明为 ${crs.name}${crs.epsg ? ` (EPSG:${crs.epsg})` : ''}，但坐标（${describeExtent(e)}）看起来是${guess.text.zh}`,
		`declared ${crs.name}${crs.epsg ? ` (EPSG:${crs.epsg})` : ''}, but the coordinates (${describeExtent(e)}) look like ${guess.text.en}`
	);
}

/** Why WGS84 data with extent `e` cannot be Changji data (undefined when it lies in the neighbourhood). */
export function misplaced(e: Extent): Localized | undefined {
	if (within(e, NEIGHBOURHOOD)) return undefined;
	const [lon, lat] = centre(e);
	const km = Math.round(distanceKm([lon, lat], CHANGJI_CITY)).toLocaleString('en-US');
	const box = `${NEIGHBOURHOOD.minX}–${NEIGHBOURHOOD.maxX}°E, ${NEIGHBOURHOOD.minY}–${NEIGHBOURHOOD.maxY}°N`;
	return L(
		`转换后数据落在 ${degrees(lon)}°E ${degrees(lat)}°N 附近（范围 ${describeExtent(e)}），距昌吉市约 ${km} 公里，超出昌吉州及周边（${box}）`,
		`after reprojection the data lands around ${degrees(lon)}°E ${degrees(lat)}°N (extent ${describeExtent(e)}), about ${km} km from Changji city — outside the prefecture and its surroundings (${box})`
	);
}
