import * as geographiclib from 'geographiclib-geodesic';
import { edgeBowM, extend, forEachEdgeNear } from './bow';
import { OUTSIDE } from './planar';
import { findContact, locate, prepare, someVertexIn, type Prepared } from './relate';
import type { BBox, Parts, PolygonCoords } from './types';

// The package is a UMD bundle (see geodesic.ts).
type GeographicLib = typeof geographiclib;
const lib: GeographicLib = (geographiclib as unknown as { default?: GeographicLib }).default ?? geographiclib;
const { Geodesic } = lib;
const CAPS = Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.DISTANCE_IN;
const POSITION = Geodesic.LATITUDE | Geodesic.LONGITUDE;

/** Bows below this (m) are left out: far below the agreement tolerance (1 m). */
const MIN_BOW_M = 0.01;

/**
 * The lenses of a geometry's polygon edges near `box`: for each edge that bows, the region
 * between its straight [lon, lat] line and its geodesic (densified so the pieces bow < 1 cm).
 * A lens is where the planar polygon (as `ST_Intersects` sees it) and the geodesic one (as
 * `ST_Distance(geography)` sees it) differ: a footprint that is planar-disjoint from a
 * polygon but meets one of its lenses lies on or inside it on the ellipsoid — distance 0.
 */
export function lensesNear(parts: Parts, box: BBox): Parts {
	const polygons: PolygonCoords[] = [];
	forEachEdgeNear(parts, box, false, (ax, ay, bx, by) => {
		const bow = edgeBowM(ax, ay, bx, by);
		if (bow < MIN_BOW_M) return;
		// A piece 1/n as long bows 1/n² as much.
		const n = Math.min(4096, Math.max(2, Math.ceil(Math.sqrt(bow / MIN_BOW_M))));
		const line = Geodesic.WGS84.InverseLine(ay, ax, by, bx, CAPS);
		const lens: [number, number][] = [[ax, ay]];
		for (let k = 1; k < n; k++) {
			const p = line.Position((line.s13 * k) / n, POSITION);
			lens.push([p.lon2 ?? ax, p.lat2 ?? ay]);
		}
		lens.push([bx, by], [ax, ay]);
		polygons.push([lens]);
	});
	let bbox: BBox | undefined;
	for (const p of polygons) for (const q of p[0]) bbox = extend(bbox, q);
	return { polygons, lines: [], points: [], bbox };
}

/** Whether `a` meets (crosses, touches, lies in or holds part of) one of the lenses. */
export function meetsLenses(a: Prepared, lenses: Parts): boolean {
	if (lenses.polygons.length === 0) return false;
	const l = prepare(lenses);
	const c = findContact(a, l);
	if (c.polygonPolygon || c.polygonOther || c.line || c.point) return true;
	if (someVertexIn(a, l, 'lines') || someVertexIn(a, l, 'points')) return true;
	for (const polygon of a.parts.polygons) if (locate(l, polygon[0][0][0], polygon[0][0][1]) !== OUTSIDE) return true;
	for (const lens of lenses.polygons) if (locate(a, lens[0][1][0], lens[0][1][1]) !== OUTSIDE) return true;
	return false;
}
