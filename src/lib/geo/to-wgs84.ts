// Brings what a reader returned into WGS84 lon/lat: decide the CRS (--srs, else what the
// file declares, else what the coordinates plainly are), refuse coordinates that do not
// fit it, reproject with proj4, undo GCJ-02 when asked, and refuse data that lands
// outside Changji's neighbourhood.
import type { Geometry, Position } from 'geojson';
import proj4 from 'proj4';
import type { Localized } from '../layers/types';
import { crsFromEpsg, crsLabel, gaussKrugerCode, identifyCrs, parseSrs, SUPPORTED_CRS_TEXT, zoneForLongitude, type CrsDef, type GaussKruger } from './crs';
import { bd09ToWgs84 } from './bd09';
import { describeExtent, farFromChangji, guessCrs, misfit, placementsInChangji, type FarAway, type Placement } from './crs-guess';
import { gcj02ToWgs84 } from './gcj02';
import { L, LocalizedError } from './localized-error';
import { extentOf, forEachPosition, hasNonFinite, lonLatText, mapPositions, type Extent } from './positions';
import type { DeclaredCrs, ReadResult, SourceFeature } from './readers/types';

export interface ToWgs84Options {
	/** "EPSG:4517": the CRS of the data, overriding what the file says. */
	srs?: string;
	/** The data is GCJ-02 (AMap/Gaode, Tencent): convert it to WGS84. */
	fromGcj02?: boolean;
	/** The data is BD-09 (Baidu): convert it to WGS84. */
	fromBd09?: boolean;
	/** The file stores northing first (Chinese coordinate tables): swap x and y. */
	swapXY?: boolean;
	/** Keep data that lands far from Changji (the person chose the file's CRS anyway), with a note. */
	allowFar?: boolean;
	/** The caller asks the person where lon/lat came from (GCJ-02 or not): leave out the reminder. */
	asksLonLatSource?: boolean;
}

/**
 * A refusal about the CRS that a person can answer with a choice: the CRS that was used (if
 * any), what would put the coordinates in Changji instead (axis order relative to how they
 * were read), and, when the data was read and landed far away, where.
 */
export class CrsRefusal extends LocalizedError {
	constructor(
		text: Localized,
		readonly used: CrsDef | undefined,
		readonly suggestions: readonly Placement[],
		readonly far?: FarAway
	) {
		super(text);
	}
}

export interface Wgs84Data {
	features: SourceFeature[];
	crs: CrsDef;
	/** Where the CRS came from, for the summary. */
	crsSource: string;
	notes: Localized[];
	/** Lon/lat whose source nothing states (GeoJSON, KML, no declaration): WGS84 or a web map's GCJ-02 look the same. */
	lonLatUnstated: boolean;
}

const doesNotFit = (why: Localized, used?: CrsDef, stored?: Extent) =>
	new CrsRefusal(L(`坐标不符合所声明的坐标系：${why.zh}`, `Coordinates do not fit the declared CRS: ${why.en}`), used, stored ? placementsInChangji(stored) : []);

const shiftedRefusal = (system: 'gcj02' | 'bd09', where: string) =>
	system === 'gcj02'
		? new LocalizedError(
				L(
					`${where} 表明数据为 GCJ-02（高德/腾讯“火星坐标”），不能当作 WGS84 导入；确认后加 --from-gcj02 转换`,
					`${where} says the data is GCJ-02 (AMap/Gaode, Tencent "Mars coordinates"), which must not be taken as WGS84; add --from-gcj02 to convert it`
				)
			)
		: new LocalizedError(
				L(
					`${where} 表明数据为 BD-09（百度坐标），不支持直接导入；请先转换为 WGS84 或 CGCS2000`,
					`${where} says the data is BD-09 (Baidu), which cannot be imported as is; convert it to WGS84 or CGCS2000 first`
				)
			);

