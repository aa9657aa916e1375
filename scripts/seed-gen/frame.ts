/**
 * The schematic frame everything else is placed in: the prefecture outline, the seven
 * county outlines (tiling it exactly), and three west→east lines that split the land
 * south → north into the Tianshan water-conservation belt, the mountain-front (coal and
 * mining) belt, the oasis belt and the desert.
 *
 * Control points are hand-placed from the plan's description and the county seats' real
 * coordinates; the outlines between them are fractal (midpoint displacement), so they are
 * irregular but not anyone's surveyed boundary.
 */
import {
	belowLine,
	betweenLines,
	blob,
	dropSmall,
	fractalLine,
	fractalRing,
	hasKinks,
	intersectM,
	differenceM,
	roundLine,
	roundMPoly,
	rewindPoly,
	pointIn,
	type MPoly,
	type Pos
} from './geom';
import { rng } from './rng';

export interface CountyDef {
	/** Key of src/lib/layers/counties.ts. */
	key: string;
	/** Short form used in project names (the plan writes 木垒县). */
	short: string;
	en: string;
	/** Administrative division code (GB/T 2260). */
	adcode: string;
	region: 'west' | 'east';
	seat: Pos;
	seatName: string;
	seatNameEn: string;
}

/** West to east. Seats: WGS84 lon/lat of the county towns (to ~0.01°). */
export const COUNTY_DEFS: CountyDef[] = [
	{ key: '玛纳斯县', short: '玛纳斯县', en: 'Manas County', adcode: '652324', region: 'west', seat: [86.21, 44.3], seatName: '玛纳斯县', seatNameEn: 'Manas' },
	{ key: '呼图壁县', short: '呼图壁县', en: 'Hutubi County', adcode: '652323', region: 'west', seat: [86.9, 44.19], seatName: '呼图壁县', seatNameEn: 'Hutubi' },
	{ key: '昌吉市', short: '昌吉市', en: 'Changji City', adcode: '652301', region: 'west', seat: [87.3, 44.01], seatName: '昌吉市', seatNameEn: 'Changji' },
	{ key: '阜康市', short: '阜康市', en: 'Fukang City', adcode: '652302', region: 'west', seat: [87.98, 44.16], seatName: '阜康市', seatNameEn: 'Fukang' },
	{ key: '吉木萨尔县', short: '吉木萨尔县', en: 'Jimsar County', adcode: '652327', region: 'east', seat: [89.18, 44.0], seatName: '吉木萨尔县', seatNameEn: 'Jimsar' },
	{ key: '奇台县', short: '奇台县', en: 'Qitai County', adcode: '652325', region: 'east', seat: [89.59, 44.02], seatName: '奇台县', seatNameEn: 'Qitai' },
	{ key: '木垒哈萨克自治县', short: '木垒县', en: 'Mori Kazakh Autonomous County', adcode: '652328', region: 'east', seat: [90.28, 43.83], seatName: '木垒县', seatNameEn: 'Mori' }
];
export const countyDef = (key: string): CountyDef => {
	const c = COUNTY_DEFS.find((d) => d.key === key);
	if (!c) throw new Error(`unknown county ${key}`);
	return c;
};

/**
 * Prefecture outline control points, counter-clockwise from the south-west. The bay
 * between Changji and Fukang (87.5–87.9E, south of 44.4N) is Ürümqi and Wujiaqu, which
 * are not part of the prefecture; Shihezi lies just west of the Manas river. The
 * north-east edge is the national border with Mongolia (Beitashan).
 */
