import type { Geometry, Position } from 'geojson';

/** A placement of a footprint: its centre moved by (eastM, northM) and turned clockwise about it. */
export interface Placement {
	eastM: number;
	northM: number;
	rotationDeg: number;
	/** Planar distance of the move, m (the geodesic figure is computed for the answer). */
	ringM: number;
}

/** The six numbers of ST_Affine: x' = a·x + b·y + xoff, y' = d·x + e·y + yoff (lon/lat degrees). */
export type Affine = [a: number, b: number, d: number, e: number, xoff: number, yoff: number];

/**
 * Positions on rings around the footprint, nearest first: ring j at j·stepM, with about one
 * position per stepM of circumference (at least 8), each in every rotation; at the same
 * distance, the unturned placement comes first.
 *
 * @example
 * placements(100, 300, [0, 90]).length; // rings at 100, 200, 300 m: (8 + 13 + 19) × 2 = 80
 */
export function placements(stepM: number, maxDistanceM: number, rotations: readonly number[]): Placement[] {
	const out: Placement[] = [];
	const rings = Math.floor(maxDistanceM / stepM + 1e-9);
	for (let j = 1; j <= rings; j++) {
		const ringM = j * stepM;
		const n = Math.max(8, Math.round((2 * Math.PI * ringM) / stepM));
		// Rings start at north and alternate their phase, so neighbouring rings do not line up.
		const phase = j % 2 === 0 ? Math.PI / n : 0;
		for (const rotationDeg of rotations)
			for (let i = 0; i < n; i++) {
				const bearing = phase + (2 * Math.PI * i) / n;
				out.push({ eastM: ringM * Math.sin(bearing), northM: ringM * Math.cos(bearing), rotationDeg, ringM });
			}
	}
	return out;
}

/** Metres per degree of longitude and of latitude at a latitude (WGS84 ellipsoid). */
export function metresPerDegree(latDeg: number): { lon: number; lat: number } {
	const phi = (latDeg * Math.PI) / 180;
	const a = 6378137;
	const e2 = 0.00669437999014;
	const s = Math.sin(phi);
	const w = Math.sqrt(1 - e2 * s * s);
	return { lon: ((Math.PI / 180) * a * Math.cos(phi)) / w, lat: ((Math.PI / 180) * a * (1 - e2)) / (w * w * w) };
}

/**
 * The lon/lat affine transform of a placement about `centre`: rotation in metres (so a rectangle
 * stays a rectangle on the ground), then the move.
 */
export function placementAffine(p: Placement, centre: Position): Affine {
	const m = metresPerDegree(centre[1]);
	const theta = (-p.rotationDeg * Math.PI) / 180;
	const cos = Math.cos(theta);
	const sin = Math.sin(theta);
	const a = cos;
	const b = (-sin * m.lat) / m.lon;
	const d = (sin * m.lon) / m.lat;
	const e = cos;
	const [cx, cy] = centre;
	return [a, b, d, e, cx - a * cx - b * cy + p.eastM / m.lon, cy - d * cx - e * cy + p.northM / m.lat];
}

/** A geometry moved by an affine transform (the same arithmetic as PostGIS ST_Affine). */
export function applyAffine<G extends Geometry>(geometry: G, [a, b, d, e, xoff, yoff]: Affine): G {
	const move = (p: Position): Position => [a * p[0] + b * p[1] + xoff, d * p[0] + e * p[1] + yoff];
	const walk = (c: unknown): unknown => (typeof (c as number[])[0] === 'number' ? move(c as Position) : (c as unknown[]).map(walk));
	if (geometry.type === 'GeometryCollection') return { ...geometry, geometries: geometry.geometries.map((g) => applyAffine(g, [a, b, d, e, xoff, yoff])) };
	return { ...geometry, coordinates: walk((geometry as Exclude<Geometry, { type: 'GeometryCollection' }>).coordinates) } as G;
}
