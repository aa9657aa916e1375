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

/**
 * The zone a prefixed easting names by its leading digits. Right only for points within
 * ~500 km of the zone's central meridian: Changji computed in zone 38 (CM 114°E, EPSG:4526)
 * has eastings of 36.4 million, which these digits would read as zone 36. So this describes
 * what the numbers look like; `placementsInChangji` says which CRS puts them in Changji.
 */
function prefixedZone(e: Extent): number | undefined {
	if (e.minY < 0 || e.maxY > 1e7) return undefined;
	const zone = Math.floor(e.minX / 1e6);
	if (Math.floor(e.maxX / 1e6) !== zone) return undefined;
	if (zone >= 25 && zone <= 45) return gaussKrugerCode(3, 3 * zone, true);
	if (zone >= 13 && zone <= 23) return gaussKrugerCode(6, 6 * zone - 3, true);
	return undefined;
}

function looksUnprefixed(e: Extent): boolean {
	return e.minX > 0 && e.maxX < 2e6 && e.minY > 1e6 && e.maxY < 1e7;
}

/** A CRS, and an axis order, that put coordinates in the prefecture. */
export interface Placement {
	epsg: number;
	/** Read the stored coordinates with x and y swapped (northing first, as Chinese tables write them). */
	swapped: boolean;
	/** Where the centre lands, WGS84 [lon, lat]. */
	lands: [number, number];
}

/**
 * Transverse Mercator means nothing this far (≈ 50° of longitude at Changji's latitude) from
 * the central meridian; proj4 would still return numbers.
 */
const MAX_TMERC_OFFSET_M = 4e6;

/** Every CRS a Changji coordinate list or file may be in: CGCS2000 lon/lat and Gauss-Krüger zones, WGS84 UTM, Web Mercator. */
const PLACEABLE: readonly number[] = [4490, ...Array.from({ length: 64 }, (_, i) => 4491 + i), 32644, 32645, 32646, 3857];

const converters = new Map<number, proj4.Converter>();
function converter(crs: CrsDef): proj4.Converter {
	const code = crs.epsg ?? 0;
	let c = converters.get(code);
	if (!c) converters.set(code, (c = proj4(crs.proj4, 'WGS84')));
	return c;
}

const corners = (e: Extent): [number, number][] => [
	[e.minX, e.minY],
	[e.maxX, e.minY],
	[e.maxX, e.maxY],
	[e.minX, e.maxY],
	centre(e)
];

/** Where an extent stored in `crs` lands in WGS84, or undefined when the numbers cannot be in it. */
function landing(e: Extent, crs: CrsDef): Extent | undefined {
	if (crs.geographic) return isGeographic(e) ? e : undefined;
	const gk = crs.gaussKruger;
	const x0 = gk?.prefixed ? gk.zone * 1e6 + 500000 : 500000;
	if (gk || crs.proj4.includes('+proj=utm')) {
		if (Math.abs(e.minX - x0) > MAX_TMERC_OFFSET_M || Math.abs(e.maxX - x0) > MAX_TMERC_OFFSET_M || e.minY < 0 || e.maxY > 1e7) return undefined;
	} else if (Math.max(Math.abs(e.minX), Math.abs(e.maxX), Math.abs(e.minY), Math.abs(e.maxY)) > 20037509) return undefined;
	const landed = corners(e).map((p) => converter(crs).forward(p));
	if (landed.some(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y))) return undefined;
	const xs = landed.map((p) => p[0]);
	const ys = landed.map((p) => p[1]);
	return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}

/** The data lies in the band of its own zone (a planner would have used that zone). */
function inOwnZone(crs: CrsDef, lon: number): boolean {
	const gk = crs.gaussKruger;
	return !gk || Math.abs(lon - gk.centralMeridian) <= gk.width / 2;
}

/**
 * Every supported CRS (and axis order) that puts these stored coordinates inside the
 * prefecture, best first: as stored before swapped, 3° zones before 6°, a zone whose own band
 * holds the data before one that does not, then west to east. Found by projecting, not by
 * reading zone digits, so a far zone is named right.
 *
 * @example placementsInChangji({ minX: 36358671, minY: 5234915, maxX: 36360000, maxY: 5236000 })[0].epsg // 4526
 */
