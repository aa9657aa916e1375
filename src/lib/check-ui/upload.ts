// Reading an uploaded footprint in the browser: the importer's readers and CRS handling,
// loaded on first upload (with sql.js's wasm for GeoPackage) — not with the page.
import type { Geometry } from 'geojson';
// The browser build of sql.js (package "exports" → sql-wasm-browser.js) looks for this file.
import sqlWasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import type { Localized } from '$lib/layers/types';
import { crsLabel } from '$lib/geo/crs';
import { LocalizedError } from '$lib/geo/localized-error';
import { readFeatures } from '$lib/geo/readers';
import { toWgs84, type ToWgs84Options } from '$lib/geo/to-wgs84';

export type UploadOutcome =
	| { ok: true; geometries: Geometry[]; notes: Localized[]; crs: string; format: string; count: number }
	| { ok: false; error: Localized; details: readonly Localized[] };

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

/** Reads the files (one file, or a shapefile's parts) and brings them to WGS84. */
export async function readUpload(files: readonly File[], options: ToWgs84Options): Promise<UploadOutcome> {
	try {
		const named = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
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
			count: geometries.length
		};
	} catch (error) {
		if (error instanceof LocalizedError) return { ok: false, error: forThePage(error.text), details: error.details.map(forThePage) };
		console.error('[ecomap] upload could not be read:', error);
		return {
			ok: false,
			error: L(`无法读取文件：${error instanceof Error ? error.message : String(error)}`, `The file cannot be read: ${error instanceof Error ? error.message : String(error)}`),
			details: []
		};
	}
}
