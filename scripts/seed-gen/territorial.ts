/**
 * Two of the "three zones and three lines" (三区三线): the urban development boundary
 * (城镇开发边界) around the county seats and the development zones the plan names, and
 * permanent basic farmland (永久基本农田) in the oasis belt, its total geodesic area
 * scaled to the plan's 766.98 万亩. The three are mutually exclusive: farmland keeps clear
 * of the development boundary, the ecological redline and the built-up cores.
 */
import { buffer as turfBuffer } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { polygonArea } from '../../src/lib/check/geodesic';
import { sweepArea } from '../../src/lib/check/sweep';
import type { PolygonCoords } from '../../src/lib/check/types';
import { lakes } from './basemap';
import { buildFrame } from './frame';
import {
	bbox,
	blob,
	differenceM,
	intersectM,
	mfeat,
	roundMPoly,
	starRing,
	angles,
	unionM,
	within,
	type MPoly,
	type Pos
} from './geom';
import { fitArea, place } from './place';
import { coalFires, mineSites } from './restoration';
import { rng } from './rng';
import { waterSources } from './water';
import { piece, redline } from './zoning';

// ---------------------------------------------------------------------------------------
// Urban development boundary

export type BoundaryKind = 'city' | 'county_town' | 'development_zone';
export interface UrbanBoundary {
	code: string;
	name: string;
	nameEn: string;
	county: string;
	kind: BoundaryKind;
	geom: MPoly;
}

/** Radius (km) around a county seat that is built-up core: inside the boundary, never farmland. */
export const CORE_KM = 1.5;

/**
 * The county seats (the two county-level cities are 城区, the counties' seats 县城) and the
 * development zones the plan names: 昌吉国家高新技术产业开发区, 昌吉国家农业科技园区, and
 * 新疆准东经济技术开发区 in three parcels named after its parks. Areas (km²) are illustrative.
 */
const BOUNDARY_DEFS: Array<[string, string, string, BoundaryKind, Pos, number, 'oasis' | 'zhundong']> = [
	['昌吉市中心城区城镇开发边界', 'Changji central city urban development boundary', '昌吉市', 'city', [87.3, 44.01], 95, 'oasis'],
	['阜康市中心城区城镇开发边界', 'Fukang central city urban development boundary', '阜康市', 'city', [87.98, 44.16], 40, 'oasis'],
	['呼图壁县县城城镇开发边界', 'Hutubi county town urban development boundary', '呼图壁县', 'county_town', [86.9, 44.19], 28, 'oasis'],
	['玛纳斯县县城城镇开发边界', 'Manas county town urban development boundary', '玛纳斯县', 'county_town', [86.21, 44.3], 30, 'oasis'],
	['吉木萨尔县县城城镇开发边界', 'Jimsar county town urban development boundary', '吉木萨尔县', 'county_town', [89.18, 44.0], 24, 'oasis'],
	['奇台县县城城镇开发边界', 'Qitai county town urban development boundary', '奇台县', 'county_town', [89.59, 44.02], 32, 'oasis'],
	['木垒县县城城镇开发边界', 'Mori county town urban development boundary', '木垒哈萨克自治县', 'county_town', [90.28, 43.83], 22, 'oasis'],
	['昌吉国家高新技术产业开发区城镇开发边界', 'Changji national high-tech industrial development zone urban development boundary', '昌吉市', 'development_zone', [87.43, 44.05], 36, 'oasis'],
	['昌吉国家农业科技园区城镇开发边界', 'Changji national agricultural science and technology park urban development boundary', '昌吉市', 'development_zone', [87.22, 44.14], 20, 'oasis'],
	['准东经济技术开发区五彩湾片区城镇开发边界', 'Zhundong economic-technological development zone, Wucaiwan park, urban development boundary', '吉木萨尔县', 'development_zone', [89.55, 44.8], 55, 'zhundong'],
	['准东经济技术开发区芨芨湖片区城镇开发边界', 'Zhundong economic-technological development zone, Jijihu park, urban development boundary', '奇台县', 'development_zone', [89.95, 44.72], 45, 'zhundong'],
	['准东经济技术开发区将军庙片区城镇开发边界', 'Zhundong economic-technological development zone, Jiangjunmiao park, urban development boundary', '奇台县', 'development_zone', [90.3, 44.95], 40, 'zhundong']
];

const oasisOf = (county: string): MPoly => roundMPoly(unionM(piece(county, 'farm'), piece(county, 'urban')));

/** A disc of `km` around a point, as a 48-gon. */
const disc = (c: Pos, km: number): MPoly => [[starRing(c, angles(48), new Array(48).fill(km))]];

