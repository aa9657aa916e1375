/**
 * Typed or pasted boundary coordinates (界址点坐标) → a WGS84 footprint.
 *
 * Reads what planners have at hand:
 * - the land-survey exchange TXT (报盘/勘测定界 format): a `[属性描述]` section of `key=value`
 *   lines (坐标系, 几度分带, 带号 …), then `[地块坐标]` with one header line per parcel ending in
 *   `@` (`点数,面积,地块编号,地块名称,面,图幅号,用途,地类编码,@`) followed by `点号,圈号,X,Y` lines —
 *   ring 1 the outer boundary, further rings holes (or islands, told apart by position);
 * - plain lists: `X Y`, `点号 X Y`, `点号,圈号,X,Y`, separated by commas, spaces, tabs or
 *   semicolons (full-width too); a blank line starts a new ring;
 * - longitude/latitude in decimal degrees or 度分秒 (`87°35'12.5"`, `87度35分12.5秒`, with
 *   E/N or 东经/北纬), in either order;
 * - CGCS2000 Gauss-Krüger plane coordinates, 3° or 6° zones: X is the northing (Chinese
 *   surveying order), Y the easting; the zone comes from the 2-digit prefix on Y, else from the
 *   file's 带号, a central meridian or a longitude near the site. Easting-first lists are caught
 *   by magnitude and swapped.
 * - GCJ-02 (AMap/Gaode, Tencent) or BD-09 (Baidu) when the caller says so: converted to WGS84.
 *
 * The file's header (带号, 几度分带, 中央子午线, 坐标系) picks the CRS; coordinates it puts far from
 * Changji are refused with where they land and which CGCS2000 zone would put them in Changji,
 * unless the caller keeps them anyway (`allowFar`).
 *
 * Pure and browser-safe (proj4 only).
 */
import type { Geometry, Position } from 'geojson';
import proj4 from 'proj4';
import type { Localized } from '../layers/types';
import { lonLatText, type Extent } from './positions';
import { bd09ToWgs84 } from './bd09';
import { crsFromEpsg, gaussKrugerCode, identifyCrs, zoneForLongitude, type CrsDef } from './crs';
import { farFromChangji, misfit, placementsInChangji, type Placement } from './crs-guess';
import { gcj02ToWgs84 } from './gcj02';

/** Which coordinate system the numbers are in; `auto` tells lon/lat from plane coordinates by magnitude. */
export type CoordinateListCrs = 'auto' | 'wgs84' | 'cgcs2000' | 'gk3' | 'gcj02' | 'bd09';

export interface CoordinateListOptions {
	/** Default `auto`. `gk3` = CGCS2000 Gauss-Krüger (3°, or 6° when the zone says so). `gcj02`: lon/lat from AMap/Tencent. */
	crs?: CoordinateListCrs;
	/** Central meridian (°E) of a Gauss-Krüger zone whose eastings carry no zone prefix. */
	centralMeridian?: number;
	/** A longitude near the site: picks the 3° zone when eastings carry no prefix. */
	longitudeHint?: number;
	/** What the points make; default `auto`: polygons (界址点 are boundaries), a lone point or pair as such. */
	geometry?: 'auto' | 'polygon' | 'line' | 'point';
	/** A CGCS2000 Gauss-Krüger EPSG code (4491–4554) to read plane coordinates in, over the header and the zone prefix. */
	epsg?: number;
	/** The first column is the easting (Y): over the order told by magnitude. */
	eastingFirst?: boolean;
	/** Keep coordinates that land far from Changji (the person chose the CRS anyway), with a note. */
	allowFar?: boolean;
}

/** A CRS that would put the coordinates in Changji, as options to parse them again with. */
export interface CoordinateListSuggestion {
	epsg: number;
	eastingFirst: boolean;
	/** Where the centre lands then, WGS84 [lon, lat]. */
	lands: [number, number];
}

/** What the CRS the numbers were read in did with them, and what would put them in Changji. */
export interface CoordinateListPlacement {
	/** "EPSG:4526", "EPSG:4326". */
	used: string;
	/** Where they landed (absent when they cannot be in the CRS used at all). */
	lands?: [number, number];
	/** Distance from the prefecture, km. */
	km?: number;
	suggestions: CoordinateListSuggestion[];
}

export interface CoordinateListError {
	code:
		| 'empty'
		| 'unreadable-line'
		| 'out-of-range'
		| 'mixed-coordinates'
		| 'unsupported-crs'
		| 'zone-needed'
		| 'mixed-zones'
		| 'too-few-points'
		| 'outside-area';
	message: Localized;
	/** 1-based line of the text the problem is on. */
	line?: number;
	/** With `outside-area`: where the numbers landed, and what would put them in Changji. */
	placement?: CoordinateListPlacement;
}