const OUTLINE_CTRL: Pos[] = [
	[85.7, 43.56], [85.95, 43.38], [86.35, 43.31], [86.75, 43.34], [87.05, 43.4], [87.38, 43.46],
	// Ürümqi bay: west side north, top, east side south
	[87.5, 43.64], [87.55, 43.86], [87.53, 44.06], [87.56, 44.25], [87.66, 44.37], [87.82, 44.33],
	[87.86, 44.15], [87.9, 43.97], [87.99, 43.8],
	// Bogda ridge and the Tianshan crest eastward
	[88.3, 43.74], [88.6, 43.62], [88.95, 43.5], [89.3, 43.43], [89.65, 43.38], [90.05, 43.33],
	[90.45, 43.29], [90.9, 43.33], [91.25, 43.46],
	// east edge, then the national border north-west
	[91.41, 43.76], [91.36, 44.15], [91.22, 44.55], [91.08, 44.92], [90.85, 45.18], [90.5, 45.4],
	[90.15, 45.62], [89.8, 45.8],
	// northern edge (Altay prefecture) westward
	[89.4, 45.76], [89.0, 45.62], [88.6, 45.5], [88.2, 45.42], [87.8, 45.38], [87.4, 45.33],
	[87.0, 45.34], [86.6, 45.36], [86.25, 45.39], [85.98, 45.31],
	// west edge (Manas river / Shihezi, Shawan) southward
	[86.02, 45.0], [86.06, 44.7], [86.09, 44.38], [86.05, 44.12], [85.86, 43.93], [85.72, 43.74]
];

/** County dividers, south → north, west to east (Manas|Hutubi … Qitai|Mori). */
const DIVIDER_CTRL: Pos[][] = [
	[[86.52, 42.9], [86.55, 43.4], [86.62, 43.9], [86.68, 44.3], [86.62, 44.8], [86.58, 45.3], [86.55, 46.3]],
	[[87.05, 42.9], [87.02, 43.4], [87.06, 43.9], [87.12, 44.2], [87.1, 44.7], [87.06, 45.3], [87.05, 46.3]],
	[[87.68, 42.9], [87.68, 43.6], [87.69, 44.1], [87.7, 44.5], [87.66, 45.0], [87.64, 46.3]],
	[[88.62, 42.9], [88.6, 43.5], [88.66, 44.0], [88.72, 44.5], [88.76, 45.0], [88.8, 46.3]],
	[[89.38, 42.9], [89.38, 43.5], [89.4, 44.0], [89.46, 44.45], [89.72, 44.95], [89.7, 46.3]],
	[[89.98, 42.9], [89.96, 43.5], [90.0, 44.0], [90.12, 44.45], [90.55, 44.72], [91.0, 44.95], [91.6, 45.2]]
];

/** Tianshan water-conservation belt: south of this line (the redline's northern edge there). */
const REDLINE_CTRL: Pos[] = [
	[85.0, 43.68], [85.6, 43.7], [86.3, 43.72], [86.9, 43.68], [87.3, 43.62], [87.6, 43.76], [88.0, 43.92],
	[88.3, 43.92], [88.6, 43.8], [89.2, 43.68], [89.6, 43.62], [90.3, 43.56], [91.0, 43.55], [92.5, 43.6]
];
/** Mountain front: the foothill coal and mining belt lies between REDLINE and this line. */
const FRONT_CTRL: Pos[] = [
	[85.0, 43.98], [85.6, 43.98], [86.2, 44.0], [86.9, 43.92], [87.3, 43.88], [87.6, 43.98], [88.0, 44.09],
	[88.3, 44.09], [88.6, 43.98], [89.2, 43.85], [89.6, 43.82], [90.3, 43.72], [91.0, 43.72], [92.5, 43.75]
];
/** Oasis / desert edge: the Gurbantunggut desert lies north of this line. */
const DESERT_CTRL: Pos[] = [
	[85.0, 44.55], [85.6, 44.56], [86.2, 44.62], [86.9, 44.52], [87.3, 44.46], [87.7, 44.46], [88.0, 44.42],
	[88.5, 44.36], [89.2, 44.36], [89.6, 44.32], [90.3, 44.25], [91.0, 44.22], [92.5, 44.2]
];
/** Northern edge of the desert sand-fixation redline belt. */
const SANDBELT_CTRL: Pos[] = [
	[85.0, 45.12], [86.0, 45.15], [86.6, 45.08], [87.2, 45.05], [87.8, 45.0], [88.4, 44.95], [89.0, 44.9],
	[90.0, 44.9], [91.0, 44.9], [92.5, 44.9]
];

