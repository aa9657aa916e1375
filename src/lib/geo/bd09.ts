// BD-09 (Baidu Maps) from GCJ-02: Baidu's published offset on top of GCJ-02's
// (the "x_pi" formula of Baidu's coordinate API).
import type { Position } from 'geojson';
import { gcj02ToWgs84, wgs84ToGcj02 } from './gcj02';

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

/** BD-09 [lon, lat] → GCJ-02 [lon, lat]: the forward formula inverted by iteration (to 1e-10°, as gcj02ToWgs84). */
export function bd09ToGcj02([lon, lat]: Position): Position {
	let x = lon - 0.0065;
	let y = lat - 0.006;
	for (let i = 0; i < 30; i++) {
		const [bx, by] = gcj02ToBd09([x, y]);
		const mx = bx - lon;
		const my = by - lat;
		x -= mx;
		y -= my;
		if (Math.abs(mx) < 1e-10 && Math.abs(my) < 1e-10) break;
	}
	return [x, y];
}

/**
 * BD-09 [lon, lat] (a Baidu map's coordinates) → WGS84 [lon, lat].
 *
 * @example bd09ToWgs84(wgs84ToBd09([87.98, 44.16])) // ≈ [87.98, 44.16]
 */
export function bd09ToWgs84(position: Position): Position {
	return gcj02ToWgs84(bd09ToGcj02(position));
}
