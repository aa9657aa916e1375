// Where lon/lat came from, when nothing in the input says: a GPS, 天地图 or 北斗 (WGS84 /
// CGCS2000, equal here within a metre), or a Chinese web map whose coordinates carry an
// offset — AMap/Gaode and Tencent (GCJ-02, ≈ 300 m around Changji) or Baidu (BD-09). The
// numbers look the same either way; only the person who copied them can say.
import type { Geometry, Position } from 'geojson';
import { bd09ToWgs84, wgs84ToBd09 } from './bd09';
import { gcj02ToWgs84, wgs84ToGcj02 } from './gcj02';
import { mapPositions } from './positions';

export type LonLatSource = 'wgs84' | 'gcj02' | 'bd09';

export const LON_LAT_SOURCES: readonly LonLatSource[] = ['gcj02', 'wgs84', 'bd09'];

const TO_WGS84: Record<LonLatSource, (p: Position) => Position> = { wgs84: (p) => [p[0], p[1]], gcj02: gcj02ToWgs84, bd09: bd09ToWgs84 };
const FROM_WGS84: Record<LonLatSource, (p: Position) => Position> = { wgs84: (p) => [p[0], p[1]], gcj02: wgs84ToGcj02, bd09: wgs84ToBd09 };

export function isLonLatSource(value: unknown): value is LonLatSource {
	return value === 'wgs84' || value === 'gcj02' || value === 'bd09';
}

/**
 * A WGS84 geometry that was read as coming from `from`, read instead as coming from `to`:
 * back to the numbers as given, then converted as `to` says. Edits made since are carried along.
 *
 * @example relabelLonLat({ type: 'Point', coordinates: [87.3, 44.01] }, 'wgs84', 'gcj02') // ≈ 87.2967, 44.0087
 */
export function relabelLonLat(geometry: Geometry, from: LonLatSource, to: LonLatSource): Geometry {
	if (from === to) return geometry;
	return mapPositions(geometry, (p) => TO_WGS84[to](FROM_WGS84[from](p)));
}