export type CoordinateListResult =
	| {
			ok: true;
			geometry: Geometry;
			crs: { code: string; label: Localized };
			notes: Localized[];
			/** Lon/lat read as WGS84 because nothing said otherwise: they may be from AMap/Tencent (GCJ-02) or Baidu — ask. */
			lonLatUnstated: boolean;
	  }
	| { ok: false; error: CoordinateListError };

const L = (zh: string, en: string): Localized => ({ zh, en });
const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';

interface RawPoint {
	a: number;
	b: number;
	/** Which of the two values carried a hemisphere letter saying it is the longitude. */
	lonFirst?: boolean;
	line: number;
	text: string;
}

interface RawRing {
	key: string;
	points: RawPoint[];
	closed: boolean;
}

interface Parcel {
	name?: string;
	kind?: 'polygon' | 'line' | 'point';
	rings: RawRing[];
	line: number;
}

interface Header {
	datum?: string;
	zoneWidth?: 3 | 6;
	zone?: number;
	/** 中央子午线 / 中央经线, °E. */
	centralMeridian?: number;
	/** A Gauss-Krüger system named outright in 坐标系 (EPSG code, ESRI name). */
	named?: CrsDef;
	line?: number;
}

class ParseError extends Error {
	constructor(readonly error: CoordinateListError) {
		super(error.message.en);
	}
}
function fail(code: CoordinateListError['code'], message: Localized, line?: number, placement?: CoordinateListPlacement): never {
	throw new ParseError({ code, message, ...(line !== undefined ? { line } : {}), ...(placement ? { placement } : {}) });
}