export function placementsInChangji(e: Extent): Placement[] {
	const found: (Placement & { rank: number[] })[] = [];
	for (const [extent, swapped] of [
		[e, false],
		[swap(e), true]
	] as const)
		for (const epsg of PLACEABLE) {
			const crs = crsFromEpsg(epsg)!;
			const landed = landing(extent, crs);
			if (!landed || !within(landed, PREFECTURE)) continue;
			const lands = centre(landed);
			const rank = [swapped ? 1 : 0, crs.gaussKruger?.width === 6 ? 1 : 0, inOwnZone(crs, lands[0]) ? 0 : 1, PLACEABLE.indexOf(epsg)];
			found.push({ epsg, swapped, lands, rank });
		}
	found.sort((a, b) => {
		const i = a.rank.findIndex((r, k) => r !== b.rank[k]);
		return i < 0 ? 0 : a.rank[i] - b.rank[i];
	});
	return found.map(({ epsg, swapped, lands }) => ({ epsg, swapped, lands }));
}

/** Projected systems that would put the data in the prefecture (no lon/lat, no Web Mercator). */
function projectedCandidates(e: Extent, swapped: boolean): number[] {
	return placementsInChangji(e)
		.filter((p) => p.swapped === swapped && p.epsg !== 4490 && p.epsg !== 3857)
		.map((p) => p.epsg);
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
	for (const swapped of [false, true]) {
		const candidates = projectedCandidates(e, swapped);
		const gk = candidates.length ? crsFromEpsg(candidates[0])!.gaussKruger : undefined;
		if (!gk?.prefixed) continue;
		const name = gaussKrugerName(candidates[0]);
		const text = swapped
			? L(
					`X/Y 颠倒的${name.zh}坐标（中国坐标表中 X 为北坐标）`,
					`${name.en} coordinates with easting and northing swapped (in Chinese tables X is the northing)`
				)
			: L(`${name.zh}坐标`, `coordinates in ${name.en}`);
		return { text, candidates, swapped };
	}
	if (looksWebMercator(e))
		return { text: L('Web 墨卡托坐标（EPSG:3857）', 'Web Mercator coordinates (EPSG:3857)'), candidates: [3857], swapped: false };
	for (const [extent, swapped] of [
		[e, false],
		[swap(e), true]
	] as const) {
		if (!looksUnprefixed(extent)) continue;
		const candidates = projectedCandidates(e, swapped);
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
	// Prefixed eastings that no zone puts in Changji: say which zone their digits name (data from elsewhere).
	for (const [extent, swapped] of [
		[e, false],
		[swap(e), true]
	] as const) {
		const zoned = prefixedZone(extent);
		if (!zoned) continue;
		const name = gaussKrugerName(zoned);
		const axes = swapped ? L('X/Y 颠倒的', 'with easting and northing swapped, ') : L('', '');
		return { text: L(`${axes.zh}${name.zh}坐标（不在昌吉州）`, `${axes.en}coordinates in ${name.en} (not in Changji)`), candidates: [], swapped };
	}
	return { text: L('无法识别的坐标', 'unrecognised coordinates'), candidates: [], swapped: false };
}

/** Why coordinates stored as `e` cannot be in `crs` (undefined when they can). */
export function misfit(e: Extent, crs: CrsDef): Localized | undefined {
	let fits: boolean;
	if (crs.geographic) fits = isGeographic(e);
	else fits = landing(e, crs) !== undefined;
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

/** Great-circle distance in km from a point to the nearest point of the prefecture's box. */
export function kmFromPrefecture([lon, lat]: readonly [number, number]): number {
	const nearest: [number, number] = [Math.min(Math.max(lon, PREFECTURE.minX), PREFECTURE.maxX), Math.min(Math.max(lat, PREFECTURE.minY), PREFECTURE.maxY)];
	return distanceKm([lon, lat], nearest);
}

/** Data that landed away from Changji: where, how far, and what would put it there instead. */
export interface FarAway {
	/** Centre of where it landed, WGS84 [lon, lat]. */
	lands: [number, number];
	/** Distance from the prefecture, km (rounded). */
	km: number;
	/** What puts the stored coordinates in Changji, best first (may be empty). */
	suggestions: Placement[];
}

/**
 * Undefined when data that landed at `landed` (WGS84) is in Changji's neighbourhood; else
 * where it is and which CRS would put the coordinates as stored (`stored`) in the prefecture.
 */
export function farFromChangji(landed: Extent, stored: Extent | undefined): FarAway | undefined {
	if (within(landed, NEIGHBOURHOOD)) return undefined;
	const lands = centre(landed);
	return { lands, km: Math.round(kmFromPrefecture(lands)), suggestions: stored ? placementsInChangji(stored) : [] };
}