export interface Frame {
	outline: MPoly;
	counties: Array<{ def: CountyDef; geom: MPoly }>;
	/** Open lines, west → east. */
	lines: { redline: Pos[]; front: Pos[]; desert: Pos[]; sandbelt: Pos[] };
	/** Half-planes south of each line. */
	south: { redline: MPoly; front: MPoly; desert: MPoly; sandbelt: MPoly };
	zhundong: MPoly;
	kalamaili: MPoly;
}

function line(ctrl: Pos[], key: string, levels = 5, rough = 0.16): Pos[] {
	return roundLine(fractalLine(ctrl, rng(key), levels, rough));
}

let cached: Frame | undefined;

export function buildFrame(): Frame {
	if (cached) return cached;
	const outlineRing = fractalRing(OUTLINE_CTRL, rng('frame/outline'), 5, 0.2);
	const outline = roundMPoly([rewindPoly([outlineRing])]);
	if (hasKinks(outline)) throw new Error('outline has kinks');

	const dividers = DIVIDER_CTRL.map((c, i) => line(c, `frame/divider/${i}`, 5, 0.15));
	const west: Pos[] = [[84.5, 42.9], [84.5, 46.3]];
	const east: Pos[] = [[92.8, 42.9], [92.8, 46.3]];
	const bounds = [west, ...dividers, east];
	const counties = COUNTY_DEFS.map((def, i) => {
		const strip = betweenLines(bounds[i], bounds[i + 1]);
		const geom = roundMPoly(dropSmall(intersectM(outline, strip), 0.5));
		if (!pointIn(def.seat, geom)) throw new Error(`seat of ${def.key} outside its county`);
		return { def, geom };
	});

	const lines = {
		redline: line(REDLINE_CTRL, 'frame/redline'),
		front: line(FRONT_CTRL, 'frame/front'),
		desert: line(DESERT_CTRL, 'frame/desert'),
		sandbelt: line(SANDBELT_CTRL, 'frame/sandbelt')
	};
	const south = {
		redline: belowLine(lines.redline),
		front: belowLine(lines.front),
		desert: belowLine(lines.desert),
		sandbelt: belowLine(lines.sandbelt)
	};
	// Zhundong (准东经济技术开发区), ≈ 89.5–90.5E, 44.6–45.2N.
	const zhundong = roundMPoly(
		intersectM([[blob([89.96, 44.92], rng('frame/zhundong'), { a: 38, b: 30, rot: 0.15, amp: 0.16, n: 140, kMax: 12 })]], outline)
	);
	// Kalamaili (卡拉麦里), ≈ 88.5–90.1E, 44.6–46.0N, within the prefecture, Zhundong cut out.
	const kalaRaw = blob([89.3, 45.36], rng('frame/kalamaili'), { a: 64, b: 72, rot: 0.2, amp: 0.16, n: 160, kMax: 14 });
	const kalamaili = roundMPoly(
		dropSmall(differenceM(differenceM(intersectM([[kalaRaw]], outline), zhundong), south.desert), 1)
	);
	cached = { outline, counties, lines, south, zhundong, kalamaili };
	return cached;
}

/** The county whose outline contains the point, or undefined. */
export function countyAt(p: Pos): CountyDef | undefined {
	return buildFrame().counties.find((c) => pointIn(p, c.geom))?.def;
}
export const countyGeom = (key: string): MPoly => {
	const c = buildFrame().counties.find((x) => x.def.key === key);
	if (!c) throw new Error(key);
	return c.geom;
};
