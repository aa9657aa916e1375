import type { Geometry } from 'geojson';
import type { LayerDef, Localized } from '../../layers/types';
import { L } from '../../geo/localized-error';

const ACCEPTED: Record<LayerDef['geometry'], readonly Geometry['type'][]> = {
	polygon: ['Polygon', 'MultiPolygon'],
	line: ['LineString', 'MultiLineString'],
	point: ['Point']
};

const KIND_NAMES: Record<LayerDef['geometry'], Localized> = {
	polygon: L('面（Polygon/MultiPolygon）', 'polygons (Polygon/MultiPolygon)'),
	line: L('线（LineString/MultiLineString）', 'lines (LineString/MultiLineString)'),
	point: L('点（Point）', 'points (Point)')
};

/** True for a geometry without any position (an empty collection or coordinate list). */
export function isEmptyGeometry(geometry: Geometry): boolean {
	if (geometry.type === 'GeometryCollection') return geometry.geometries.every(isEmptyGeometry);
	return !holdsPosition(geometry.coordinates);
}

/** Whether nested coordinate arrays hold a position anywhere (stops at the first one). */
function holdsPosition(coordinates: unknown): boolean {
	if (!Array.isArray(coordinates) || coordinates.length === 0) return false;
	if (!Array.isArray(coordinates[0])) return true;
	return coordinates.some(holdsPosition);
}

/**
 * The geometry as the layer stores it, or why it cannot be: a polygon layer takes
 * polygons only, and so on. A multipoint of one point counts as a point.
 */
export function fitGeometryKind(layer: LayerDef, geometry: Geometry): { geometry: Geometry } | { problem: Localized } {
	if (geometry.type === 'MultiPoint' && geometry.coordinates.length === 1 && layer.geometry === 'point')
		return { geometry: { type: 'Point', coordinates: geometry.coordinates[0] } };
	if (ACCEPTED[layer.geometry].includes(geometry.type)) return { geometry };
	const wanted = KIND_NAMES[layer.geometry];
	return {
		problem: L(
			`几何类型为 ${geometry.type}，图层 ${layer.id} 只接受${wanted.zh}`,
			`geometry is a ${geometry.type}, but layer ${layer.id} takes ${wanted.en} only`
		)
	};
}
