import type { Geometry } from 'geojson';
import type { Footprint } from '../../check/types';

/**
 * A validated footprint as one GeoJSON geometry PostGIS can read: a Multi* of its one kind, or
 * a GeometryCollection when it mixes polygons, lines and points (drawn building + access road).
 */
export function footprintGeometry(footprint: Footprint): Geometry {
	const { polygons, lines, points } = footprint.parts;
	const members: Geometry[] = [];
	if (polygons.length) members.push({ type: 'MultiPolygon', coordinates: polygons });
	if (lines.length) members.push({ type: 'MultiLineString', coordinates: lines });
	if (points.length) members.push({ type: 'MultiPoint', coordinates: points });
	return members.length === 1 ? members[0] : { type: 'GeometryCollection', geometries: members };
}
