import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import * as geographiclib from 'geographiclib-geodesic';
import { metresPerDegree } from '../geodesic';

/**
 * Deterministic test geometry around Changji: seeded PRNG (mulberry32) and star-shaped
 * blobs (always simple: the radius is a positive function of the angle), zones with holes,
 * footprints placed near and across zone edges, lines, points and multi-part shapes.
 * Shared by the PostGIS comparison test and the benchmark.
 */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export type Rng = () => number;

const between = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng();
const logBetween = (rng: Rng, lo: number, hi: number) => Math.exp(between(rng, Math.log(lo), Math.log(hi)));
const intBetween = (rng: Rng, lo: number, hi: number) => Math.floor(between(rng, lo, hi + 1));

/** Offset a [lon, lat] by metres east and north (local scale, fine for tens of km). */
export function offset(p: Position, east: number, north: number): Position {
	const m = metresPerDegree(p[1]);
	return [p[0] + east / m.lon, p[1] + north / m.lat];
}

/**
 * A closed star-shaped ring of `n` vertices: radius R·(1 + low-frequency wobble) with a little
 * per-vertex noise; counter-clockwise unless `clockwise`.
 */
export function blobRing(rng: Rng, center: Position, radiusM: number, n: number, wobble = 0.25, clockwise = false): Position[] {
	const harmonics = Array.from({ length: 4 }, (_, k) => ({
		k: k + 2,
		a: (between(rng, -1, 1) * wobble) / (k + 1),
		phase: between(rng, 0, 2 * Math.PI)
	}));
	const amplitude = harmonics.reduce((s, h) => s + Math.abs(h.a), 0);
	const scale = amplitude > 0.8 ? 0.8 / amplitude : 1;
	const noise = Math.min(0.02, 1.5 / n);
	const ring: Position[] = [];
	const phase0 = between(rng, 0, 2 * Math.PI);
	for (let i = 0; i < n; i++) {
		const t = phase0 + ((clockwise ? -1 : 1) * 2 * Math.PI * (i + between(rng, -0.3, 0.3))) / n;
		let r = 1;
		for (const h of harmonics) r += scale * h.a * Math.sin(h.k * t + h.phase);
		r *= 1 + between(rng, -noise, noise);
		ring.push(offset(center, radiusM * r * Math.cos(t), radiusM * r * Math.sin(t)));
	}
	ring.push([ring[0][0], ring[0][1]]);
	return ring;
}

/** A blob polygon, with a hole (a smaller blob well inside) when `hole`. */
export function blobPolygon(rng: Rng, center: Position, radiusM: number, n: number, hole = false): Position[][] {
	const shell = blobRing(rng, center, radiusM, n, 0.25);
	if (!hole) return [shell];
	// The shell's radius never drops below 0.2·R; a hole of radius ≤ 0.15·R around an offset
	// of ≤ 0.04·R stays inside.
	const c = offset(center, between(rng, -0.04, 0.04) * radiusM, between(rng, -0.04, 0.04) * radiusM);
	return [shell, blobRing(rng, c, radiusM * between(rng, 0.06, 0.1), Math.max(8, Math.floor(n / 4)), 0.2, true)];
}

export interface Zone {
	layerId: string;
	feature: Feature<Polygon | MultiPolygon>;
}

/** Layer ids that carry zoning rules, with a level value picker where the layer has levels. */
const ZONE_LAYERS: { id: string; level?: { attribute: string; values: string[] } }[] = [
	{ id: 'ecological-redline' },
	{ id: 'control-unit', level: { attribute: 'unit_type', values: ['priority', 'key', 'general'] } },
	{ id: 'sand-closure-reserve' },
	{ id: 'mine-restoration' },
	{ id: 'coal-fire' },
	{ id: 'water-source-protection', level: { attribute: 'zone_level', values: ['first', 'second', 'quasi'] } }
];

/** Centre of the synthetic test area: between Changji and Fukang. */
export const AREA_CENTER: Position = [87.55, 44.05];

/**
 * `count` irregular zones (24–400 vertices, radius 1.5–9 km) scattered over ~60 × 40 km around
 * `AREA_CENTER`, cycling through the zoning layers; two in five with a hole, every fifth a
 * two-part MultiPolygon.
 */
