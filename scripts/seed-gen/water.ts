/**
 * 39 centralised drinking-water sources (plan: 39 in use, 13 of them county-level), each
 * with a first and a second zone, and a quasi zone for river and reservoir sources.
 *
 * Zones of one source are star-shaped around the intake (or well field) and sampled at the
 * same angles, each radius strictly larger than the one inside it, so first ⊂ second ⊂
 * quasi holds exactly. River zones stretch upstream along the river and always contain
 * the river reach they protect; reservoir first zones contain the reservoir.
 */
import { lake, river } from './basemap';
import { countyGeom } from './frame';
import {
	angles,
	atLatitude,
	frame,
	harmonicNoise,
	offsetEllipseR,
	overlaps,
	roundMPoly,
	starRing,
	within,
	type MPoly,
	type Pos
} from './geom';
import { rng, type Rng } from './rng';

export type SourceType = 'river' | 'reservoir' | 'groundwater';
export type ZoneLevel = 'first' | 'second' | 'quasi';

interface SourceDef {
	name: string;
	nameEn: string;
	county: string;
	type: SourceType;
	/** County-level (县级) or township-level source. */
	level: 'county' | 'town';
	/** River + latitude of the intake, a reservoir, or a well-field position. */
	at: { river: string; lat: number } | { lake: string } | Pos;
}

