// BD-09 (Baidu Maps) from GCJ-02: Baidu's published offset on top of GCJ-02's
// (the "x_pi" formula of Baidu's coordinate API).
import type { Position } from 'geojson';
import { wgs84ToGcj02 } from './gcj02';

const X_PI = (Math.PI * 3000) / 180;

/** GCJ-02 [lon, lat] → BD-09 [lon, lat]. */
export function gcj02ToBd09([lon, lat]: Position): Position {
	const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
	const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
	return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

/**
 * WGS84 [lon, lat] → BD-09 [lon, lat], what Baidu's map links expect.
 *
 * @example wgs84ToBd09([87.98, 44.16]) // ≈ [87.98937, 44.16722]
 */
export function wgs84ToBd09(position: Position): Position {
	return gcj02ToBd09(wgs84ToGcj02(position));
}
