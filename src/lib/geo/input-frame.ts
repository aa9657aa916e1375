/**
 * The coordinate system a footprint was given in (as kept with a saved check: "EPSG:4517",
 * "EPSG:4517 CGCS2000 / 3-degree Gauss-Kruger zone 29", "GCJ-02", or nothing for a drawn
 * footprint), and the way back from WGS84 into it — so a report can print the points as the
 * planner entered them. Pure and browser-safe.
 */
import type { Position } from 'geojson';
import proj4 from 'proj4';
import { crsFromEpsg, type CrsDef } from './crs';
import { wgs84ToGcj02 } from './gcj02';

export type InputFrame =
	/** Lon/lat: drawn on the map, WGS84 or CGCS2000 (taken as equal), or GCJ-02 (AMap/Tencent). */
	| { kind: 'geographic'; code: string; gcj02: boolean }
	/** Plane coordinates in metres (Gauss-Krüger, UTM, Web Mercator). */
	| { kind: 'projected'; code: string; crs: CrsDef };

const DRAWN: InputFrame = { kind: 'geographic', code: 'EPSG:4490', gcj02: false };

/**
 * What a saved check's input CRS text means; unknown text (or none) is lon/lat.
 *
 * @example
 * inputFrameOf('EPSG:4517 CGCS2000 / 3-degree Gauss-Kruger zone 29'); // { kind: 'projected', code: 'EPSG:4517', … }
 */
export function inputFrameOf(text: string | undefined | null): InputFrame {
	if (!text) return DRAWN;
	if (/^\s*GCJ-?02/i.test(text)) return { kind: 'geographic', code: 'GCJ-02', gcj02: true };
	const epsg = /^\s*EPSG:(\d{4,5})\b/i.exec(text);
	const crs = epsg ? crsFromEpsg(Number(epsg[1])) : undefined;
	if (!crs) return DRAWN;
	if (crs.geographic) return { kind: 'geographic', code: `EPSG:${crs.epsg}`, gcj02: false };
	return { kind: 'projected', code: `EPSG:${crs.epsg}`, crs };
}

/** Plane metres to 0.1 mm and degrees to 1e-9° (≈ 0.1 mm): what a round trip through WGS84 adds is below both. */
const roundTo = (v: number, digits: number) => Number(v.toFixed(digits));

/**
 * A WGS84 position in the input frame, as [x, y] in the frame's own axis order (easting/lon
 * first), rounded so that typed values come back as typed.
 */
export function toInputFrame(frame: InputFrame, position: Position): [number, number] {
	if (frame.kind === 'projected') {
		const [e, n] = proj4('WGS84', frame.crs.proj4, [position[0], position[1]]);
		return [roundTo(e, 4), roundTo(n, 4)];
	}
	const [lon, lat] = frame.gcj02 ? wgs84ToGcj02(position) : position;
	return [roundTo(lon, 9), roundTo(lat, 9)];
}