let boundariesCache: UrbanBoundary[] | undefined;
export function urbanBoundaries(): UrbanBoundary[] {
	if (boundariesCache) return boundariesCache;
	const f = buildFrame();
	const redlineParts = redline().map((r) => r.geom);
	const out: UrbanBoundary[] = [];
	BOUNDARY_DEFS.forEach(([name, nameEn, county, kind, center, km2, region], i) => {
		const r = rng(`udb/${name}`);
		const ratio = r.range(1.15, 1.5);
		const rot = r.range(-0.6, 0.6);
		const key = `udb/${name}/shape`;
		const geom = place({
			key: `udb/${name}`,
			center,
			county,
			inside: region === 'oasis' ? oasisOf(county) : f.zhundong,
			avoid: [...redlineParts, ...out.map((x) => x.geom)],
			stepKm: 0.8,
			make: (c) =>
				fitArea(km2, (s) => {
					const a = Math.sqrt((km2 * ratio) / Math.PI) * s;
					return roundMPoly([[blob(c, rng(key), { a, b: a / ratio, rot, amp: 0.16, n: 72, kMax: 8 })]]);
				})
		});
		if (kind !== 'development_zone' && !within(disc(center, CORE_KM), geom))
			throw new Error(`${name}: the seat's built-up core is not inside its boundary`);
		out.push({ code: `CZ-${String(i + 1).padStart(2, '0')}`, name, nameEn, county, kind, geom });
	});
	boundariesCache = out;
	return out;
}

// ---------------------------------------------------------------------------------------
// Permanent basic farmland

/** 766.98 万亩, the plan's permanent basic farmland, in m² (1 亩 = 2000/3 m²). */
export const FARMLAND_TARGET_M2 = (766.98e4 * 2000) / 3;

/** Illustrative split of the total between the counties (not official figures). */
const FARMLAND_SHARE: Record<string, number> = {
	玛纳斯县: 0.17,
	呼图壁县: 0.16,
	昌吉市: 0.14,
	阜康市: 0.1,
	吉木萨尔县: 0.12,
	奇台县: 0.2,
	木垒哈萨克自治县: 0.11
};

/** Farmland blocks sit one per cell of this lon/lat grid (≈ 8 × 7.8 km). */
const CELL: Pos = [0.1, 0.07];
const GRID_ORIGIN: Pos = [85.5, 43.0];
/** Farmland keeps this far (km) inside its oasis piece and clear of everything it avoids. */
const CLEARANCE_KM = 0.05;

export interface FarmlandBlock {
	code: string;
	name: string;
	nameEn: string;
	county: string;
	geom: MPoly;
}

/** Ellipsoidal (geodesic) area of a multipolygon, m² — what PostGIS ST_Area(geography) gives. */
export const geodesicAreaM2 = (m: MPoly): number => m.reduce((s, p) => s + polygonArea(p as PolygonCoords), 0);

function shrink(m: MPoly, km: number): MPoly {
	if (!m.length) return [];
	const g = turfBuffer(mfeat(m), -km, { units: 'kilometers', steps: 4 }) as Feature<Polygon | MultiPolygon> | undefined;
	if (!g) return [];
	return roundMPoly((g.geometry.type === 'Polygon' ? [g.geometry.coordinates] : g.geometry.coordinates) as MPoly);
}

const overlapsBox = (m: MPoly, box: [number, number, number, number]): boolean => {
	if (!m.length) return false;
	const b = bbox(m);
	return !(b[2] < box[0] || box[2] < b[0] || b[3] < box[1] || box[3] < b[1]);
};

/** Where a county's farmland may lie: its oasis farm piece minus everything it must avoid, shrunk by the clearance. */
function farmlandRegion(county: string): MPoly {
	const farm = piece(county, 'farm');
	const box = bbox(farm);
	const avoid = [
		...urbanBoundaries().map((u) => u.geom),
		...redline().map((r) => r.geom),
		...lakes().map((l) => l.geom),
		...mineSites().map((m) => m.geom),
		...coalFires().map((c) => c.geom),
		...waterSources().flatMap((s) => s.zones.filter((z) => z.level === 'first').map((z) => z.geom))
	].filter((m) => overlapsBox(m, box));
	let region = farm;
	for (const a of avoid) region = differenceM(region, a);
	return shrink(region, CLEARANCE_KM);
}

interface Cell {
	/** Column and row in the global grid, for ordering and keys. */
	ix: number;
	iy: number;
	/** The cell's share of the farmland region. */
	room: MPoly;
	shape: (scale: number) => MPoly;
}

