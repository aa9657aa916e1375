// GCJ-02 ("Mars coordinates", used by AMap/Gaode and Tencent) ↔ WGS84, after the
// public-domain eviltransform algorithm (github.com/googollee/eviltransform). GCJ-02
// adds an obfuscated offset of a few hundred metres inside China (≈ 250 m east,
// 145 m north around Changji); outside China it equals WGS84.

import type { Position } from 'geojson';

const A = 6378245.0; // Krasovsky 1940 semi-major axis, as the algorithm defines it
const EE = 0.00669342162296594323; // its first eccentricity squared

function outOfChina(lon: number, lat: number): boolean {
	return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function transformLat(x: number, y: number): number {
	let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
	r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
	r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
	r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
	return r;
}

function transformLon(x: number, y: number): number {
	let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
	r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
	r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
	r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
	return r;
}

/** The GCJ-02 offset (degrees) at a WGS84 position. */
function offset(lon: number, lat: number): [number, number] {
	if (outOfChina(lon, lat)) return [0, 0];
	const radLat = (lat / 180) * Math.PI;
	const magic = 1 - EE * Math.sin(radLat) ** 2;
	const sqrtMagic = Math.sqrt(magic);
	const dLat = (transformLat(lon - 105, lat - 35) * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
	const dLon = (transformLon(lon - 105, lat - 35) * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
	return [dLon, dLat];
}

/** WGS84 [lon, lat] → GCJ-02 [lon, lat]. */
export function wgs84ToGcj02([lon, lat]: Position): Position {
	const [dLon, dLat] = offset(lon, lat);
	return [lon + dLon, lat + dLat];
}

/**
 * GCJ-02 [lon, lat] → WGS84 [lon, lat]. The forward offset has no closed-form inverse, so
 * iterate: guess, shift forward, correct by the miss, until it is below 1e-10° (≈ 0.01 mm).
 *
 * @example gcj02ToWgs84(wgs84ToGcj02([87.3, 44.01])) // ≈ [87.3, 44.01]
 */
export function gcj02ToWgs84([lon, lat]: Position): Position {
	let x = lon;
	let y = lat;
	for (let i = 0; i < 30; i++) {
		const [gx, gy] = wgs84ToGcj02([x, y]);
		const mx = gx - lon;
		const my = gy - lat;
		x -= mx;
		y -= my;
		if (Math.abs(mx) < 1e-10 && Math.abs(my) < 1e-10) break;
	}
	return [x, y];
}
