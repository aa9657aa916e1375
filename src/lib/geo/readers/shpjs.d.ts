// The part of shpjs (no bundled types) the shapefile reader uses.
declare module 'shpjs' {
	/** Geometries of a .shp, one per record (null for null shapes); reprojected only when `prj` is given. */
	export function parseShp(shp: ArrayBuffer | ArrayBufferView, prj?: string | false): (import('geojson').Geometry | null)[];
}