function declared(d: DeclaredCrs | undefined, options: ToWgs84Options, notes: Localized[]): { crs: CrsDef; source: string } | undefined {
	if (!d) return undefined;
	const identified = d.epsg !== undefined ? identifyCrs(String(d.epsg)) : identifyCrs(d.text ?? '');
	// GCJ-02 is lon/lat with an offset that --from-gcj02 removes after reading.
	if (identified.kind === 'shifted' && identified.system === 'gcj02' && options.fromGcj02) return { crs: crsFromEpsg(4326)!, source: d.where };
	if (identified.kind === 'shifted' && identified.system === 'bd09' && options.fromBd09) return { crs: crsFromEpsg(4326)!, source: d.where };
	if (identified.kind === 'shifted') throw shiftedRefusal(identified.system, d.where);
	if (identified.kind === 'unsupported')
		throw new LocalizedError(
			L(`${d.where}：${identified.reason.zh}。可用 --srs 指定；${SUPPORTED_CRS_TEXT.zh}`, `${d.where}: ${identified.reason.en}. Give --srs; ${SUPPORTED_CRS_TEXT.en}`)
		);
	if (d.implicit && !options.asksLonLatSource && !options.fromGcj02 && !options.fromBd09)
		notes.push(
			L(
				`${d.where} 规定坐标为 WGS84；如果数据来自高德/腾讯地图（GCJ-02），请加 --from-gcj02，否则会偏移数百米`,
				`${d.where} means WGS84; if the data comes from AMap/Gaode or Tencent (GCJ-02), add --from-gcj02, or it will be off by a few hundred metres`
			)
		);
	return { crs: identified.crs, source: d.where };
}

/** The CRS to read the data in, and where that came from. */
function chooseCrs(
	read: { crs?: DeclaredCrs; extent?: Extent },
	options: ToWgs84Options,
	notes: Localized[]
): { crs: CrsDef; source: string } {
	if (options.srs) {
		const crs = parseSrs(options.srs);
		if (!crs) throw new LocalizedError(L(`--srs ${options.srs} 无法使用。${SUPPORTED_CRS_TEXT.zh}`, `--srs ${options.srs} cannot be used. ${SUPPORTED_CRS_TEXT.en}`));
		if (read.crs && !read.crs.implicit) {
			const fromFile = identifyCrs(read.crs.epsg !== undefined ? String(read.crs.epsg) : (read.crs.text ?? ''));
			const same = fromFile.kind === 'known' && fromFile.crs.epsg === crs.epsg;
			if (!same)
				notes.push(L(`--srs ${crsLabel(crs)} 取代了文件中（${read.crs.where}）声明的坐标系`, `--srs ${crsLabel(crs)} overrides the CRS the file declares (${read.crs.where})`));
		}
		return { crs, source: '--srs' };
	}
	const fromFile = declared(read.crs, options, notes);
	if (fromFile) return fromFile;
	const { extent } = read;
	const guess = extent ? guessCrs(extent) : undefined;
	if (guess && !guess.swapped && guess.candidates[0] === 4490) {
		if (!options.asksLonLatSource)
			notes.push(L('文件未声明坐标系；坐标为昌吉范围内的经纬度，按 CGCS2000/WGS84 导入', 'The file declares no CRS; the coordinates are lon/lat within Changji and are taken as CGCS2000/WGS84'));
		return { crs: crsFromEpsg(4490)!, source: 'coordinates' };
	}
	const hint = guess?.candidates.length ? ` --srs EPSG:${guess.candidates[0]}${guess.swapped ? ' --swap-xy' : ''}` : ' --srs EPSG:nnnn';
	throw new CrsRefusal(
		L(
			`文件未声明坐标系（缺少 .prj 等）${guess ? `；坐标（${describeExtent(extent!)}）看起来是${guess.text.zh}` : ''}。请指定：${hint}`,
			`The file declares no CRS (no .prj or the like)${guess ? `; the coordinates (${describeExtent(extent!)}) look like ${guess.text.en}` : ''}. Say which:${hint}`
		),
		undefined,
		extent ? placementsInChangji(extent) : []
	);
}

