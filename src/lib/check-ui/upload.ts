// Reading an uploaded footprint in the browser: the importer's readers and CRS handling,
// loaded on first upload (with sql.js's wasm for GeoPackage) — not with the page. Coordinate
// lists (报盘 .txt, 界址点 .csv) go to the parser the typed-coordinates tab uses.
import type { Geometry } from 'geojson';
// The browser build of sql.js (package "exports" → sql-wasm-browser.js) looks for this file.
import sqlWasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import type { Localized } from '$lib/layers/types';
import { parseCoordinateList, type CoordinateListCrs, type CoordinateListOptions } from '$lib/geo/coordinate-list';
import { crsLabel } from '$lib/geo/crs';
import { LocalizedError } from '$lib/geo/localized-error';
import { readFeatures } from '$lib/geo/readers';
import { splitName } from '$lib/geo/readers/files';
import { decodeText } from '$lib/geo/text-encoding';
import { CrsRefusal, toWgs84, type ToWgs84Options } from '$lib/geo/to-wgs84';
import { placementQuestion, type CrsQuestion } from './crs-question';

/** How to read the upload: the coordinate-system menu, and the person's answers to a CRS question. */
export interface UploadRequest {
	/** The menu: 'auto' (the file's own word), 'gcj02', 'bd09' or 'EPSG:nnnn'. */
	crs: string;
	/** A CRS picked from the suggestions, over the menu and the file, with its axis order (swap: easting first / x and y exchanged). */
	pick?: { epsg: number; swap: boolean };
	/** Keep data that lands far from Changji: the person chose the file's CRS anyway. */
	allowFar?: boolean;
}

export type UploadOutcome =
	| {
			ok: true;
			geometries: Geometry[];
			notes: Localized[];
			crs: string;
			format: string;
			count: number;
			/** Lon/lat that may be WGS84 or a web map's GCJ-02/BD-09: the page asks which. */
			lonLatUnstated: boolean;
	  }
	| { ok: false; error: Localized; details: readonly Localized[]; question?: CrsQuestion };

/**
 * The importer's messages name its command-line flags (--srs, --from-gcj02); on this page
 * the same choice is the coordinate-system menu.
 */
function forThePage(text: Localized): Localized {
	const swap = (s: string, lang: 'zh' | 'en') =>
		s
			.replace(/--srs (EPSG:\d+|EPSG:nnnn)( --swap-xy)?/g, (_, code: string) => (lang === 'zh' ? `在“坐标系”中选择 ${code}` : `choose ${code} under “Coordinate system”`))
			.replace(/(请)?加\s*--from-gcj02/g, '请在“坐标系”中选择 GCJ-02')
			.replace(/add --from-gcj02/g, 'choose GCJ-02 under “Coordinate system”')
			.replace(/--from-gcj02/g, lang === 'zh' ? '“坐标系”中的 GCJ-02' : 'GCJ-02 under “Coordinate system”')
			.replace(/--srs/g, lang === 'zh' ? '“坐标系”' : '“Coordinate system”');
	return { zh: swap(text.zh, 'zh'), en: swap(text.en, 'en') };
}

const L = (zh: string, en: string): Localized => ({ zh, en });

const TEXT_EXTENSIONS = ['txt', 'csv'];
const SURVEY_HEADER = /^\s*\[(属性描述|地块坐标)\]/;

/** A coordinate list: a .txt/.csv, or any file that opens like a 报盘 file. */
function isCoordinateText(name: string, text: string): boolean {
	return TEXT_EXTENSIONS.includes(splitName(name).ext) || SURVEY_HEADER.test(text);
}

function listOptions(request: UploadRequest): CoordinateListOptions {
	const menu: Record<string, CoordinateListCrs> = { auto: 'auto', gcj02: 'gcj02', bd09: 'bd09', 'EPSG:4326': 'wgs84', 'EPSG:4490': 'cgcs2000' };
	const options: CoordinateListOptions = { allowFar: request.allowFar };
	if (request.pick) return { ...options, epsg: request.pick.epsg, eastingFirst: request.pick.swap };
	if (menu[request.crs]) return { ...options, crs: menu[request.crs] };
	const epsg = Number(/^EPSG:(\d+)$/.exec(request.crs)?.[1]);
	return { ...options, crs: 'gk3', epsg };
}