export function makeZones(rng: Rng, count: number): Zone[] {
	const zones: Zone[] = [];
	for (let i = 0; i < count; i++) {
		const layer = ZONE_LAYERS[i % ZONE_LAYERS.length];
		const center = offset(AREA_CENTER, between(rng, -30000, 30000), between(rng, -20000, 20000));
		const radius = logBetween(rng, 1500, 9000);
		const n = intBetween(rng, 24, 400);
		const first = blobPolygon(rng, center, radius, n, rng() < 0.4);
		let geometry: Polygon | MultiPolygon = { type: 'Polygon', coordinates: first };
		if (i % 5 === 4) {
			const angle = between(rng, 0, 2 * Math.PI);
			const r2 = radius * between(rng, 0.2, 0.5);
			const c2 = offset(center, Math.cos(angle) * (radius * 2.2 + r2 * 2), Math.sin(angle) * (radius * 2.2 + r2 * 2));
			geometry = { type: 'MultiPolygon', coordinates: [first, blobPolygon(rng, c2, r2, intBetween(rng, 12, 120))] };
		}
		const properties: Record<string, string> = { name: `测试区 ${i + 1}`, code: `Z${i + 1}` };
		if (layer.level) properties[layer.level.attribute] = layer.level.values[i % layer.level.values.length];
		zones.push({ layerId: layer.id, feature: { type: 'Feature', id: i + 1, properties, geometry } });
	}
	return zones;
}

function firstShell(zone: Zone): Position[] {
	const g = zone.feature.geometry;
	return g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0];
}

function zoneCentre(zone: Zone): Position {
	const shell = firstShell(zone);
	let x = 0;
	let y = 0;
	for (let i = 0; i + 1 < shell.length; i++) {
		x += shell[i][0];
		y += shell[i][1];
	}
	return [x / (shell.length - 1), y / (shell.length - 1)];
}

/**
 * Footprints on the thresholds, built from a zone edge A→B (shells run counter-clockwise, so
 * the outside is to the right): a triangle sharing the edge (touching, area 0), a strip
 * reaching `depth` metres inside (a sliver below 1 m², or a counted overlap above it), a
 * line along the edge (on the boundary counts as inside) and a point on a vertex.
 */
export function makeEdgeCases(rng: Rng, zones: Zone[]): { kind: FootprintKind; footprint: Geometry }[] {
	const out: { kind: FootprintKind; footprint: Geometry }[] = [];
	zones.forEach((zone, z) => {
		const shell = firstShell(zone);
		const i = intBetween(rng, 0, shell.length - 2);
		const a = shell[i];
		const b = shell[i + 1];
		const m = metresPerDegree(a[1]);
		const ex = (b[0] - a[0]) * m.lon;
		const ey = (b[1] - a[1]) * m.lat;
		const len = Math.hypot(ex, ey);
		// Unit normal pointing out of the zone (to the right of A→B).
		const nx = ey / len;
		const ny = -ex / len;
		const mid: Position = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
		const out30 = offset(mid, nx * 30, ny * 30);
		switch (z % 4) {
			case 0:
				out.push({ kind: 'polygon', footprint: { type: 'Polygon', coordinates: [[a, out30, b, a]] } });
				break;
			case 1:
			case 2: {
				// Sliver (≈ 0.4 m²) or counted (≈ 6 m²) strip of width depth along A–B.
				const area = z % 4 === 1 ? 0.4 : 6;
				const depth = area / len;
				const ai = offset(a, -nx * depth, -ny * depth);
				const bi = offset(b, -nx * depth, -ny * depth);
				const ao = offset(a, nx * 40, ny * 40);
				const bo = offset(b, nx * 40, ny * 40);
				out.push({ kind: 'polygon', footprint: { type: 'Polygon', coordinates: [[ai, ao, bo, bi, ai]] } });
				break;
			}
			case 3:
				out.push({ kind: 'line', footprint: { type: 'LineString', coordinates: [offset(a, nx * 100, ny * 100), a, b, offset(b, nx * 100, ny * 100)] } });
				out.push({ kind: 'point', footprint: { type: 'Point', coordinates: a } });
				break;
		}
	});
	return out;
}