/** A hint when data lies outside the band of its own zone: a zone mix-up moves data by 3° and still lands in Changji. */
function outsideOwnZone(gk: GaussKruger, lon: number): Localized | undefined {
	const own = zoneForLongitude(lon, gk.width);
	if (own.centralMeridian === gk.centralMeridian) return undefined;
	const codes = [gaussKrugerCode(gk.width, own.centralMeridian, true), gaussKrugerCode(gk.width, own.centralMeridian, false)].map((c) => `EPSG:${c}`).join('/');
	return L(
		`数据中心位于 ${lon.toFixed(2)}°E，属于 ${gk.width}° 分带第 ${own.zone} 带（中央经线 ${own.centralMeridian}°E，${codes}），而所用坐标系的中央经线为 ${gk.centralMeridian}°E；如非有意，请核对坐标系`,
		`The data is centred at ${lon.toFixed(2)}°E, in ${gk.width}° zone ${own.zone} (CM ${own.centralMeridian}°E, ${codes}), but its CRS has CM ${gk.centralMeridian}°E; check the CRS unless that is intended`
	);
}

/** What a file's coordinates become in WGS84, decided once for the whole file. */
export interface Wgs84Projection {
	crs: CrsDef;
	/** Where the CRS came from, for the summary. */
	crsSource: string;
	notes: Localized[];
	/** See Wgs84Data.lonLatUnstated. */
	lonLatUnstated: boolean;
	/** One geometry to WGS84 (2D): swapped when asked, reprojected, GCJ-02 undone when asked. */
	project(geometry: Geometry): Geometry;
}

const swapExtent = (e: Extent): Extent => ({ minX: e.minY, minY: e.minX, maxX: e.maxY, maxY: e.maxX });

/**
 * Decides the CRS (--srs, else what the file declares, else what the coordinates plainly
 * are) from the declaration and the extent of all coordinates as stored, and refuses
 * coordinates that do not fit it. Throws a LocalizedError saying why.
 */
export function planWgs84(declaredCrs: DeclaredCrs | undefined, storedExtent: Extent | undefined, options: ToWgs84Options = {}): Wgs84Projection {
	const notes: Localized[] = [];
	const { crs, source } = chooseCrs({ crs: declaredCrs, extent: storedExtent }, options, notes);
	const extent = storedExtent && options.swapXY ? swapExtent(storedExtent) : storedExtent;
	const problem = extent && misfit(extent, crs);
	if (problem) throw doesNotFit(problem, crs, extent);
	// CGCS2000 and WGS84 lon/lat are taken as equal: no transformation for them.
	const converter = crs.geographic ? undefined : proj4(crs.proj4, 'WGS84');
	const project = (p: Position): Position => (converter ? converter.forward([p[0], p[1]]) : [p[0], p[1]]);
	const toWgs = options.fromGcj02 ? (p: Position) => gcj02ToWgs84(project(p)) : options.fromBd09 ? (p: Position) => bd09ToWgs84(project(p)) : project;
	const stated = source === '--srs' || (declaredCrs !== undefined && !declaredCrs.implicit);
	const lonLatUnstated = crs.geographic && !stated && !options.fromGcj02 && !options.fromBd09;
	const swap = options.swapXY ? ([x, y]: Position): Position => [y, x] : undefined;
	// Lon/lat in 2D already needs no copy: a heavy import would otherwise allocate every position twice.
	const unchanged = (geometry: Geometry) => !converter && !options.fromGcj02 && !options.fromBd09 && !swap && !hasExtraDimensions(geometry);
	return {
		crs,
		crsSource: source,
		notes,
		lonLatUnstated,
		project: (geometry) => (unchanged(geometry) ? geometry : mapPositions(geometry, swap ? (p) => toWgs(swap(p)) : toWgs))
	};
}

/** Whether some position has more than x and y (Z or M, which the layers do not store). */
function hasExtraDimensions(geometry: Geometry): boolean {
	let extra = false;
	forEachPosition(geometry, (p) => {
		if (p.length !== 2) extra = true;
	});
	return extra;
}

/** A feature whose coordinates did not convert (NaN from proj4). */
export const doesNotConvert = (number: number) =>
	doesNotFit(L(`第 ${number} 个要素转换后坐标无效`, `feature ${number} has coordinates that do not convert`));