function wgs84Options(request: UploadRequest): ToWgs84Options {
	const base: ToWgs84Options = { allowFar: request.allowFar, asksLonLatSource: true };
	if (request.pick) return { ...base, srs: `EPSG:${request.pick.epsg}`, swapXY: request.pick.swap };
	if (request.crs === 'gcj02') return { ...base, fromGcj02: true };
	if (request.crs === 'bd09') return { ...base, fromBd09: true };
	return request.crs === 'auto' ? base : { ...base, srs: request.crs };
}

const partCount = (g: Geometry): number =>
	g.type === 'GeometryCollection' ? g.geometries.reduce((n, x) => n + partCount(x), 0) : g.type.startsWith('Multi') ? (g as { coordinates: unknown[] }).coordinates.length : 1;

/** A 报盘 file or a 界址点 list, read by the coordinate-list parser. */
function readCoordinateText(text: string, encoding: string, request: UploadRequest): UploadOutcome {
	const result = parseCoordinateList(text, listOptions(request));
	if (!result.ok) {
		const { error } = result;
		const message = error.line ? L(`第 ${error.line} 行：${error.message.zh}`, `Line ${error.line}: ${error.message.en}`) : error.message;
		return { ok: false, error: message, details: [], ...(error.placement ? { question: placementQuestion(error.placement) } : {}) };
	}
	const read = L(`按坐标列表读取（${encoding === 'gb18030' ? 'GBK 编码' : 'UTF-8'}）：${result.crs.code} ${result.crs.label.zh}`, `Read as a coordinate list (${encoding === 'gb18030' ? 'GBK' : 'UTF-8'}): ${result.crs.code} ${result.crs.label.en}`);
	return {
		ok: true,
		geometries: [result.geometry],
		notes: [read, ...result.notes],
		crs: result.crs.code,
		format: 'coordinate-list',
		count: partCount(result.geometry),
		lonLatUnstated: result.lonLatUnstated
	};
}

function question(refusal: CrsRefusal, options: ToWgs84Options): CrsQuestion {
	return {
		used: refusal.used?.epsg ? `EPSG:${refusal.used.epsg}` : undefined,
		lands: refusal.far?.lands,
		suggestions: refusal.suggestions.map((s) => ({ epsg: s.epsg, swap: (options.swapXY ?? false) !== s.swapped, lands: s.lands })),
		canKeep: refusal.far !== undefined
	};
}

/** Reads the files (one file, or a shapefile's parts) and brings them to WGS84. */
export async function readUpload(files: readonly File[], request: UploadRequest): Promise<UploadOutcome> {
	const options = wgs84Options(request);
	try {
		const named = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
		if (named.length === 1) {
			const decoded = decodeText(named[0].bytes.subarray(0, 4096));
			if (isCoordinateText(named[0].name, decoded.text)) {
				const whole = decodeText(named[0].bytes);
				return readCoordinateText(whole.text, whole.encoding, request);
			}
		}
		// A footprint is small: a zip entry that unpacks to more than this is a zip bomb, not a site plan.
		const read = await readFeatures(named, { locateSqlJsFile: () => sqlWasmUrl, maxZipEntryBytes: 64 * 1024 * 1024 });
		const data = toWgs84(read, options);
		const geometries = data.features.flatMap((f) => (f.geometry ? [f.geometry] : []));
		if (!geometries.length) return { ok: false, error: L('文件中没有带几何图形的要素', 'The file holds no feature with a geometry'), details: [] };
		return {
			ok: true,
			geometries,
			notes: [...read.notes, ...data.notes].map(forThePage),
			crs: crsLabel(data.crs),
			format: read.format,
			count: geometries.length,
			lonLatUnstated: data.lonLatUnstated
		};
	} catch (error) {
		if (error instanceof CrsRefusal) return { ok: false, error: forThePage(error.text), details: [], question: question(error, options) };
		if (error instanceof LocalizedError) return { ok: false, error: forThePage(error.text), details: error.details.map(forThePage) };
		console.error('[ecomap] upload could not be read:', error);
		return {
			ok: false,
			error: L(`无法读取文件：${error instanceof Error ? error.message : String(error)}`, `The file cannot be read: ${error instanceof Error ? error.message : String(error)}`),
			details: []
		};
	}
}
