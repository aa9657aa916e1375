// Coordinate reference systems the importer understands: WGS84, CGCS2000 (EPSG:4490) and
// its Gauss-Krüger zones, Web Mercator and WGS84 UTM north. Definitions match PROJ's
// database as shipped in PostGIS's spatial_ref_sys (checked by crs.db.test.ts).
// CGCS2000 is taken as equal to WGS84 (they differ by centimetres; PROJ does the same).

import type { Localized } from '../layers/types';
import { L } from './localized-error';

export interface GaussKruger {
	/** Zone width in degrees. */
	width: 3 | 6;
	/** 3° zone n is centred on 3n °E, 6° zone n on 6n − 3 °E. */
	zone: number;
	centralMeridian: number;
	/** Eastings carry the zone number in front (x_0 = zone·10⁶ + 500 000). */
	prefixed: boolean;
}

export interface CrsDef {
	/** EPSG code; absent for a system known only from its WKT. */
	epsg?: number;
	name: string;
	/** A proj4 definition (or WKT that proj4 parses). */
	proj4: string;
	/** Longitude/latitude in degrees (else projected metres). */
	geographic: boolean;
	gaussKruger?: GaussKruger;
}

const GRS80_TMERC = (lon0: number, x0: number) =>
	`+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=1 +x_0=${x0} +y_0=0 +ellps=GRS80 +units=m +no_defs`;

function gaussKrugerDef(epsg: number, gk: GaussKruger): CrsDef {
	const x0 = gk.prefixed ? gk.zone * 1e6 + 500000 : 500000;
	const where = gk.prefixed ? `zone ${gk.zone}` : `CM ${gk.centralMeridian}E`;
	const name = gk.width === 3 ? `CGCS2000 / 3-degree Gauss-Kruger ${where}` : `CGCS2000 / Gauss-Kruger ${where}`;
	return { epsg, name, proj4: GRS80_TMERC(gk.centralMeridian, x0), geographic: false, gaussKruger: gk };
}

/** The Gauss-Krüger parameters of an EPSG code in 4491–4554, else undefined. */
function gaussKrugerOf(epsg: number): GaussKruger | undefined {
	if (epsg >= 4491 && epsg <= 4501) {
		const zone = epsg - 4478; // 4491 = zone 13
		return { width: 6, zone, centralMeridian: 6 * zone - 3, prefixed: true };
	}
	if (epsg >= 4502 && epsg <= 4512) {
		const centralMeridian = 75 + 6 * (epsg - 4502);
		return { width: 6, zone: (centralMeridian + 3) / 6, centralMeridian, prefixed: false };
	}
	if (epsg >= 4513 && epsg <= 4533) {
		const zone = epsg - 4488; // 4513 = zone 25
		return { width: 3, zone, centralMeridian: 3 * zone, prefixed: true };
	}
	if (epsg >= 4534 && epsg <= 4554) {
		const centralMeridian = 75 + 3 * (epsg - 4534);
		return { width: 3, zone: centralMeridian / 3, centralMeridian, prefixed: false };
	}
	return undefined;
}

/** The EPSG code of a CGCS2000 Gauss-Krüger system, or undefined when there is none. */
export function gaussKrugerCode(width: 3 | 6, centralMeridian: number, prefixed: boolean): number | undefined {
	if (width === 3) {
		const zone = centralMeridian / 3;
		if (!Number.isInteger(zone) || zone < 25 || zone > 45) return undefined;
		return prefixed ? 4488 + zone : 4534 + (centralMeridian - 75) / 3;
	}
	const zone = (centralMeridian + 3) / 6;
	if (!Number.isInteger(zone) || zone < 13 || zone > 23) return undefined;
	return prefixed ? 4478 + zone : 4502 + (centralMeridian - 75) / 6;
}

/** The Gauss-Krüger zone a longitude lies in: 3° zones are centred on 3n °E, 6° zones span 6(n−1)…6n °E. */
export function zoneForLongitude(lon: number, width: 3 | 6): { zone: number; centralMeridian: number } {
	if (width === 3) {
		const zone = Math.round(lon / 3);
		return { zone, centralMeridian: 3 * zone };
	}
	const zone = Math.floor(lon / 6) + 1;
	return { zone, centralMeridian: 6 * zone - 3 };
}

