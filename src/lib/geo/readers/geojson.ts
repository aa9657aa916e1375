import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { LocalizedError, L } from '../localized-error';
import type { DeclaredCrs, ReadResult, SourceFeature } from './types';

interface LegacyCrs {
	type?: string;
	properties?: { name?: string; code?: number };
}

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

/** The pre-RFC 7946 `crs` member GDAL still writes for data not in WGS84. */
function declaredCrs(crs: LegacyCrs | undefined): DeclaredCrs {
	const name = crs?.properties?.name;
	if (name) return { where: 'GeoJSON crs', text: name };
	if (crs?.type === 'EPSG' && crs.properties?.code) return { where: 'GeoJSON crs', epsg: crs.properties.code };
	return { where: 'RFC 7946', epsg: 4326, implicit: true };
}

/** A FeatureCollection, a single Feature or a bare geometry (UTF-8, with or without BOM). */
export function readGeoJson(bytes: Uint8Array): ReadResult {
	let root: (FeatureCollection | Feature | Geometry) & { crs?: LegacyCrs };
	try {
		root = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''));
	} catch (error) {
		throw new LocalizedError(L(`GeoJSON 不是有效的 JSON：${(error as Error).message}`, `The GeoJSON is not valid JSON: ${(error as Error).message}`));
	}
	let features: SourceFeature[];
	if (root?.type === 'FeatureCollection' && Array.isArray(root.features))
		features = root.features.map((f) => ({ geometry: f?.geometry ?? null, properties: f?.properties ?? {} }));
	else if (root?.type === 'Feature') features = [{ geometry: root.geometry ?? null, properties: root.properties ?? {} }];
	else if (GEOMETRY_TYPES.has(root?.type)) features = [{ geometry: root as Geometry, properties: {} }];
	else throw new LocalizedError(L('不是 GeoJSON（缺少 FeatureCollection / Feature）', 'Not GeoJSON (no FeatureCollection or Feature)'));
	return { format: 'geojson', features, crs: declaredCrs(root.crs), notes: [] };
}
