/**
 * Basemap layers: rivers (schematic courses from the Tianshan north into the oasis and
 * desert), lakes and reservoirs, and towns (county seats at their real coordinates, main
 * towns at approximate positions).
 */
import { buildFrame, countyAt } from './frame';
import {
	atLatitude,
	blob,
	chaikin,
	fractalLine,
	pointIn,
	roundLine,
	roundMPoly,
	rewindPoly,
	type MPoly,
	type Pos,
	type Ring
} from './geom';
import { rng } from './rng';

export interface River {
	name: string;
	nameEn: string;
	/** Main stem, south (source) → north (end in the oasis or desert). */
	main: Pos[];
	/** All parts (main stem first, then tributaries ending on it). */
	parts: Pos[][];
}

interface RiverDef {
	name: string;
	nameEn: string;
	ctrl: Pos[];
	/** Tributaries: control points from their source to the latitude where they join. */
	tributaries?: Array<{ ctrl: Pos[]; joinLat: number }>;
}

const RIVER_DEFS: RiverDef[] = [
	{
		name: '玛纳斯河',
		nameEn: 'Manas River',
		ctrl: [[85.86, 43.64], [86.0, 43.86], [86.13, 44.08], [86.17, 44.3], [86.2, 44.6], [86.22, 44.95], [86.18, 45.22]]
	},
	{ name: '塔西河', nameEn: 'Taxi River', ctrl: [[86.37, 43.52], [86.42, 43.82], [86.45, 44.08], [86.42, 44.35], [86.4, 44.62]] },
	{
		name: '呼图壁河',
		nameEn: 'Hutubi River',
		ctrl: [[86.62, 43.45], [86.7, 43.72], [86.76, 43.9], [86.85, 44.08], [86.94, 44.26], [86.96, 44.52], [86.92, 44.82]],
		tributaries: [{ ctrl: [[86.9, 43.5], [86.86, 43.66]], joinLat: 43.8 }]
	},
	{ name: '三屯河', nameEn: 'Santun River', ctrl: [[87.12, 43.5], [87.15, 43.76], [87.22, 43.95], [87.26, 44.1], [87.28, 44.3], [87.3, 44.56]] },
	{
		name: '头屯河',
		nameEn: 'Toutun River',
		ctrl: [[87.3, 43.52], [87.38, 43.75], [87.43, 43.95], [87.44, 44.14], [87.47, 44.3]],
		tributaries: [{ ctrl: [[87.46, 43.58], [87.44, 43.7]], joinLat: 43.8 }]
	},
	{ name: '三工河', nameEn: 'Sangong River', ctrl: [[88.18, 43.81], [88.13, 43.89], [88.08, 44.02], [88.02, 44.2], [87.98, 44.4], [87.96, 44.58]] },
	{ name: '大龙口河', nameEn: 'Dalongkou River', ctrl: [[89.04, 43.56], [89.08, 43.8], [89.12, 43.95], [89.15, 44.15], [89.2, 44.34]] },
	{ name: '开垦河', nameEn: 'Kaiken River', ctrl: [[89.7, 43.48], [89.66, 43.75], [89.63, 43.95], [89.61, 44.15], [89.6, 44.38]] },
	{ name: '水磨河', nameEn: 'Shuimo River', ctrl: [[89.86, 43.48], [89.83, 43.74], [89.8, 43.95], [89.78, 44.18]] },
	{ name: '木垒河', nameEn: 'Mori River', ctrl: [[90.35, 43.4], [90.31, 43.64], [90.27, 43.8], [90.25, 44.0], [90.27, 44.18]] }
];

/** Fractal course with meanders, cut to the part inside the prefecture. */
function course(ctrl: Pos[], key: string): Pos[] {
	const outline = buildFrame().outline;
	const raw = chaikin(fractalLine(ctrl, rng(key), 5, 0.09), 2);
	const out: Pos[] = [];
	for (const p of raw) {
		if (pointIn(p, outline)) out.push(p);
		else if (out.length) break;
	}
	// keep it light: every other vertex
	return roundLine(out.filter((_, i) => i % 2 === 0 || i === out.length - 1));
}

let riversCache: River[] | undefined;
export function rivers(): River[] {
	if (riversCache) return riversCache;
	riversCache = RIVER_DEFS.map((d) => {
		const main = course(d.ctrl, `river/${d.name}`);
		const parts = [main];
		for (const [i, t] of (d.tributaries ?? []).entries()) {
			const join = atLatitude(main, t.joinLat).p;
			const trib = course([...t.ctrl, join], `river/${d.name}/trib${i}`);
			// end exactly on a vertex of the main stem
			const nearest = main.reduce((best, p) => (Math.hypot(p[0] - join[0], p[1] - join[1]) < Math.hypot(best[0] - join[0], best[1] - join[1]) ? p : best));
			trib[trib.length - 1] = nearest;
			parts.push(trib);
		}
		return { name: d.name, nameEn: d.nameEn, main, parts };
	});
	return riversCache;
}
export const river = (name: string): River => {
	const r = rivers().find((x) => x.name === name);
	if (!r) throw new Error(`no river ${name}`);
	return r;
};

export interface Lake {
	name: string;
	nameEn: string;
	kind: 'lake' | 'reservoir';
	center: Pos;
	ring: Ring;
	geom: MPoly;
	county: string;
}

interface LakeDef {
	name: string;
	nameEn: string;
	kind: 'lake' | 'reservoir';
	/** Fixed centre, or a river and the latitude where the reservoir sits on it. */
	at: Pos | { river: string; lat: number };
	a: number;
	b: number;
	/** Long axis orientation (radians) when not on a river. */
	rot?: number;
}