function cellsOf(county: string): Cell[] {
	const region = farmlandRegion(county);
	const [x0, y0, x1, y1] = bbox(region);
	const cells: Cell[] = [];
	for (let ix = Math.floor((x0 - GRID_ORIGIN[0]) / CELL[0]); GRID_ORIGIN[0] + ix * CELL[0] < x1; ix++)
		for (let iy = Math.floor((y0 - GRID_ORIGIN[1]) / CELL[1]); GRID_ORIGIN[1] + iy * CELL[1] < y1; iy++) {
			const w = GRID_ORIGIN[0] + ix * CELL[0];
			const s = GRID_ORIGIN[1] + iy * CELL[1];
			const square: MPoly = [[[[w, s], [w + CELL[0], s], [w + CELL[0], s + CELL[1]], [w, s + CELL[1]], [w, s]]]];
			const room = roundMPoly(intersectM(region, square));
			if (geodesicAreaM2(room) < 2e6) continue;
			const key = `farmland/${county}/${ix}/${iy}`;
			const r = rng(key);
			const c: Pos = [w + CELL[0] * r.range(0.35, 0.65), s + CELL[1] * r.range(0.35, 0.65)];
			const size = r.range(0.7, 1.3);
			const ratio = r.range(1.1, 1.8);
			const rot = r.range(0, Math.PI);
			cells.push({
				ix,
				iy,
				room,
				shape: (scale) => [[blob(c, rng(`${key}/shape`), { a: scale * size, b: (scale * size) / ratio, rot, amp: 0.15, n: 40, kMax: 6 })]]
			});
		}
	return cells;
}

const blockAt = (cell: Cell, scale: number): MPoly =>
	roundMPoly(intersectM(cell.room, cell.shape(scale)).filter((p) => geodesicAreaM2([p]) >= 5e4));

/**
 * The scale (blob semi-axis, km) at which the county's blocks add up to `targetM2`. Area
 * grows with scale, so regula falsi (Illinois variant) on a bracket converges in a few steps.
 */
function solveScale(cells: Cell[], targetM2: number, county: string): number {
	// The sweep measures room ∩ blob without building it (polyclip is the slow part here);
	// blocks are built once, at the scale found, and the total is checked again then.
	const overlap = (c: Cell, s: number) => sweepArea([c.room as PolygonCoords[], c.shape(s) as PolygonCoords[]], (w) => w[0] !== 0 && w[1] !== 0).areaM2;
	const miss = (s: number) => cells.reduce((sum, c) => sum + overlap(c, s), 0) - targetM2;
	let [lo, flo] = [0, -targetM2];
	let [hi, fhi] = [12, miss(12)];
	if (fhi < 0) throw new Error(`farmland: ${county} has no room for ${(targetM2 / 1e6).toFixed(0)} km²`);
	let side = 0;
	for (let i = 0; i < 60; i++) {
		const s = (lo * fhi - hi * flo) / (fhi - flo);
		const f = miss(s);
		if (Math.abs(f) < targetM2 * 2e-5) return s;
		if (f < 0) {
			[lo, flo] = [s, f];
			if (side === -1) fhi /= 2;
			side = -1;
		} else {
			[hi, fhi] = [s, f];
			if (side === 1) flo /= 2;
			side = 1;
		}
	}
	throw new Error(`farmland: no scale found for ${county}`);
}

let farmlandCache: FarmlandBlock[] | undefined;
export function farmland(): FarmlandBlock[] {
	if (farmlandCache) return farmlandCache;
	const out: FarmlandBlock[] = [];
	for (const { def } of buildFrame().counties) {
		const cells = cellsOf(def.key).sort((a, b) => a.ix - b.ix || a.iy - b.iy);
		const scale = solveScale(cells, FARMLAND_TARGET_M2 * FARMLAND_SHARE[def.key], def.key);
		let n = 0;
		for (const cell of cells) {
			const geom = blockAt(cell, scale);
			if (!geom.length) continue;
			n++;
			const nn = String(n).padStart(2, '0');
			out.push({
				code: `JBNT-${def.adcode}-${String(n).padStart(3, '0')}`,
				name: `${def.short}永久基本农田保护片区${nn}`,
				nameEn: `${def.seatNameEn} permanent basic farmland block ${nn}`,
				county: def.key,
				geom
			});
		}
	}
	const total = out.reduce((s, b) => s + geodesicAreaM2(b.geom), 0);
	if (Math.abs(total / FARMLAND_TARGET_M2 - 1) > 0.002)
		throw new Error(`farmland totals ${(total / 1e6).toFixed(1)} km², not ${(FARMLAND_TARGET_M2 / 1e6).toFixed(1)}`);
	for (const t of buildFrame().counties)
		for (const b of out)
			if (overlapsBox(b.geom, bbox(disc(t.def.seat, CORE_KM))) && intersectM(b.geom, disc(t.def.seat, CORE_KM)).length)
				throw new Error(`${b.name} reaches the built-up core of ${t.def.seatName}`);
	farmlandCache = out;
	return out;
}