/** "按文件声明的 EPSG:4526 坐标落在 …（距昌吉州约 N 公里）", and what would put the data in Changji. */
function farText(far: FarAway, crs: CrsDef, source: string): Localized {
	const code = crs.epsg ? `EPSG:${crs.epsg}` : crs.name;
	const how = source === '--srs' ? L(`按所选的 ${code}`, `Read in the chosen ${code}`) : L(`按文件声明的 ${code}`, `Read in the file's declared ${code}`);
	const km = far.km.toLocaleString('en-US');
	const best = far.suggestions[0];
	const fix = best
		? L(
				`；按 EPSG:${best.epsg}${best.swapped ? '（X/Y 互换）' : ''} 读取则落在昌吉州内（${lonLatText(best.lands)}）`,
				`; read in EPSG:${best.epsg}${best.swapped ? ' (X/Y swapped)' : ''} it lands in Changji (${lonLatText(best.lands)})`
			)
		: L('；没有哪个 CGCS2000 分带能把这些坐标置于昌吉州内', '; no CGCS2000 zone puts these coordinates in Changji');
	return L(
		`${how.zh}，坐标落在 ${lonLatText(far.lands)}（距昌吉州约 ${km} 公里）${fix.zh}`,
		`${how.en}, the coordinates land at ${lonLatText(far.lands)} (about ${km} km from Changji Prefecture)${fix.en}`
	);
}

/**
 * After projecting every feature: refuses data that landed outside Changji's neighbourhood
 * (saying where and which CRS would put it in Changji) unless `allowFar`, and notes a
 * Gauss-Krüger zone mix-up.
 */
export function checkLanded(projection: Wgs84Projection, landed: Extent | undefined, storedExtent: Extent | undefined, options: ToWgs84Options = {}): void {
	const read = storedExtent && options.swapXY ? swapExtent(storedExtent) : storedExtent;
	const far = landed && farFromChangji(landed, read);
	if (far && !options.allowFar) throw new CrsRefusal(farText(far, projection.crs, projection.crsSource), projection.crs, far.suggestions, far);
	if (far)
		projection.notes.push(
			L(
				`已按要求保留：数据落在 ${lonLatText(far.lands)}，距昌吉州约 ${far.km.toLocaleString('en-US')} 公里`,
				`Kept as asked: the data lies at ${lonLatText(far.lands)}, about ${far.km.toLocaleString('en-US')} km from Changji Prefecture`
			)
		);
	const gk = projection.crs.gaussKruger;
	const zoneNote = landed && gk && !far ? outsideOwnZone(gk, (landed.minX + landed.maxX) / 2) : undefined;
	if (zoneNote) projection.notes.push(zoneNote);
	if (options.fromGcj02) projection.notes.push(L('已将 GCJ-02 转换为 WGS84', 'Converted from GCJ-02 to WGS84'));
	if (options.fromBd09) projection.notes.push(L('已将 BD-09（百度）转换为 WGS84', 'Converted from BD-09 (Baidu) to WGS84'));
}

/** Reprojects the features to WGS84 (2D), or throws a LocalizedError saying why it cannot. */
export function toWgs84(read: ReadResult, options: ToWgs84Options = {}): Wgs84Data {
	const storedExtent = extentOf(read.features.map((f) => f.geometry));
	const projection = planWgs84(read.crs, storedExtent, options);
	const features = read.features.map((f) => ({ ...f, geometry: f.geometry && (storedExtent ? projection.project(f.geometry) : f.geometry) }));
	if (storedExtent) {
		const broken = features.findIndex((f) => f.geometry && hasNonFinite(f.geometry));
		if (broken >= 0) throw doesNotConvert(broken + 1);
		checkLanded(projection, extentOf(features.map((f) => f.geometry)), storedExtent, options);
	}
	return { features, crs: projection.crs, crsSource: projection.crsSource, notes: projection.notes, lonLatUnstated: projection.lonLatUnstated };
}
