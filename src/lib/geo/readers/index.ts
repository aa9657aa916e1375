import { LocalizedError, L } from '../localized-error';
import { baseName, splitName } from './files';
import { isFlatGeobuf, readFlatGeobuf } from './flatgeobuf';
import { readGeoJson } from './geojson';
import { isSqlite, readGeoPackage } from './geopackage';
import { readKml } from './kml';
import { readShapefile } from './shapefile';
import type { NamedFile, ReadOptions, ReadResult } from './types';
import { isZip, unzip } from './zip';

export type { DeclaredCrs, FileFormat, NamedFile, ReadOptions, ReadResult, SourceFeature } from './types';

function firstCharacter(bytes: Uint8Array): string {
	const head = new TextDecoder().decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, '').trimStart();
	return head.charAt(0);
}

/**
 * Reads features from what the user gave: one file (GeoJSON, zipped shapefile, GeoPackage,
 * FlatGeobuf, KML/KMZ) or a loose shapefile's parts (.shp with .dbf/.prj/.cpg). The format
 * is told by content first and file extension second. No file system access, so the same
 * code serves the command line and a browser upload.
 */
export async function readFeatures(files: readonly NamedFile[], options: ReadOptions = {}): Promise<ReadResult> {
	if (!files.length) throw new LocalizedError(L('没有文件', 'No file given'));
	if (files.some((f) => splitName(f.name).ext === 'shp')) return readShapefile(files, options);
	const [file] = files;
	const { ext } = splitName(file.name);
	if (isZip(file.bytes)) {
		const entries = await unzip(file.bytes);
		const inner = entries.filter((e) => ['shp', 'kml', 'geojson', 'json', 'gpkg', 'fgb'].includes(splitName(e.name).ext));
		if (!inner.length)
			throw new LocalizedError(L(`${baseName(file.name)} 中没有可读取的数据文件`, `${baseName(file.name)} holds no data file that can be read`));
		if (inner.some((e) => splitName(e.name).ext === 'shp')) return readShapefile(entries, options);
		return readFeatures([inner[0]], options);
	}
	if (isSqlite(file.bytes)) return readGeoPackage(file.bytes, options);
	if (isFlatGeobuf(file.bytes)) return readFlatGeobuf(file.bytes);
	const first = firstCharacter(file.bytes);
	if (ext === 'kml' || first === '<') return readKml(file.bytes);
	if (ext === 'geojson' || ext === 'json' || first === '{') return readGeoJson(file.bytes);
	if (ext === 'dbf' || ext === 'shx' || ext === 'prj')
		throw new LocalizedError(L('缺少 .shp 文件：请给出 .shp（同目录下的 .dbf/.prj/.cpg 会一并读取）', 'The .shp is missing: name the .shp (its .dbf/.prj/.cpg beside it are read with it)'));
	throw new LocalizedError(
		L(
			`无法识别 ${baseName(file.name)} 的格式；支持 GeoJSON、Shapefile（.shp 或 .zip）、GeoPackage、FlatGeobuf、KML/KMZ`,
			`Cannot tell the format of ${baseName(file.name)}; supported: GeoJSON, Shapefile (.shp or .zip), GeoPackage, FlatGeobuf, KML/KMZ`
		)
	);
}