/** The definition of a supported EPSG code, or undefined. */
export function crsFromEpsg(epsg: number): CrsDef | undefined {
	if (epsg === 4326) return { epsg, name: 'WGS 84', proj4: '+proj=longlat +datum=WGS84 +no_defs', geographic: true };
	if (epsg === 4490)
		return { epsg, name: 'China Geodetic Coordinate System 2000', proj4: '+proj=longlat +ellps=GRS80 +no_defs', geographic: true };
	if (epsg === 3857)
		return {
			epsg,
			name: 'WGS 84 / Pseudo-Mercator',
			proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs',
			geographic: false
		};
	if (epsg >= 32601 && epsg <= 32660) {
		const zone = epsg - 32600;
		return { epsg, name: `WGS 84 / UTM zone ${zone}N`, proj4: `+proj=utm +zone=${zone} +datum=WGS84 +units=m +no_defs`, geographic: false };
	}
	const gk = gaussKrugerOf(epsg);
	return gk ? gaussKrugerDef(epsg, gk) : undefined;
}

export const SUPPORTED_CRS_TEXT = L(
	'支持：EPSG:4326（WGS84）、4490（CGCS2000）、4491–4554（CGCS2000 高斯-克吕格 3°/6° 分带，带号或不带号）、3857（Web 墨卡托）、32601–32660（WGS84 UTM 北半球）',
	'Supported: EPSG:4326 (WGS84), 4490 (CGCS2000), 4491–4554 (CGCS2000 Gauss-Krüger 3°/6° zones, with or without the zone prefix), 3857 (Web Mercator), 32601–32660 (WGS84 UTM north)'
);

/** Reads `EPSG:4517`, `epsg:4517` or `4517` (as given to --srs). */
export function parseSrs(text: string): CrsDef | undefined {
	const match = /^\s*(?:EPSG:)?(\d{4,5})\s*$/i.exec(text);
	return match ? crsFromEpsg(Number(match[1])) : undefined;
}

/** What a CRS text (WKT, .prj, URN, name) says about the data. */
export type CrsIdentification =
	| { kind: 'known'; crs: CrsDef }
	/** Offset Chinese web-map systems: must never be taken as WGS84. */
	| { kind: 'shifted'; system: 'gcj02' | 'bd09' }
	| { kind: 'unsupported'; reason: Localized };

const known = (crs: CrsDef | undefined): CrsIdentification | undefined => (crs ? { kind: 'known', crs } : undefined);

function numberParameter(wkt: string, names: string[]): number | undefined {
	for (const name of names) {
		const match = new RegExp(`PARAMETER\\s*\\[\\s*"${name}"\\s*,\\s*(-?[\\d.eE+]+)`, 'i').exec(wkt);
		if (match) return Number(match[1]);
	}
	return undefined;
}

/**
 * A transverse Mercator WKT on CGCS2000 (or WGS84 with k=0.9996) matched to its EPSG code
 * by its parameters. proj4 does not know ESRI's "Gauss_Kruger" projection name and would
 * silently return nonsense, so the CGCS2000 zones are never left to its WKT parser.
 */
