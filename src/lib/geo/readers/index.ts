import { LocalizedError, L } from '../localized-error';
import { bytesSource, headOf, type ByteSource } from './byte-source';
import { baseName, splitName } from './files';
import { flatGeobufStream, isFlatGeobuf } from './flatgeobuf';
import { geoJsonStream } from './geojson';
import { geoPackageStream, isSqlite } from './geopackage';
import { kmlStream } from './kml';
import { shapefileStream } from './shapefile';
import type { FeatureStream, NamedFile, ReadOptions, ReadResult, SourceFeature } from './types';
import { entryChunks, isZip, zipEntries } from './zip';

export type { DeclaredCrs, FeatureStream, FileFormat, NamedFile, ReadOptions, ReadResult, SourceFeature } from './types';
export type { ByteSource } from './byte-source';

const DATA_FILES = ['shp', 'kml', 'geojson', 'json', 'gpkg', 'fgb'];
const SHAPEFILE_PARTS = ['shp', 'shx', 'dbf', 'prj', 'cpg'];

function firstCharacter(bytes: Uint8Array): string {
	const head = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '').trimStart();
	return head.charAt(0);
}

/** The default for ReadOptions.unpack: the entry in memory. */
async function unpackInMemory(name: string, chunks: AsyncIterable<Uint8Array>): Promise<ByteSource> {
	const parts: Uint8Array[] = [];
	let length = 0;
	for await (const chunk of chunks) {
		parts.push(chunk.slice());
		length += chunk.byteLength;
	}
	const bytes = new Uint8Array(length);
	let at = 0;
	for (const part of parts) {
		bytes.set(part, at);
		at += part.byteLength;
	}
	return bytesSource({ name, bytes });
}

/** The data files of a zip, unpacked (a shapefile with its parts). */
async function openZip(zip: ByteSource, options: ReadOptions): Promise<FeatureStream> {
	const entries = await zipEntries(zip);
	const inner = entries.filter((e) => DATA_FILES.includes(splitName(e.name).ext));
	if (!inner.length)
		throw new LocalizedError(L(`${baseName(zip.name)} 中没有可读取的数据文件`, `${baseName(zip.name)} holds no data file that can be read`));
	const shapefile = inner.some((e) => splitName(e.name).ext === 'shp');
	const wanted = shapefile ? entries.filter((e) => SHAPEFILE_PARTS.includes(splitName(e.name).ext)) : [inner[0]];
	const unpack = options.unpack ?? unpackInMemory;
	const unpacked: ByteSource[] = [];
	for (const entry of wanted) unpacked.push(await unpack(entry.name, entryChunks(zip, entry, options.maxZipEntryBytes)));
	return shapefile ? shapefileStream(unpacked, options) : openFeatures(unpacked, options);
}

/**
 * Opens what the user gave — one file (GeoJSON, zipped shapefile, GeoPackage, FlatGeobuf,
 * KML/KMZ) or a loose shapefile's parts (.shp with .shx/.dbf/.prj/.cpg) — to be read a
 * piece at a time. The format is told by content first and file extension second. No file
 * system access: the command line passes file handles, a browser its upload.
 */
export async function openFeatures(files: readonly ByteSource[], options: ReadOptions = {}): Promise<FeatureStream> {
	if (!files.length) throw new LocalizedError(L('没有文件', 'No file given'));
	if (files.some((f) => splitName(f.name).ext === 'shp')) return shapefileStream(files, options);
	const [file] = files;
	const { ext } = splitName(file.name);
	const head = await headOf(file);
	if (isZip(head)) return openZip(file, options);
	if (isSqlite(head)) return geoPackageStream(file, options);
	if (isFlatGeobuf(head)) return flatGeobufStream(file);
	const first = firstCharacter(head);
	if (ext === 'kml' || first === '<') return kmlStream(file, options);
	if (ext === 'geojson' || ext === 'json' || first === '{') return geoJsonStream(file, options);
	if (ext === 'dbf' || ext === 'shx' || ext === 'prj')
		throw new LocalizedError(L('缺少 .shp 文件：请给出 .shp（同目录下的 .dbf/.prj/.cpg 会一并读取）', 'The .shp is missing: name the .shp (its .dbf/.prj/.cpg beside it are read with it)'));
	throw new LocalizedError(
		L(
			`无法识别 ${baseName(file.name)} 的格式；支持 GeoJSON、Shapefile（.shp 或 .zip）、GeoPackage、FlatGeobuf、KML/KMZ`,
			`Cannot tell the format of ${baseName(file.name)}; supported: GeoJSON, Shapefile (.shp or .zip), GeoPackage, FlatGeobuf, KML/KMZ`
		)
	);
}

/** Reads every feature of files already in memory (a browser upload; tests). */
export async function readFeatures(files: readonly NamedFile[], options: ReadOptions = {}): Promise<ReadResult> {
	const stream = await openFeatures(files.map(bytesSource), options);
	const features: SourceFeature[] = [];
	for await (const feature of stream.features()) features.push(feature);
	return { format: stream.format, layerName: stream.layerName, features, crs: stream.crs, encoding: stream.encoding, notes: stream.notes };
}