/** WS-01 … WS-13 are the county-level sources; WS-14 … WS-39 township-level. */
const SOURCE_DEFS: SourceDef[] = [
	{ name: '昌吉市头屯河水源地', nameEn: 'Changji Toutun River source', county: '昌吉市', type: 'river', level: 'county', at: { river: '头屯河', lat: 43.9 } },
	{ name: '昌吉市努尔加水库水源地', nameEn: "Changji Nu'erjia Reservoir source", county: '昌吉市', type: 'reservoir', level: 'county', at: { lake: '努尔加水库' } },
	{ name: '昌吉市三屯河地下水水源地', nameEn: 'Changji Santun River groundwater source', county: '昌吉市', type: 'groundwater', level: 'county', at: [87.2, 43.95] },
	{ name: '阜康市三工河水源地', nameEn: 'Fukang Sangong River source', county: '阜康市', type: 'river', level: 'county', at: { river: '三工河', lat: 44.03 } },
	{ name: '阜康市甘河子地下水水源地', nameEn: 'Fukang Ganhezi groundwater source', county: '阜康市', type: 'groundwater', level: 'county', at: [88.2, 44.12] },
	{ name: '呼图壁县石门水库水源地', nameEn: 'Hutubi Shimen Reservoir source', county: '呼图壁县', type: 'reservoir', level: 'county', at: { lake: '石门水库' } },
	{ name: '呼图壁县城南地下水水源地', nameEn: 'Hutubi south groundwater source', county: '呼图壁县', type: 'groundwater', level: 'county', at: [86.89, 44.08] },
	{ name: '玛纳斯县塔西河水源地', nameEn: 'Manas Taxi River source', county: '玛纳斯县', type: 'river', level: 'county', at: { river: '塔西河', lat: 43.97 } },
	{ name: '玛纳斯县城南地下水水源地', nameEn: 'Manas south groundwater source', county: '玛纳斯县', type: 'groundwater', level: 'county', at: [86.24, 44.18] },
	{ name: '吉木萨尔县大龙口水库水源地', nameEn: 'Jimsar Dalongkou Reservoir source', county: '吉木萨尔县', type: 'reservoir', level: 'county', at: { lake: '大龙口水库' } },
	{ name: '吉木萨尔县城南地下水水源地', nameEn: 'Jimsar south groundwater source', county: '吉木萨尔县', type: 'groundwater', level: 'county', at: [89.21, 43.93] },
	{ name: '奇台县中葛根水库水源地', nameEn: 'Qitai Zhonggegen Reservoir source', county: '奇台县', type: 'reservoir', level: 'county', at: { lake: '中葛根水库' } },
	{ name: '木垒县木垒河水源地', nameEn: 'Mori River source', county: '木垒哈萨克自治县', type: 'river', level: 'county', at: { river: '木垒河', lat: 43.73 } },
	// township-level
	{ name: '硫磺沟镇地下水水源地', nameEn: 'Liuhuanggou groundwater source', county: '昌吉市', type: 'groundwater', level: 'town', at: [87.205, 43.778] },
	{ name: '三工镇地下水水源地', nameEn: 'Sangong groundwater source', county: '昌吉市', type: 'groundwater', level: 'town', at: [87.37, 44.045] },
	{ name: '大西渠镇地下水水源地', nameEn: 'Daxiqu groundwater source', county: '昌吉市', type: 'groundwater', level: 'town', at: [87.33, 44.22] },
	{ name: '滨湖镇地下水水源地', nameEn: 'Binhu groundwater source', county: '昌吉市', type: 'groundwater', level: 'town', at: [87.24, 44.355] },
	{ name: '滋泥泉子镇地下水水源地', nameEn: 'Ziniquanzi groundwater source', county: '阜康市', type: 'groundwater', level: 'town', at: [88.33, 44.105] },
	{ name: '九运街镇地下水水源地', nameEn: 'Jiuyunjie groundwater source', county: '阜康市', type: 'groundwater', level: 'town', at: [88.06, 44.31] },
	{ name: '雀尔沟镇呼图壁河水源地', nameEn: "Qiao'ergou Hutubi River source", county: '呼图壁县', type: 'river', level: 'town', at: { river: '呼图壁河', lat: 43.69 } },
	{ name: '五工台镇地下水水源地', nameEn: 'Wugongtai groundwater source', county: '呼图壁县', type: 'groundwater', level: 'town', at: [87.0, 44.14] },
	{ name: '大丰镇地下水水源地', nameEn: 'Dafeng groundwater source', county: '呼图壁县', type: 'groundwater', level: 'town', at: [86.83, 44.29] },
	{ name: '石梯子乡地下水水源地', nameEn: 'Shitizi groundwater source', county: '呼图壁县', type: 'groundwater', level: 'town', at: [86.94, 43.97] },
	{ name: '包家店镇地下水水源地', nameEn: 'Baojiadian groundwater source', county: '玛纳斯县', type: 'groundwater', level: 'town', at: [86.36, 44.355] },
	{ name: '乐土驿镇地下水水源地', nameEn: 'Letuyi groundwater source', county: '玛纳斯县', type: 'groundwater', level: 'town', at: [86.49, 44.19] },
	{ name: '清水河乡地下水水源地', nameEn: 'Qingshuihe groundwater source', county: '玛纳斯县', type: 'groundwater', level: 'town', at: [86.3, 43.935] },
	{ name: '塔西河乡塔西河水源地', nameEn: 'Taxihe Township Taxi River source', county: '玛纳斯县', type: 'river', level: 'town', at: { river: '塔西河', lat: 43.72 } },
	{ name: '三台镇地下水水源地', nameEn: 'Santai groundwater source', county: '吉木萨尔县', type: 'groundwater', level: 'town', at: [88.94, 43.955] },
	{ name: '泉子街镇大龙口河水源地', nameEn: 'Quanzijie Dalongkou River source', county: '吉木萨尔县', type: 'river', level: 'town', at: { river: '大龙口河', lat: 43.67 } },
	{ name: '大有镇地下水水源地', nameEn: 'Dayou groundwater source', county: '吉木萨尔县', type: 'groundwater', level: 'town', at: [89.3, 44.1] },
	{ name: '二工镇地下水水源地', nameEn: 'Ergong groundwater source', county: '吉木萨尔县', type: 'groundwater', level: 'town', at: [89.05, 44.05] },
	{ name: '老奇台镇地下水水源地', nameEn: 'Laoqitai groundwater source', county: '奇台县', type: 'groundwater', level: 'town', at: [89.78, 43.925] },
	{ name: '半截沟镇地下水水源地', nameEn: 'Banjiegou groundwater source', county: '奇台县', type: 'groundwater', level: 'town', at: [89.5, 43.77] },
	{ name: '西北湾镇地下水水源地', nameEn: 'Xibeiwan groundwater source', county: '奇台县', type: 'groundwater', level: 'town', at: [89.53, 44.11] },
	{ name: '碧流河乡水磨河水源地', nameEn: 'Biliuhe Township Shuimo River source', county: '奇台县', type: 'river', level: 'town', at: { river: '水磨河', lat: 43.8 } },
	{ name: '北塔山牧场地下水水源地', nameEn: 'Beitashan Ranch groundwater source', county: '奇台县', type: 'groundwater', level: 'town', at: [90.54, 45.24] },
	{ name: '西吉尔镇地下水水源地', nameEn: 'Xijier groundwater source', county: '木垒哈萨克自治县', type: 'groundwater', level: 'town', at: [90.13, 43.78] },
	{ name: '东城镇地下水水源地', nameEn: 'Dongcheng groundwater source', county: '木垒哈萨克自治县', type: 'groundwater', level: 'town', at: [90.5, 43.83] },
	{ name: '大石头乡地下水水源地', nameEn: 'Dashitou groundwater source', county: '木垒哈萨克自治县', type: 'groundwater', level: 'town', at: [90.95, 43.78] }
];