/** A random vertex of a zone's first shell. */
function zoneVertex(rng: Rng, zone: Zone): Position {
	const shell = firstShell(zone);
	return shell[intBetween(rng, 0, shell.length - 2)];
}

export type FootprintKind = 'polygon' | 'multipolygon' | 'line' | 'multiline' | 'point' | 'multipoint';

/**
 * A footprint of the given kind placed near or across a zone edge (or, one time in ten,
 * anywhere in the area). Polygon vertex counts are log-uniform in [4, maxVertices].
 */
export function makeFootprint(rng: Rng, zones: Zone[], kind: FootprintKind, maxVertices = 2000): Geometry {
	const size = logBetween(rng, 40, 4000);
	const roll = rng();
	let near: Position;
	if (roll < 0.1) near = offset(AREA_CENTER, between(rng, -30000, 30000), between(rng, -20000, 20000));
	else {
		const zone = zones[intBetween(rng, 0, zones.length - 1)];
		const anchor = zoneVertex(rng, zone);
		if (roll < 0.55) near = offset(anchor, between(rng, -1.2, 1.2) * size, between(rng, -1.2, 1.2) * size);
		else {
			// Just outside: pushed away from the zone's centre by the footprint's size plus up to 1.2 km.
			const c = zoneCentre(zone);
			const m = metresPerDegree(anchor[1]);
			const dx = (anchor[0] - c[0]) * m.lon;
			const dy = (anchor[1] - c[1]) * m.lat;
			const len = Math.hypot(dx, dy) || 1;
			const push = size * 1.3 + between(rng, 0, 1200);
			near = offset(anchor, (dx / len) * push, (dy / len) * push);
		}
	}
	switch (kind) {
		case 'polygon':
			return { type: 'Polygon', coordinates: blobPolygon(rng, near, size, Math.round(logBetween(rng, 4, maxVertices)), rng() < 0.1) };
		case 'multipolygon': {
			const parts = intBetween(rng, 2, 3);
			const polys: Position[][][] = [];
			for (let k = 0; k < parts; k++) {
				// Parts a good way apart so they never overlap (radius ≤ 1.8·size each).
				const c = offset(near, k * size * 4.5, between(rng, -0.5, 0.5) * size);
				polys.push(blobPolygon(rng, c, size, Math.round(logBetween(rng, 4, maxVertices / 2))));
			}
			return { type: 'MultiPolygon', coordinates: polys };
		}
		case 'line':
			return { type: 'LineString', coordinates: walk(rng, near, intBetween(rng, 2, 200), size) };
		case 'multiline':
			return {
				type: 'MultiLineString',
				coordinates: [walk(rng, near, intBetween(rng, 2, 60), size), walk(rng, offset(near, size, -size), intBetween(rng, 2, 60), size)]
			};
		case 'point':
			return { type: 'Point', coordinates: near };
		case 'multipoint':
			return { type: 'MultiPoint', coordinates: Array.from({ length: intBetween(rng, 2, 6) }, () => offset(near, between(rng, -size, size), between(rng, -size, size))) };
	}
}

/** A random walk of n vertices whose total extent is about `size` metres. */
function walk(rng: Rng, start: Position, n: number, size: number): Position[] {
	const step = (size * 2) / Math.max(1, n - 1);
	let heading = between(rng, 0, 2 * Math.PI);
	const line: Position[] = [start];
	for (let i = 1; i < n; i++) {
		heading += between(rng, -0.6, 0.6);
		const s = step * between(rng, 0.5, 1.5);
		line.push(offset(line[i - 1], s * Math.cos(heading), s * Math.sin(heading)));
	}
	return line;
}

/**
 * The star polygon of the "safe to leave running" issue: `n` points on alternating radii 0.3° and
 * 1.1° around (88.5, 44.45) — simple, but every edge long, so bbox indexes degrade to O(n²).
 * Shared by the validation tests, the work-bound tests, the load regression and the benchmark.
 */
export function issueStar(n: number): Polygon {
	const ring: Position[] = [];
	for (let i = 0; i < n; i++) {
		const a = (2 * Math.PI * i) / n;
		const r = i % 2 ? 1.1 : 0.3;
		ring.push([88.5 + 1.3 * r * Math.cos(a), 44.45 + r * Math.sin(a)]);
	}
	ring.push(ring[0]);
	return { type: 'Polygon', coordinates: [ring] };
}

