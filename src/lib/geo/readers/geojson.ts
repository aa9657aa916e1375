import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { LocalizedError, L } from '../localized-error';
import { chunksOf, readWhole, type ByteSource } from './byte-source';
import { FeatureCollectionScanner } from './geojson-scanner';
import { checkWholeSize } from './limits';
import type { DeclaredCrs, FeatureStream, ReadOptions, SourceFeature } from './types';

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

const notGeoJson = () => new LocalizedError(L('不是 GeoJSON（缺少 FeatureCollection / Feature）', 'Not GeoJSON (no FeatureCollection or Feature)'));

const asSource = (f: Partial<Feature> | null): SourceFeature => ({ geometry: f?.geometry ?? null, properties: f?.properties ?? {} });

/** A single Feature or a bare geometry: small by nature, parsed whole. */
async function readSingle(source: ByteSource, options: ReadOptions): Promise<{ feature: SourceFeature; crs?: LegacyCrs }> {
	checkWholeSize(source, options);
	let root: (Feature | Geometry | FeatureCollection) & { crs?: LegacyCrs };
	try {
		root = JSON.parse(new TextDecoder().decode(await readWhole(source)).replace(/^\uFEFF/, ''));
	} catch (error) {
		throw new LocalizedError(L(`GeoJSON 不是有效的 JSON：${(error as Error).message}`, `The GeoJSON is not valid JSON: ${(error as Error).message}`));
	}
	if (root?.type === 'Feature') return { feature: asSource(root), crs: root.crs };
	if (GEOMETRY_TYPES.has(root?.type)) return { feature: { geometry: root as Geometry, properties: {} }, crs: root.crs };
	throw notGeoJson();
}

/**
 * A FeatureCollection (streamed: any size), a single Feature or a bare geometry (UTF-8,
 * with or without BOM). The crs member may come after the features: it is known once the
 * features have been read through.
 */
export function geoJsonStream(source: ByteSource, options: ReadOptions = {}): FeatureStream {
	const stream: FeatureStream = {
		format: 'geojson',
		notes: [],
		async *features() {
			const scanner = new FeatureCollectionScanner();
			for await (const chunk of chunksOf(source)) for (const feature of scanner.push(chunk)) yield asSource(feature as Feature);
			scanner.end();
			if (scanner.sawFeatures) {
				if (scanner.members.type !== 'FeatureCollection') throw notGeoJson();
				stream.crs = declaredCrs(scanner.members.crs as LegacyCrs | undefined);
				return;
			}
			const single = await readSingle(source, options);
			stream.crs = declaredCrs(single.crs);
			yield single.feature;
		}
	};
	return stream;
}