function tmercByParameters(wkt: string): CrsDef | undefined {
	if (!/PROJECTION\s*\[\s*"(Gauss_Kruger|Transverse_Mercator)"|METHOD\s*\[\s*"Transverse Mercator"/i.test(wkt)) return undefined;
	const cm = numberParameter(wkt, ['central_meridian', 'Longitude of natural origin']);
	const fe = numberParameter(wkt, ['false_easting', 'False easting']);
	const k = numberParameter(wkt, ['scale_factor', 'Scale factor at natural origin']) ?? 1;
	const lat0 = numberParameter(wkt, ['latitude_of_origin', 'Latitude of natural origin']) ?? 0;
	const fn = numberParameter(wkt, ['false_northing', 'False northing']) ?? 0;
	if (cm === undefined || fe === undefined || lat0 !== 0 || fn !== 0) return undefined;
	if (/2000/.test(wkt) && k === 1) {
		const prefixed = fe !== 500000;
		const zone = (fe - 500000) / 1e6;
		if (!prefixed) return crsFromEpsg(gaussKrugerCode(3, cm, false) ?? gaussKrugerCode(6, cm, false) ?? 0);
		if (zone * 3 === cm) return crsFromEpsg(gaussKrugerCode(3, cm, true) ?? 0);
		if (zone * 6 - 3 === cm) return crsFromEpsg(gaussKrugerCode(6, cm, true) ?? 0);
		return undefined;
	}
	if (/WGS[_ ]?(19)?84/i.test(wkt) && k === 0.9996 && fe === 500000 && Number.isInteger((cm + 183) / 6))
		return crsFromEpsg(32600 + (cm + 183) / 6);
	return undefined;
}

/** ESRI and EPSG names: CGCS2000_3_Degree_GK_Zone_29, CGCS2000_GK_CM_87E, "CGCS2000 / 3-degree Gauss-Kruger CM 87E". */
function gaussKrugerByName(wkt: string): CrsDef | undefined {
	const match = /CGCS[_ ]?2000[_ /]+(3[-_ ]Degree[_ ]+)?(?:GK|Gauss[-_ ]Kruger)[_ ]+(Zone|CM)[_ ]+(\d+)/i.exec(wkt);
	if (!match) return undefined;
	const width = match[1] ? 3 : 6;
	const n = Number(match[3]);
	if (match[2].toLowerCase() === 'cm') return crsFromEpsg(gaussKrugerCode(width, n, false) ?? 0);
	return crsFromEpsg(gaussKrugerCode(width, width === 3 ? 3 * n : 6 * n - 3, true) ?? 0);
}

/** The EPSG code a WKT gives itself at its top level (AUTHORITY or ID as the last element). */
function topLevelEpsg(wkt: string): number | undefined {
	const match =
		/AUTHORITY\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$/i.exec(wkt) ?? /ID\s*\[\s*"EPSG"\s*,\s*(\d+)\s*\]\s*\]\s*$/i.exec(wkt);
	return match ? Number(match[1]) : undefined;
}

/**
 * Identifies the CRS a file declares: a WKT (.prj, GeoPackage, FlatGeobuf), a URN or
 * EPSG code (GeoJSON `crs`), or a name. Returns what it is, or why it cannot be used.
 */
export function identifyCrs(text: string): CrsIdentification {
	const t = text.trim();
	if (/GCJ[-_ ]?0?2|火星坐标|Mars[_ ]?Coord/i.test(t)) return { kind: 'shifted', system: 'gcj02' };
	if (/BD[-_ ]?0?9|Baidu|百度/i.test(t)) return { kind: 'shifted', system: 'bd09' };
	if (/Xian[_ ]?(19)?80|Xi'an|西安80|西安1980|Beijing[_ ]?(19)?54|北京54|北京1954/i.test(t))
		return {
			kind: 'unsupported',
			reason: L(
				'数据为北京54或西安80坐标系：转换到CGCS2000需要当地的七参数，导入前请先转换为CGCS2000',
				'The data is in Beijing 1954 or Xian 1980: converting it to CGCS2000 needs local 7-parameter transformation values; convert it to CGCS2000 before importing'
			)
		};
	const code = /^(?:EPSG:+|urn:ogc:def:crs:EPSG:[^:]*:|https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/\d+\/)?(\d{4,5})$/i.exec(t);
	if (code) return known(crsFromEpsg(Number(code[1]))) ?? unsupportedEpsg(Number(code[1]));
	if (/^(urn:ogc:def:crs:OGC:[\d.]*:CRS84|CRS84|WGS ?84)$/i.test(t)) return known(crsFromEpsg(4326))!;

	const viaName = gaussKrugerByName(t);
	if (viaName) return { kind: 'known', crs: viaName };
	const viaParameters = tmercByParameters(t);
	if (viaParameters) return { kind: 'known', crs: viaParameters };
	const authority = topLevelEpsg(t);
	if (authority !== undefined) return known(crsFromEpsg(authority)) ?? unsupportedEpsg(authority);
	if (/^\s*(GEOGCS|GEOGCRS|GEODCRS)\s*\[/i.test(t)) {
		if (/China[_ ]Geodetic|CGCS[_ ]?2000|China[_ ]2000/i.test(t)) return known(crsFromEpsg(4490))!;
		if (/WGS[_ ]?(19)?84/i.test(t)) return known(crsFromEpsg(4326))!;
	}
	if (/Web[_ ]Mercator|Pseudo[-_ ]Mercator/i.test(t)) return known(crsFromEpsg(3857))!;
	return {
		kind: 'unsupported',
		reason: L(`无法识别的坐标系：${t.slice(0, 120)}`, `Unrecognised coordinate system: ${t.slice(0, 120)}`)
	};
}

function unsupportedEpsg(code: number): CrsIdentification {
	return { kind: 'unsupported', reason: L(`不支持的坐标系 EPSG:${code}`, `Unsupported coordinate system EPSG:${code}`) };
}

/** "EPSG:4517 CGCS2000 / 3-degree Gauss-Kruger zone 29" */
export function crsLabel(crs: CrsDef): string {
	return crs.epsg ? `EPSG:${crs.epsg} ${crs.name}` : crs.name;
}