type GeographicLib = typeof geographiclib;
const lib: GeographicLib = (geographiclib as unknown as { default?: GeographicLib }).default ?? geographiclib;

/** The point a fraction `t` along the WGS84 geodesic from a to b. */
function alongGeodesic(a: Position, b: Position, t: number): Position {
	const line = lib.Geodesic.WGS84.InverseLine(a[1], a[0], b[1], b[0], lib.Geodesic.LATITUDE | lib.Geodesic.LONGITUDE | lib.Geodesic.DISTANCE_IN);
	const p = line.Position(line.s13 * t, lib.Geodesic.LATITUDE | lib.Geodesic.LONGITUDE);
	return [p.lon2 ?? 0, p.lat2 ?? 0];
}

/** Lengths (km) of the long east–west zone edges; the geodesic bows ~2 m (10 km) to ~800 m (200 km) off the [lon, lat] line. */
export const LONG_EDGE_KM = [10, 30, 60, 100, 200];

/**
 * Zones with long east–west edges (one per length in LONG_EDGE_KM, 5.5 km tall, north of the
 * random area) and footprints just inside and just outside the buffer of their northern edge,
 * measured from the geodesic (which bows poleward of the straight [lon, lat] edge): squares,
 * points and lines at ¼ and ½ along, squares south of the southern edge (whose bow runs
 * away from them), and footprints in and across the lens between the northern edge's
 * [lon, lat] line and its geodesic. `bufferOf` gives a layer's buffer; ids continue from `firstId`.
 */
export function makeLongEdgeCases(firstId: number, bufferOf: (layerId: string) => number): { zones: Zone[]; cases: { kind: FootprintKind; footprint: Geometry }[] } {
	const layers = ['coal-fire', 'ecological-redline', 'water-source-protection', 'mine-restoration', 'sand-closure-reserve'];
	const zones: Zone[] = [];
	const cases: { kind: FootprintKind; footprint: Geometry }[] = [];
	const square = (sw: Position, sizeM: number): Geometry => {
		const ne = offset(sw, sizeM, sizeM);
		return { type: 'Polygon', coordinates: [[sw, [ne[0], sw[1]], ne, [sw[0], ne[1]], sw]] };
	};
	LONG_EDGE_KM.forEach((km, k) => {
		const layerId = layers[k % layers.length];
		const buffer = bufferOf(layerId);
		const south = 44.45 + 0.1 * k;
		const north = south + 0.05;
		const west = 88.0;
		const east = west + (km * 1000) / metresPerDegree(north).lon;
		const geometry: Polygon = { type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] };
		zones.push({ layerId, feature: { type: 'Feature', id: firstId + k, properties: { name: `长边 ${km} km`, code: `L${km}` }, geometry } });
		for (const t of [0.25, 0.5]) {
			const onNorth = alongGeodesic([east, north], [west, north], t);
			const onSouth = alongGeodesic([west, south], [east, south], t);
			for (const miss of [-25, 25]) {
				const at = offset(onNorth, 0, buffer + miss);
				cases.push({ kind: 'polygon', footprint: square(at, 150) });
				cases.push({ kind: 'point', footprint: { type: 'Point', coordinates: at } });
				cases.push({ kind: 'line', footprint: { type: 'LineString', coordinates: [at, offset(at, 60, 300)] } });
				cases.push({ kind: 'polygon', footprint: square(offset(onSouth, 0, -(buffer + miss) - 150), 150) });
			}
		}
		// In the lens between the northern edge's line and its geodesic: outside the planar
		// polygon (ST_Intersects false), inside the geodesic one (ST_Distance(geography) 0).
		const apex = alongGeodesic([east, north], [west, north], 0.5);
		const lens: Position = [apex[0], (north + apex[1]) / 2];
		cases.push({ kind: 'point', footprint: { type: 'Point', coordinates: lens } });
		if (km >= 60) {
			cases.push({ kind: 'polygon', footprint: square(offset(lens, -10, -10), 20) });
			cases.push({ kind: 'line', footprint: { type: 'LineString', coordinates: [lens, offset(apex, 0, 100)] } });
		}
	});
	return { zones, cases };
}
