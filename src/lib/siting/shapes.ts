import type { Polygon, Position } from 'geojson';
import { metresPerDegree } from './placements';

/**
 * A north-up rectangle of `widthM` × `heightM` metres centred on a point (WGS84): the tiny square
 * a tapped spot is checked with, the 1 km² test rectangle of the benches and tests.
 *
 * @example
 * rectangleAround([87.3, 44.0], 1250, 800); // 1 km²
 */
export function rectangleAround([lon, lat]: Position, widthM: number, heightM = widthM): Polygon {
	const m = metresPerDegree(lat);
	const dLon = widthM / 2 / m.lon;
	const dLat = heightM / 2 / m.lat;
	return { type: 'Polygon', coordinates: [[[lon - dLon, lat - dLat], [lon + dLon, lat - dLat], [lon + dLon, lat + dLat], [lon - dLon, lat + dLat], [lon - dLon, lat - dLat]]] };
}