/** Full-width digits and punctuation (，；：（）－ and the ideographic space) to ASCII. */
function toHalfWidth(text: string): string {
	return text
		.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/\u3000/g, ' ')
		.replace(/[、]/g, ',')
		.replace(/[−–—]/g, '-');
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const HEMI_PREFIX = /^(北纬|南纬|东经|西经|[NSEWnsew])/;
const HEMI_SUFFIX = /(北纬|南纬|东经|西经|[NSEWnsew])$/;
const DMS = /^(\d+(?:\.\d+)?)[°º˚度:](?:(\d+(?:\.\d+)?)['′’分:]?(?:(\d+(?:\.\d+)?)(?:["″”秒]|''|′′)?)?)?$/;

/** A coordinate value: decimal, or 度分秒 with optional hemisphere. `isLon` when the hemisphere says so. */
function parseValue(token: string): { value: number; isLon?: boolean } | undefined {
	if (NUMBER.test(token)) return { value: Number(token) };
	let t = token;
	let hemi: string | undefined;
	const pre = HEMI_PREFIX.exec(t);
	if (pre) {
		hemi = pre[1];
		t = t.slice(pre[1].length);
	} else {
		const suf = HEMI_SUFFIX.exec(t);
		if (suf) {
			hemi = suf[1];
			t = t.slice(0, -suf[1].length);
		}
	}
	let value: number | undefined;
	if (NUMBER.test(t)) value = Number(t);
	else {
		const m = DMS.exec(t);
		if (!m) return undefined;
		const min = m[2] ? Number(m[2]) : 0;
		const sec = m[3] ? Number(m[3]) : 0;
		if (min >= 60 || sec >= 60) return undefined;
		value = Number(m[1]) + min / 60 + sec / 3600;
	}
	if (!hemi) return { value };
	const h = hemi.toUpperCase();
	const negative = h === 'S' || h === 'W' || hemi === '南纬' || hemi === '西经';
	const isLon = h === 'E' || h === 'W' || hemi === '东经' || hemi === '西经';
	return { value: negative ? -value : value, isLon };
}

/** Splits a data line into tokens; 度分秒 written with spaces after the marks is kept together. */
function tokens(line: string): string[] {
	return line
		.replace(/([°º˚度′’'分])\s+(?=\d+(?:\.\d+)?\s*[′’'分"″”秒])/g, '$1')
		.split(/[\s,;]+/)
		.filter(Boolean);
}

const SEPARATOR = /^(?:[-=*#~_.]+|end|END|结束)$/;

/** Reads the text into parcels of rings of raw number pairs, with the survey-file header. */
function readText(text: string): { parcels: Parcel[]; header: Header } {
	const header: Header = {};
	const parcels: Parcel[] = [];
	let parcel: Parcel | undefined;
	let ring: RawRing | undefined;
	let breakRing = false;
	let sawData = false;
	let autoKey = 0;
	const lines = toHalfWidth(text.replace(/^\uFEFF/, '')).split(/\r\n|\r|\n/);

	for (let i = 0; i < lines.length; i++) {
		const lineNo = i + 1;
		const line = lines[i].trim();
		if (!line || SEPARATOR.test(line) || line.startsWith('//')) {
			breakRing = true;
			continue;
		}
		if (/^\[.*\]$/.test(line)) {
			breakRing = true;
			continue;
		}
		const kv = /^([^=\d][^=]*)=(.*)$/.exec(line);
		if (kv) {
			readHeaderField(header, kv[1].trim(), kv[2].trim(), lineNo);
			continue;
		}
		if (line.endsWith('@')) {
			// A parcel header: 点数,面积,编号,名称,图形属性(面/线/点),图幅号,用途,地类编码,@
			const fields = line.split(',').map((f) => f.trim());
			const shape = fields[4];
			parcel = {
				name: fields[3] || fields[2] || undefined,
				kind: shape === '线' ? 'line' : shape === '点' ? 'point' : 'polygon',
				rings: [],
				line: lineNo
			};
			parcels.push(parcel);
			ring = undefined;
			continue;
		}
		const parts = tokens(line);
		const values = parts.map(parseValue);
		const numericCount = values.filter(Boolean).length;
		if (numericCount === 0) {
			// Column headings (点号 X Y, 经度 纬度) before the data; words after it are an error.
			if (!sawData) continue;
			fail('unreadable-line', L(`第 ${lineNo} 行不是坐标：“${clip(line)}”。`, `Line ${lineNo} is not a coordinate: “${clip(line)}”.`), lineNo);
		}
		if (parts.length === 1 && /^\d+$/.test(parts[0]) && sawData) {
			// A lone integer between blocks: a point count or part number, as some exports write.
			breakRing = true;
			continue;
		}
		const n = parts.length;
		const x = values[n - 2];
		const y = values[n - 1];
		if (n < 2 || !x || !y)
			fail(
				'unreadable-line',
				L(
					`第 ${lineNo} 行无法读出一对坐标：“${clip(line)}”。每行应为“点号, X, Y”或“经度, 纬度”。`,
					`Line ${lineNo} does not hold a coordinate pair: “${clip(line)}”. Each line should be “point, X, Y” or “longitude, latitude”.`
				),
				lineNo
			);
		const leading = parts.slice(0, n - 2);
		if (leading.length > 2)
			fail(
				'unreadable-line',
				L(
					`第 ${lineNo} 行的数值太多：“${clip(line)}”。每行应为“点号, [圈号,] X, Y”。`,
					`Line ${lineNo} has too many values: “${clip(line)}”. Each line should be “point, [ring,] X, Y”.`
				),
				lineNo
			);
		// `J1,1,X,Y`: the value before the pair is the ring number (圈号).
		const ringKey = leading.length === 2 && /^\d{1,3}$/.test(leading[1]) ? leading[1] : undefined;
		if (!parcel) {
			parcel = { rings: [], line: lineNo };
			parcels.push(parcel);
		}
		const point: RawPoint = { a: x.value, b: y.value, line: lineNo, text: line };
		if (x.isLon !== undefined || y.isLon !== undefined) point.lonFirst = x.isLon === true || y.isLon === false;
		const startNew =
			!ring ||
			breakRing ||
			(ringKey !== undefined && ringKey !== ring.key) ||
			(ring.closed && ringKey === undefined) ||
			(ring.closed && ringKey === ring.key);
		if (startNew) {
			ring = { key: ringKey ?? `auto-${++autoKey}`, points: [], closed: false };
			parcel.rings.push(ring);
		}
		const r = ring as RawRing;
		const first = r.points[0];
		r.points.push(point);
		if (first && r.points.length >= 4 && first.a === point.a && first.b === point.b) r.closed = true;
		breakRing = false;
		sawData = true;
	}
	return { parcels: parcels.filter((p) => p.rings.length > 0), header };
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

function readHeaderField(header: Header, key: string, value: string, line: number): void {
	if (key.includes('坐标系')) {
		header.datum = value;
		header.line = line;
		const named = value ? identifyCrs(value) : undefined;
		if (named?.kind === 'known' && named.crs.gaussKruger) header.named = named.crs;
	} else if (key.includes('中央子午线') || key.includes('中央经线')) {
		const cm = Number(value.replace(/[^\d.]/g, ''));
		if (cm > 0 && cm < 180) header.centralMeridian = cm;
	} else if (key.includes('分带')) {
		const w = Number(value.replace(/[^\d]/g, ''));
		if (w === 3 || w === 6) header.zoneWidth = w;
	} else if (key === '带号' || key.includes('带号')) {
		const z = Number(value.replace(/[^\d]/g, ''));
		if (Number.isInteger(z) && z > 0) header.zone = z;
	}
}

type Frame =
	| { kind: 'geographic'; swap: boolean; shift: 'gcj02' | 'bd09' | undefined; unstated: boolean; code: string; label: Localized }
	| { kind: 'projected'; swap: boolean; crs: CrsDef; code: string; label: Localized };

const isNorthing = (v: number) => v >= 1e6 && v < 1e7;
const isPrefixedEasting = (v: number) => v >= 1.2e7 && v < 4.6e7;
const isPlainEasting = (v: number) => v >= 1e4 && v < 1e6;
const isGeographic = (p: RawPoint) => Math.abs(p.a) <= 180 && Math.abs(p.b) <= 180;

/** Decides what the numbers are: lon/lat (which order), or Gauss-Krüger (which zone, which order). */
function decideFrame(points: RawPoint[], header: Header, options: CoordinateListOptions, notes: Localized[]): Frame {
	const datum = header.datum ?? '';
	if (/80|西安/.test(datum) || /54|北京/.test(datum))
		fail(
			'unsupported-crs',
			L(
				`文件声明的坐标系为“${datum}”：仅支持 2000 国家大地坐标系（CGCS2000）和 WGS84。请先转换为 CGCS2000。`,
				`The file declares the coordinate system “${datum}”: only CGCS2000 and WGS84 are supported. Convert the coordinates to CGCS2000 first.`
			),
			header.line
		);
	const geo = points.filter(isGeographic);
	const mode = options.crs ?? 'auto';
	const wantsGeographic = mode === 'wgs84' || mode === 'cgcs2000' || mode === 'gcj02' || mode === 'bd09';
	if (geo.length === points.length) {
		if (mode === 'gk3' || options.epsg !== undefined)
			fail(
				'mixed-coordinates',
				L('所选为高斯-克吕格平面坐标，但输入的是经纬度。', 'Gauss-Krüger plane coordinates were chosen, but the numbers are longitude/latitude.'),
				points[0].line
			);
		return geographicFrame(points, mode, notes);
	}
	if (geo.length > 0) {
		const odd = geo.length < points.length / 2 ? geo[0] : points.find((p) => !isGeographic(p))!;
		fail(
			'mixed-coordinates',
			L(
				`第 ${odd.line} 行与其他行的坐标类型不同（经纬度与平面坐标混用）：“${clip(odd.text)}”。`,
				`Line ${odd.line} is not like the others (longitude/latitude mixed with plane coordinates): “${clip(odd.text)}”.`
			),
			odd.line
		);
	}
	if (wantsGeographic)
		fail(
			'mixed-coordinates',
			L(
				'所选为经纬度，但输入的数值是平面坐标（米）。请选择“CGCS2000 高斯-克吕格”。',
				'Longitude/latitude was chosen, but the numbers are plane coordinates in metres. Choose “CGCS2000 Gauss-Krüger”.'
			),
			points[0].line
		);
	return projectedFrame(points, header, options, notes);
}

function geographicFrame(points: RawPoint[], mode: CoordinateListCrs, notes: Localized[]): Frame {
	// In China longitudes (73–135°E) and latitudes (18–54°N) do not overlap: the larger is the longitude.
	const marked = points.find((p) => p.lonFirst !== undefined);
	let swap: boolean;
	if (marked) swap = !marked.lonFirst;
	else {
		const latFirst = points.filter((p) => Math.abs(p.a) <= 60 && Math.abs(p.b) > 60).length;
		swap = latFirst > points.length / 2;
	}
	if (swap) notes.push(L('按“纬度, 经度”顺序读取（第一列较小，为纬度）。', 'Read as “latitude, longitude” (the first column is the smaller value, the latitude).'));
	for (const p of points) {
		const [lon, lat] = swap ? [p.b, p.a] : [p.a, p.b];
		if (Math.abs(lat) > 90 || Math.abs(lon) > 180)
			fail(
				'out-of-range',
				L(`第 ${p.line} 行的经纬度超出范围：“${clip(p.text)}”。`, `Line ${p.line} is out of range for longitude/latitude: “${clip(p.text)}”.`),
				p.line
			);
	}
	const frame = { kind: 'geographic' as const, swap, shift: undefined, unstated: false };
	if (mode === 'gcj02') {
		notes.push(L('已将 GCJ-02（高德/腾讯地图）坐标转换为 WGS84。', 'Converted GCJ-02 (AMap/Tencent) coordinates to WGS84.'));
		return { ...frame, shift: 'gcj02', code: 'GCJ-02', label: L('GCJ-02 经纬度（高德、腾讯地图）', 'GCJ-02 longitude/latitude (AMap, Tencent)') };
	}
	if (mode === 'bd09') {
		notes.push(L('已将 BD-09（百度地图）坐标转换为 WGS84。', 'Converted BD-09 (Baidu) coordinates to WGS84.'));
		return { ...frame, shift: 'bd09', code: 'BD-09', label: L('BD-09 经纬度（百度地图）', 'BD-09 longitude/latitude (Baidu)') };
	}
	if (mode === 'cgcs2000') return { ...frame, code: 'EPSG:4490', label: L('CGCS2000 经纬度', 'CGCS2000 longitude/latitude') };
	return { ...frame, unstated: mode === 'auto', code: 'EPSG:4326', label: L('WGS84 经纬度', 'WGS84 longitude/latitude') };
}

/**
 * Which column is the easting, by magnitude: Chinese surveying writes X (northing, 7 digits in
 * China) before Y (easting: 8 digits with the zone prefix, 6 without). `ambiguous` when both
 * columns have 7 digits (eastings far from their central meridian); undefined when the numbers
 * are not Gauss-Krüger at all.
 */
function orderByMagnitude(points: RawPoint[]): 'northing-first' | 'easting-first' | 'ambiguous' | undefined {
	let ambiguous = false;
	for (const p of points) {
		const xy = isNorthing(p.a) && (isPrefixedEasting(p.b) || isPlainEasting(p.b));
		const yx = isNorthing(p.b) && (isPrefixedEasting(p.a) || isPlainEasting(p.a));
		if (xy !== yx) return yx ? 'easting-first' : 'northing-first';
		if (isNorthing(p.a) && isNorthing(p.b)) ambiguous = true;
	}
	return ambiguous ? 'ambiguous' : undefined;
}

/** The Gauss-Krüger system the numbers are read in, and why (a phrase for the label). */
function chooseProjection(eastings: number[], prefixed: boolean, header: Header, options: CoordinateListOptions, line: number): { crs: CrsDef; how: Localized } {
	const zoneDigits = Math.floor(eastings[0] / 1e6);
	const gk = (width: 3 | 6, centralMeridian: number, how: Localized) => {
		const code = gaussKrugerCode(width, centralMeridian, prefixed);
		const crs = code ? crsFromEpsg(code) : undefined;
		if (!crs)
			fail(
				'unsupported-crs',
				L(`中央经线 ${centralMeridian}° 不是 CGCS2000 ${width}° 带的中央经线。`, `${centralMeridian}°E is not the central meridian of a CGCS2000 ${width}° zone.`),
				line
			);
		return { crs, how };
	};
	const cmOfZone = (width: 3 | 6, zone: number) => (width === 3 ? 3 * zone : 6 * zone - 3);
	if (options.epsg !== undefined) {
		const crs = crsFromEpsg(options.epsg);
		if (!crs?.gaussKruger)
			fail('unsupported-crs', L(`EPSG:${options.epsg} 不是 CGCS2000 高斯-克吕格坐标系。`, `EPSG:${options.epsg} is not a CGCS2000 Gauss-Krüger system.`), line);
		return { crs, how: L('按所选坐标系', 'as chosen') };
	}
	if (options.centralMeridian !== undefined) return gk(header.zoneWidth ?? 3, options.centralMeridian, L('按指定的中央经线', 'from the central meridian given'));
	// The file's own word: 带号 (with 几度分带), 中央子午线, or a system named in 坐标系.
	if (header.named?.gaussKruger) {
		const named = header.named.gaussKruger;
		return gk(named.width, named.centralMeridian, L(`按文件声明的坐标系 EPSG:${header.named.epsg}`, `from the file's declared EPSG:${header.named.epsg}`));
	}
	if (header.zone !== undefined) {
		const width = header.zoneWidth ?? (header.zone >= 25 ? 3 : 6);
		return gk(width, cmOfZone(width, header.zone), L(`由文件中的带号 ${header.zone} 确定`, `from the zone ${header.zone} in the file`));
	}
	if (header.centralMeridian !== undefined)
		return gk(header.zoneWidth ?? 3, header.centralMeridian, L(`由文件中的中央子午线 ${header.centralMeridian}°E 确定`, `from the central meridian ${header.centralMeridian}°E in the file`));
	if (prefixed) {
		const width = zoneDigits >= 25 && zoneDigits <= 45 ? 3 : zoneDigits >= 13 && zoneDigits <= 23 ? 6 : undefined;
		if (!width)
			fail('unsupported-crs', L(`Y 坐标的带号 ${zoneDigits} 不是中国境内的 3° 或 6° 带。`, `The zone prefix ${zoneDigits} on Y is not a 3° or 6° zone in China.`), line);
		return gk(width, cmOfZone(width, zoneDigits), L(`由 Y 坐标的带号 ${zoneDigits} 确定`, `from the zone prefix ${zoneDigits} on Y`));
	}
	if (options.longitudeHint !== undefined)
		return gk(
			header.zoneWidth ?? 3,
			zoneForLongitude(options.longitudeHint, header.zoneWidth ?? 3).centralMeridian,
			L(`按参考经度 ${options.longitudeHint}°E 所在的带`, `from the zone of the reference longitude ${options.longitudeHint}°E`)
		);
	return fail(
		'zone-needed',
		L(
			'Y 坐标不带带号：请指定中央经线（昌吉州西部为 87°，东部为 90°）或项目附近的经度。',
			'The eastings carry no zone prefix: give the central meridian (87°E for western Changji, 90°E for the east) or a longitude near the site.'
		),
		line
	);
}

const planeExtent = (points: RawPoint[], eastingFirst: boolean) =>
	extentOf(points.map((p): Position => (eastingFirst ? [p.a, p.b] : [p.b, p.a])));

function projectedFrame(points: RawPoint[], header: Header, options: CoordinateListOptions, notes: Localized[]): Frame {
	const byMagnitude = orderByMagnitude(points);
	if (byMagnitude === undefined && options.eastingFirst === undefined) {
		const p = points[0];
		fail(
			'unsupported-crs',
			L(
				`第 ${p.line} 行的数值（${p.a}, ${p.b}）既不是经纬度，也不像 CGCS2000 高斯-克吕格坐标（X 北坐标 7 位整数，Y 东坐标 6 位或带 2 位带号的 8 位整数）。`,
				`The numbers on line ${p.line} (${p.a}, ${p.b}) are neither longitude/latitude nor CGCS2000 Gauss-Krüger coordinates (X northing: 7 integer digits; Y easting: 6, or 8 with the 2-digit zone prefix).`
			),
			p.line
		);
	}
	// Both columns of 7 digits (a zone far from the data): the Chinese order, X northing first,
	// unless only the other order puts the points near Changji.
	let swap = options.eastingFirst ?? byMagnitude === 'easting-first';
	const eastings = () => points.map((p) => (swap ? p.a : p.b));
	const northings = points.map((p) => (swap ? p.b : p.a));
	const prefixed = eastings().map(isPrefixedEasting);
	for (let i = 0; i < points.length; i++) {
		const p = points[i];
		const e = eastings()[i];
		if (!isNorthing(northings[i]) || !(prefixed[i] || (e > 0 && e < 1e7)) || prefixed[i] !== prefixed[0])
			fail(
				'mixed-coordinates',
				L(
					`第 ${p.line} 行的坐标与前面的点不一致：“${clip(p.text)}”。`,
					`The coordinates on line ${p.line} do not match the points before: “${clip(p.text)}”.`
				),
				p.line
			);
	}
	if (prefixed[0]) {
		const zone = Math.floor(eastings()[0] / 1e6);
		const other = points.find((_, i) => Math.floor(eastings()[i] / 1e6) !== zone);
		if (other)
			fail(
				'mixed-zones',
				L(`第 ${other.line} 行的带号与第一个点（${zone} 带）不同。`, `Line ${other.line} is in a different zone from the first point (zone ${zone}).`),
				other.line
			);
	}
	const { crs, how } = chooseProjection(eastings(), prefixed[0], header, options, points[0].line);
	if (byMagnitude === 'ambiguous' && options.eastingFirst === undefined) {
		const lands = (eastingFirst: boolean) => {
			const e = planeExtent(points, eastingFirst);
			return !misfit(e, crs) && !farFromChangji(extentOf(toWgs84Positions(points, crs, eastingFirst)), undefined);
		};
		if (!lands(false) && lands(true)) swap = true;
	}
	if (swap)
		notes.push(
			L(
				'第一列是东坐标（Y）、第二列是北坐标（X），已按“X 为北坐标、Y 为东坐标”交换。',
				'The first column is the easting (Y) and the second the northing (X): swapped so that X is the northing and Y the easting.'
			)
		);
	const gk = crs.gaussKruger!;
	const digits = Math.floor(eastings()[0] / 1e6);
	if (prefixed[0] && digits !== gk.zone)
		notes.push(
			L(
				`Y 坐标前两位为 ${digits}，但按文件声明的第 ${gk.zone} 带计算（远离中央经线的点，东坐标前两位不等于带号）。`,
				`The eastings start with ${digits}, but are read in the declared zone ${gk.zone} (far from the central meridian, an easting's leading digits are not its zone).`
			)
		);
	const label = L(
		`CGCS2000 ${gk.width}° 带高斯-克吕格投影，中央经线 ${gk.centralMeridian}°E${gk.prefixed ? `（第 ${gk.zone} 带，带号）` : '（无带号）'}，${how.zh}`,
		`CGCS2000 ${gk.width}° Gauss-Krüger, central meridian ${gk.centralMeridian}°E${gk.prefixed ? ` (zone ${gk.zone}, prefixed)` : ' (no zone prefix)'}, ${how.en}`
	);
	return { kind: 'projected', swap, crs, code: `EPSG:${crs.epsg}`, label };
}

function toWgs84Positions(points: RawPoint[], crs: CrsDef, eastingFirst: boolean): Position[] {
	const transform = proj4(crs.proj4, WGS84);
	return points.map((p) => transform.forward(eastingFirst ? [p.a, p.b] : [p.b, p.a]));
}

function toWgs84(points: RawPoint[], frame: Frame): Position[] {
	if (frame.kind === 'projected') return toWgs84Positions(points, frame.crs, frame.swap);
	const shift = frame.shift === 'gcj02' ? gcj02ToWgs84 : frame.shift === 'bd09' ? bd09ToWgs84 : undefined;
	return points.map((p) => {
		const pos: Position = frame.swap ? [p.b, p.a] : [p.a, p.b];
		return shift ? shift(pos) : pos;
	});
}

/** Where coordinates read in `frame` landed, if away from Changji, and which CGCS2000 zones would put them there. */
function placement(points: RawPoint[], frame: Frame, landed: Position[]): CoordinateListPlacement | undefined {
	const stored = frame.kind === 'projected' ? planeExtent(points, frame.swap) : undefined;
	const far = farFromChangji(extentOf(landed), stored);
	if (!far) return undefined;
	const suggestions = far.suggestions
		.filter((s: Placement) => crsFromEpsg(s.epsg)?.gaussKruger)
		.map((s) => ({ epsg: s.epsg, eastingFirst: frame.swap !== s.swapped, lands: s.lands }));
	return { used: frame.code, lands: far.lands, km: far.km, suggestions };
}

function farMessage(frame: Frame, where: CoordinateListPlacement): Localized {
	const km = (where.km ?? 0).toLocaleString('en-US');
	const best = where.suggestions[0];
	const fix = best
		? L(`按 EPSG:${best.epsg} 读取则落在昌吉州内（${lonLatText(best.lands)}）。`, `Read in EPSG:${best.epsg}, they land in Changji (${lonLatText(best.lands)}).`)
		: L('请检查坐标系、带号或 X/Y 顺序。', 'Check the coordinate system, the zone and the X/Y order.');
	return L(
		`按 ${frame.code}（${frame.label.zh}）坐标落在 ${lonLatText(where.lands!)}（距昌吉州约 ${km} 公里）。${fix.zh}`,
		`Read in ${frame.code} (${frame.label.en}), the coordinates land at ${lonLatText(where.lands!)}, about ${km} km from Changji Prefecture. ${fix.en}`
	);
}

/** Twice the signed planar area: > 0 counter-clockwise. */
function signedArea(ring: Position[]): number {
	let s = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
	return s;
}

function inside(p: Position, ring: Position[]): boolean {
	let c = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i];
		const [xj, yj] = ring[j];
		if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) c = !c;
	}
	return c;
}

const samePos = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

/** Drops consecutive repeats and the closing point; returns the distinct ring. */
function distinct(ring: Position[]): Position[] {
	const out: Position[] = [];
	for (const p of ring) if (!out.length || !samePos(out[out.length - 1], p)) out.push(p);
	if (out.length > 1 && samePos(out[0], out[out.length - 1])) out.pop();
	return out;
}

function orient(ring: Position[], ccw: boolean): Position[] {
	const r = signedArea(ring) > 0 === ccw ? ring : [...ring].reverse();
	return [...r, [r[0][0], r[0][1]]];
}

interface Built {
	polygons: Position[][][];
	lines: Position[][];
	points: Position[];
}

function buildParcel(parcel: Parcel, rings: { raw: RawRing; positions: Position[] }[], kind: 'auto' | 'polygon' | 'line' | 'point', out: Built, notes: Localized[]): void {
	const wanted = kind === 'auto' ? (parcel.kind ?? 'auto') : kind;
	if (wanted === 'point') {
		for (const r of rings) out.points.push(...r.positions);
		return;
	}
	if (wanted === 'line') {
		for (const r of rings) {
			const d = r.positions.filter((p, i) => i === 0 || !samePos(p, r.positions[i - 1]));
			if (d.length < 2)
				fail('too-few-points', L(`第 ${r.raw.points[0].line} 行起的线只有 1 个点。`, `The line starting on line ${r.raw.points[0].line} has only one point.`), r.raw.points[0].line);
			out.lines.push(d);
		}
		return;
	}
	const outers: Position[][][] = [];
	let closedHere = 0;
	for (const r of rings) {
		const d = distinct(r.positions);
		if (d.length < 3) {
			const all = rings.reduce((n, x) => n + distinct(x.positions).length, 0);
			if (wanted === 'auto' && rings.length === 1 && all === 1) {
				out.points.push(d[0]);
				return;
			}
			if (wanted === 'auto' && rings.length === 1 && all === 2) {
				notes.push(L('只有 2 个点：按线处理。', 'Only two points: read as a line.'));
				out.lines.push(d);
				return;
			}
			const line = r.raw.points[0].line;
			fail(
				'too-few-points',
				L(`第 ${line} 行起的环只有 ${d.length} 个不同的点，构成面至少需要 3 个。`, `The ring starting on line ${line} has only ${d.length} distinct point(s); a polygon needs at least 3.`),
				line
			);
		}
		if (!r.raw.closed) closedHere++;
		// Ring 1 is the boundary; a later ring inside an earlier boundary is a hole, else another parcel part.
		const host = outers.find((poly) => inside(d[0], poly[0]) && d.every((p) => inside(p, poly[0]) || poly[0].some((q) => samePos(p, q))));
		if (host) host.push(orient(d, false));
		else outers.push([orient(d, true)]);
	}
	if (closedHere) notes.push(L(`已闭合 ${closedHere} 个首尾未重合的环。`, `Closed ${closedHere} ring(s) whose last point did not repeat the first.`));
	out.polygons.push(...outers);
}

/**
 * Parses a pasted 界址点 list or a 报盘 coordinate file into WGS84 GeoJSON.
 *
 * @example
 * parseCoordinateList('J1,1,4873866.128,29524061.862\nJ2,1,4873866.128,29524261.862\nJ3,1,4874066.128,29524261.862\nJ1,1,4873866.128,29524061.862');
 * // { ok: true, geometry: { type: 'Polygon', … }, crs: { code: 'EPSG:4517', … }, notes: […] }
 */
export function parseCoordinateList(text: string, options: CoordinateListOptions = {}): CoordinateListResult {
	try {
		const notes: Localized[] = [];
		const { parcels, header } = readText(text);
		const all = parcels.flatMap((p) => p.rings.flatMap((r) => r.points));
		if (!all.length) fail('empty', L('没有读到坐标：请粘贴界址点坐标（每行“点号, X, Y”或“经度, 纬度”）。', 'No coordinates found: paste boundary points (one “point, X, Y” or “longitude, latitude” per line).'));
		const frame = decideFrame(all, header, options, notes);
		if (frame.kind === 'projected') {
			const problem = misfit(planeExtent(all, frame.swap), frame.crs);
			if (problem) {
				const suggestions = placementsInChangji(planeExtent(all, frame.swap))
					.filter((s) => crsFromEpsg(s.epsg)?.gaussKruger)
					.map((s) => ({ epsg: s.epsg, eastingFirst: frame.swap !== s.swapped, lands: s.lands }));
				const best = suggestions[0];
				fail(
					'outside-area',
					L(
						`坐标不可能是 ${frame.code}（${frame.label.zh}）：东坐标离该带中央经线太远。${best ? `按 EPSG:${best.epsg} 读取则落在昌吉州内。` : '请检查坐标系、带号或 X/Y 顺序。'}`,
						`The coordinates cannot be in ${frame.code} (${frame.label.en}): the eastings are too far from its central meridian. ${best ? `Read in EPSG:${best.epsg}, they land in Changji.` : 'Check the coordinate system, the zone and the X/Y order.'}`
					),
					undefined,
					{ used: frame.code, suggestions }
				);
			}
		}
		const landed = parcels.map((parcel) => parcel.rings.map((raw) => ({ raw, positions: toWgs84(raw.points, frame) })));
		const away = placement(all, frame, landed.flat(2).flatMap((r) => r.positions));
		if (away && !options.allowFar) fail('outside-area', farMessage(frame, away), undefined, away);
		if (away)
			notes.push(
				L(
					`已按要求保留：坐标落在 ${lonLatText(away.lands!)}，距昌吉州约 ${(away.km ?? 0).toLocaleString('en-US')} 公里。`,
					`Kept as asked: the coordinates lie at ${lonLatText(away.lands!)}, about ${(away.km ?? 0).toLocaleString('en-US')} km from Changji Prefecture.`
				)
			);
		const built: Built = { polygons: [], lines: [], points: [] };
		parcels.forEach((parcel, i) => buildParcel(parcel, landed[i], options.geometry ?? 'auto', built, notes));
		const geometry = assemble(built);
		const ringCount = built.polygons.reduce((n, p) => n + p.length, 0);
		if (built.polygons.length > 1 || ringCount > built.polygons.length)
			notes.push(
				L(
					`共 ${built.polygons.length} 个面、${ringCount - built.polygons.length} 个内环。`,
					`${built.polygons.length} polygon(s) with ${ringCount - built.polygons.length} hole(s) in all.`
				)
			);
		return { ok: true, geometry, crs: { code: frame.code, label: frame.label }, notes, lonLatUnstated: frame.kind === 'geographic' && frame.unstated };
	} catch (error) {
		if (error instanceof ParseError) return { ok: false, error: error.error };
		throw error;
	}
}

function extentOf(positions: Position[]): Extent {
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	for (const [x, y] of positions) {
		minX = Math.min(minX, x);
		minY = Math.min(minY, y);
		maxX = Math.max(maxX, x);
		maxY = Math.max(maxY, y);
	}
	return { minX, minY, maxX, maxY };
}

function assemble(b: Built): Geometry {
	const members: Geometry[] = [];
	if (b.polygons.length === 1) members.push({ type: 'Polygon', coordinates: b.polygons[0] });
	else if (b.polygons.length > 1) members.push({ type: 'MultiPolygon', coordinates: b.polygons });
	if (b.lines.length === 1) members.push({ type: 'LineString', coordinates: b.lines[0] });
	else if (b.lines.length > 1) members.push({ type: 'MultiLineString', coordinates: b.lines });
	if (b.points.length === 1) members.push({ type: 'Point', coordinates: b.points[0] });
	else if (b.points.length > 1) members.push({ type: 'MultiPoint', coordinates: b.points });
	return members.length === 1 ? members[0] : { type: 'GeometryCollection', geometries: members };
}