const LAKE_DEFS: LakeDef[] = [
	{ name: '天池', nameEn: 'Tianchi Lake', kind: 'lake', at: [88.13, 43.89], a: 1.9, b: 0.72, rot: 1.75 },
	{ name: '石门水库', nameEn: 'Shimen Reservoir', kind: 'reservoir', at: { river: '呼图壁河', lat: 43.87 }, a: 1.6, b: 0.5 },
	{ name: '头屯河水库', nameEn: 'Toutunhe Reservoir', kind: 'reservoir', at: { river: '头屯河', lat: 43.8 }, a: 1.3, b: 0.45 },
	{ name: '努尔加水库', nameEn: "Nu'erjia Reservoir", kind: 'reservoir', at: { river: '三屯河', lat: 43.8 }, a: 1.2, b: 0.42 },
	{ name: '大龙口水库', nameEn: 'Dalongkou Reservoir', kind: 'reservoir', at: { river: '大龙口河', lat: 43.8 }, a: 1.0, b: 0.38 },
	{ name: '中葛根水库', nameEn: 'Zhonggegen Reservoir', kind: 'reservoir', at: { river: '开垦河', lat: 43.79 }, a: 1.1, b: 0.4 },
	{ name: '小天池', nameEn: 'Little Tianchi', kind: 'lake', at: [88.108, 43.858], a: 0.22, b: 0.16, rot: 0.4 }
];

let lakesCache: Lake[] | undefined;
export function lakes(): Lake[] {
	if (lakesCache) return lakesCache;
	lakesCache = LAKE_DEFS.map((d) => {
		let center: Pos;
		let rot = d.rot ?? 0;
		if (Array.isArray(d.at)) center = d.at;
		else {
			const hit = atLatitude(river(d.at.river).main, d.at.lat);
			center = hit.p;
			rot = hit.dir;
		}
		const ring = rewindPoly([blob(center, rng(`lake/${d.name}`), { a: d.a, b: d.b, rot, amp: 0.16, n: 60, kMax: 7 })])[0];
		const geom = roundMPoly([[ring]]);
		const county = countyAt(center)?.key;
		if (!county) throw new Error(`lake ${d.name} outside the prefecture`);
		return { name: d.name, nameEn: d.nameEn, kind: d.kind, center, ring: geom[0][0], geom, county };
	});
	return lakesCache;
}
export const lake = (name: string): Lake => {
	const l = lakes().find((x) => x.name === name);
	if (!l) throw new Error(`no lake ${name}`);
	return l;
};

export interface Town {
	name: string;
	nameEn: string;
	kind: 'prefecture_seat' | 'county_seat' | 'town';
	county: string;
	p: Pos;
}

/** Main towns (approximate positions), by county. */
const TOWN_DEFS: Array<[string, string, string, Pos]> = [
	['硫磺沟镇', 'Liuhuanggou', '昌吉市', [87.19, 43.76]],
	['三工镇', 'Sangong', '昌吉市', [87.37, 44.07]],
	['大西渠镇', 'Daxiqu', '昌吉市', [87.31, 44.24]],
	['滨湖镇', 'Binhu', '昌吉市', [87.26, 44.37]],
	['滋泥泉子镇', 'Ziniquanzi', '阜康市', [88.32, 44.13]],
	['九运街镇', 'Jiuyunjie', '阜康市', [88.05, 44.29]],
	['雀尔沟镇', "Qiao'ergou", '呼图壁县', [86.71, 43.77]],
	['五工台镇', 'Wugongtai', '呼图壁县', [87.0, 44.17]],
	['大丰镇', 'Dafeng', '呼图壁县', [86.84, 44.31]],
	['包家店镇', 'Baojiadian', '玛纳斯县', [86.35, 44.38]],
	['乐土驿镇', 'Letuyi', '玛纳斯县', [86.48, 44.22]],
	['清水河哈萨克族乡', 'Qingshuihe Kazakh Township', '玛纳斯县', [86.3, 43.96]],
	['三台镇', 'Santai', '吉木萨尔县', [88.95, 43.98]],
	['泉子街镇', 'Quanzijie', '吉木萨尔县', [89.12, 43.84]],
	['五彩湾（准东）', 'Wucaiwan (Zhundong)', '吉木萨尔县', [89.55, 44.8]],
	['老奇台镇', 'Laoqitai', '奇台县', [89.78, 43.95]],
	['半截沟镇', 'Banjiegou', '奇台县', [89.5, 43.79]],
	['西北湾镇', 'Xibeiwan', '奇台县', [89.52, 44.13]],
	['北塔山牧场', 'Beitashan Ranch', '奇台县', [90.55, 45.26]],
	['西吉尔镇', 'Xijier', '木垒哈萨克自治县', [90.13, 43.8]],
	['东城镇', 'Dongcheng', '木垒哈萨克自治县', [90.5, 43.85]],
	['大石头乡', 'Dashitou Township', '木垒哈萨克自治县', [90.95, 43.8]]
];

let townsCache: Town[] | undefined;
export function towns(): Town[] {
	if (townsCache) return townsCache;
	const f = buildFrame();
	const seats: Town[] = f.counties.map(({ def }) => ({
		name: def.seatName,
		nameEn: def.seatNameEn,
		kind: def.key === '昌吉市' ? 'prefecture_seat' : 'county_seat',
		county: def.key,
		p: def.seat
	}));
	const others: Town[] = TOWN_DEFS.map(([name, nameEn, county, p]) => ({ name, nameEn, kind: 'town', county, p }));
	townsCache = [...seats, ...others];
	for (const t of townsCache)
		if (countyAt(t.p)?.key !== t.county) throw new Error(`town ${t.name} not inside ${t.county}`);
	return townsCache;
}
export const town = (name: string): Town => {
	const t = towns().find((x) => x.name === name);
	if (!t) throw new Error(`no town ${name}`);
	return t;
};

