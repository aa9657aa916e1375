import type { Geometry } from 'geojson';
import type { Localized } from '../../layers/types';

/** A file as the user gave it: a path's base name (or an upload's name) and its bytes. */
export interface NamedFile {
	name: string;
	bytes: Uint8Array;
}

export type FileFormat = 'geojson' | 'shapefile' | 'geopackage' | 'flatgeobuf' | 'kml';

/** A feature as read, in the file's own coordinates; geometry null when the record has none. */
export interface SourceFeature {
	geometry: Geometry | null;
	properties: Record<string, unknown>;
}

/** The CRS a file declares, and where it says so. */
export interface DeclaredCrs {
	/** e.g. ".prj", "GeoJSON crs", "gpkg_spatial_ref_sys". */
	where: string;
	/** A WKT, URN or name to identify. */
	text?: string;
	epsg?: number;
	/** Not written in the file but fixed by the format (RFC 7946 GeoJSON, KML: WGS84). */
	implicit?: boolean;
}

export interface ReadResult {
	format: FileFormat;
	/** The layer or table read, when the file has several. */
	layerName?: string;
	features: SourceFeature[];
	/** Absent when the file says nothing (a shapefile without .prj). */
	crs?: DeclaredCrs;
	/** Text encoding of the attributes, where the format leaves it open (shapefile). */
	encoding?: string;
	notes: Localized[];
}

/**
 * Features read a piece at a time, for files too large to hold (the importer reads a file
 * twice: once to survey it, once to write it).
 */
export interface FeatureStream {
	format: FileFormat;
	layerName?: string;
	/** What the file declares; final once features() has been read through (GeoJSON and FlatGeobuf may say it late). */
	crs?: DeclaredCrs;
	encoding?: string;
	notes: Localized[];
	/** The features in file order; may be read more than once. */
	features(): AsyncIterable<SourceFeature>;
}

export interface ReadOptions {
	/** Which layer/table to read from a GeoPackage or a zip with several shapefiles. */
	table?: string;
	/** Shapefile attribute encoding, overriding .cpg and detection (e.g. "gbk", "utf-8"). */
	encoding?: string;
	/**
	 * Where sql.js finds its wasm (GeoPackage). In Node it defaults to the copy in
	 * node_modules; a browser passes the URL its bundler gives the file.
	 */
	locateSqlJsFile?: (file: string) => string;
	/** Formats read whole (GeoPackage, KML, a GeoJSON that is not a FeatureCollection): the largest file accepted. */
	maxWholeFileBytes?: number;
	/** Zip entries larger than this (declared or found while unpacking) are refused. */
	maxZipEntryBytes?: number;
	/**
	 * Where a zip entry goes once unpacked: the default keeps it in memory; the importer
	 * writes it to a temporary file. `chunks` stops with an error past maxZipEntryBytes.
	 */
	unpack?: (name: string, chunks: AsyncIterable<Uint8Array>) => Promise<import('./byte-source').ByteSource>;
}