export interface Zone {
	level: ZoneLevel;
	geom: MPoly;
}
export interface Source {
	id: string;
	name: string;
	nameEn: string;
	county: string;
	type: SourceType;
	level: 'county' | 'town';
	origin: Pos;
	zones: Zone[];
}

/** Semi-axes (km) along / across the upstream direction, per zone. */
const SIZES: Record<string, Array<[number, number]>> = {
	'river/county': [[1.3, 0.35], [4, 1.1], [9, 2.4]],
	'river/town': [[0.6, 0.2], [1.8, 0.6], [4.5, 1.4]],
	'groundwater/county': [[0.9, 0.55], [2.8, 1.7]],
	'groundwater/town': [[0.35, 0.22], [1.3, 0.8]]
};
/** How far upstream of the intake the centre of each zone's ellipse sits, as a share of its length. */
const UPSTREAM = [0.45, 0.55, 0.7];
const N = 96;

/** Radii (km) needed at each angle so that the star polygon contains these points with a margin. */
function required(thetas: number[], pts: Pos[], margin: number): number[] {
	const out = thetas.map(() => 0);
	const step = (2 * Math.PI) / thetas.length;
	for (const [x, y] of pts) {
		const d = Math.hypot(x, y);
		if (d < 1e-9) continue;
		let t = Math.atan2(y, x) - thetas[0];
		t = ((t % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
		const i = Math.floor(t / step);
		const need = d / Math.cos(step) + margin;
		for (const j of [i - 1, i, i + 1, i + 2]) {
			const k = (j + thetas.length) % thetas.length;
			out[k] = Math.max(out[k], need);
		}
	}
	return out;
}

/** River vertices (km, in the intake's frame) within a reach upstream/downstream of the intake. */
function reach(line: Pos[], toKm: (p: Pos) => Pos, rot: number, up: number, down: number, side: number): Pos[] {
	const ux = Math.cos(rot);
	const uy = Math.sin(rot);
	const out: Pos[] = [];
	for (const p of line) {
		const [x, y] = toKm(p);
		const along = x * ux + y * uy;
		const across = -x * uy + y * ux;
		if (along <= up && along >= -down && Math.abs(across) <= side) out.push([x, y]);
	}
	return out;
}

function buildSource(def: SourceDef, index: number, scale: number, r: Rng): Source {
	let origin: Pos;
	let rot: number;
	let riverLine: Pos[] | undefined;
	let lakePts: Pos[] = [];
	if ('river' in def.at) {
		const rv = river(def.at.river).main;
		const hit = atLatitude(rv, def.at.lat);
		origin = hit.p;
		rot = hit.dir + Math.PI; // upstream
		riverLine = rv;
	} else if ('lake' in def.at) {
		const lk = lake(def.at.lake);
		origin = lk.center;
		const rv = river(def.at.lake === '石门水库' ? '呼图壁河' : riverOfLake(def.at.lake)).main;
		rot = atLatitude(rv, lk.center[1]).dir + Math.PI;
		riverLine = rv;
		lakePts = lk.ring;
	} else {
		origin = def.at;
		rot = -Math.PI / 2 + r.range(-0.6, 0.6); // well fields sit on the fan, reaching south
	}
	const f = frame(origin);
	const thetas = angles(N, r.range(0, (2 * Math.PI) / N));
	const lakeKm = lakePts.map(f.toKm);
	let sizes: Array<[number, number]>;
	if (def.type === 'reservoir') {
		// lake half-length and half-width from its own outline
		let la = 0;
		let lb = 0;
		for (const [x, y] of lakeKm) {
			la = Math.max(la, Math.abs(x * Math.cos(rot) + y * Math.sin(rot)));
			lb = Math.max(lb, Math.abs(-x * Math.sin(rot) + y * Math.cos(rot)));
		}
		sizes = [[la + 0.3, lb + 0.3], [la + 3 * scale, lb + 1.4 * scale], [la + 5.5 * scale, lb + 2.8 * scale]];
	} else sizes = SIZES[`${def.type}/${def.level}`].map(([a, b]) => [a * scale, b * scale]);

	const radii: number[][] = [];
	sizes.forEach(([a, b], z) => {
		const off = def.type === 'groundwater' ? 0.15 * a : UPSTREAM[z] * a;
		const base = offsetEllipseR(a, b, rot, off * Math.cos(rot), off * Math.sin(rot));
		const noise = harmonicNoise(r.fork(`z${z}`), z === 0 ? 0.1 : 0.16, 2, 8, 0.6);
		const need = thetas.map(() => 0);
		if (riverLine) {
			const pts = reach(riverLine, f.toKm, rot, (1 + (def.type === 'groundwater' ? 0.15 : UPSTREAM[z])) * a * 0.92, (1 - UPSTREAM[z]) * a * 0.9, b * 1.6);
			required(thetas, pts, z === 0 ? 0.08 : 0.15).forEach((v, i) => (need[i] = Math.max(need[i], v)));
		}
		if (z === 0 && lakeKm.length) required(thetas, lakeKm, 0.15).forEach((v, i) => (need[i] = Math.max(need[i], v)));
		const inner = radii[z - 1];
		let v = thetas.map((t, i) => {
			const x = Math.max(base(t) * noise(t), need[i]);
			return inner ? Math.max(x, inner[i] * 1.1 + 0.06) : x;
		});
		// widen spikes (a river bend, the reservoir) into smooth lobes: radii only grow, so nesting holds
		for (let pass = 0; pass < 6; pass++)
			v = v.map((x, i) => Math.max(x, 0.93 * v[(i + N - 1) % N], 0.93 * v[(i + 1) % N]));
		radii.push(v);
	});
	const levels: ZoneLevel[] = ['first', 'second', 'quasi'];
	const zones = radii.map((rs, z) => ({ level: levels[z], geom: roundMPoly([[starRing(origin, thetas, rs)]]) }));
	return {
		id: `WS-${String(index + 1).padStart(2, '0')}`,
		name: def.name,
		nameEn: def.nameEn,
		county: def.county,
		type: def.type,
		level: def.level,
		origin,
		zones
	};
}

function riverOfLake(name: string): string {
	return { 努尔加水库: '三屯河', 大龙口水库: '大龙口河', 中葛根水库: '开垦河', 头屯河水库: '头屯河' }[name] ?? '';
}

let cache: Source[] | undefined;

export function waterSources(): Source[] {
	if (cache) return cache;
	const placed: Source[] = [];
	SOURCE_DEFS.forEach((def, i) => {
		const county = countyGeom(def.county);
		const why: string[] = [];
		for (const scale of [1, 0.85, 0.72, 0.6, 0.5, 0.42, 0.35]) {
			const s = buildSource(def, i, scale, rng(`water/${def.name}`));
			const outer = s.zones[s.zones.length - 1].geom;
			if (!within(outer, county, 0)) {
				why.push(`${scale}: outside county`);
				continue;
			}
			const hit = placed.find((p) => overlaps(p.zones[p.zones.length - 1].geom, outer, 0));
			if (hit) {
				why.push(`${scale}: overlaps ${hit.name}`);
				continue;
			}
			placed.push(s);
			return;
		}
		throw new Error(`cannot place water source ${def.name}: ${why.join('; ')}`);
	});
	cache = placed;
	return cache;
}
