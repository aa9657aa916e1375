/**
 * Zoning layers: the 7 national sand-closure reserves, the ecological redline and the
 * zoning-control units (三线一单).
 */
import { river, lakes } from './basemap';
import { buildFrame, countyDef, type CountyDef } from './frame';
import {
	areaKm2,
	atLatitude,
	blob,
	differenceM,
	intersectM,
	roundMPoly,
	repairTJunctions,
	snapMPoly,
	unionM,
	VertexPool,
	within,
	type MPoly,
	type Pos
} from './geom';
import { fitArea, place } from './place';
import { coalFires, mineSites } from './restoration';
import { rng } from './rng';
import { waterSources } from './water';

// ---------------------------------------------------------------------------------------
// Sand-closure reserves

export interface Reserve {
	code: string;
	name: string;
	nameEn: string;
	county: string;
	year: number;
	geom: MPoly;
}

/** One per county, on the southern edge of the Gurbantunggut desert. Only 头道沙漠 is a published name. */
const RESERVE_DEFS: Array<[string, string, string, Pos, number, number]> = [
	['玛纳斯县北沙窝国家沙化土地封禁保护区', 'Manas Beishawo national sand-closure reserve', '玛纳斯县', [86.36, 44.86], 2015, 190],
	['呼图壁县北沙窝国家沙化土地封禁保护区', 'Hutubi Beishawo national sand-closure reserve', '呼图壁县', [86.86, 44.78], 2016, 165],
	['昌吉市北沙窝国家沙化土地封禁保护区', 'Changji Beishawo national sand-closure reserve', '昌吉市', [87.38, 44.72], 2014, 210],
	['阜康市北沙窝国家沙化土地封禁保护区', 'Fukang Beishawo national sand-closure reserve', '阜康市', [88.15, 44.63], 2014, 240],
	['吉木萨尔县北沙窝国家沙化土地封禁保护区', 'Jimsar Beishawo national sand-closure reserve', '吉木萨尔县', [89.06, 44.56], 2016, 180],
	['奇台县北沙窝国家沙化土地封禁保护区', 'Qitai Beishawo national sand-closure reserve', '奇台县', [89.78, 44.46], 2017, 150],
	['木垒县头道沙漠国家沙化土地封禁保护区', 'Mori Toudao Desert national sand-closure reserve', '木垒哈萨克自治县', [90.56, 44.42], 2015, 170]
];

let reservesCache: Reserve[] | undefined;
export function reserves(): Reserve[] {
	if (reservesCache) return reservesCache;
	const f = buildFrame();
	const desert = differenceM(differenceM(f.outline, f.south.desert), f.zhundong);
	const out: Reserve[] = [];
	RESERVE_DEFS.forEach(([name, nameEn, county, center, year, km2], i) => {
		const r = rng(`reserve/${name}`);
		const ratio = r.range(1.3, 1.9);
		const rot = r.range(-0.4, 0.4);
		const key = `reserve/${name}/shape`;
		const geom = place({
			key: `reserve/${name}`,
			center,
			county,
			make: (c) =>
				fitArea(km2, (s) => {
					const a = Math.sqrt((km2 * ratio) / Math.PI) * s;
					return [[blob(c, rng(key), { a, b: a / ratio, rot, amp: 0.18, n: 150, kMax: 11 })]];
				}),
			avoid: out.map((x) => x.geom),
			inside: desert,
			stepKm: 1.5
		});
		out.push({ code: `FJ-${String(i + 1).padStart(2, '0')}`, name, nameEn, county, year, geom });
	});
	reservesCache = out;
	return out;
}

// ---------------------------------------------------------------------------------------
// The partition: every county cut into pieces by the belt lines, the county towns, Bogda,
// Kalamaili and Zhundong. Control units are these pieces; the county outlines shipped are
// their unions; the redline's large parts are some of them. All pieces are snapped to one
// vertex pool, so neighbours share vertices exactly and nothing overlaps or gaps.

export type PieceKind = 'mountain' | 'bogda' | 'foothill' | 'urban' | 'farm' | 'sand' | 'desert' | 'kala' | 'zd';
export interface Piece {
	def: CountyDef;
	kind: PieceKind;
	geom: MPoly;
}

let piecesCache: Piece[] | undefined;
export function pieces(): Piece[] {
	if (piecesCache) return piecesCache;
	const f = buildFrame();
	const raw: Piece[] = [];
	const r = (m: MPoly) => roundMPoly(m);
	for (const { def, geom } of f.counties) {
		let mountain = r(intersectM(geom, f.south.redline));
		let foothill = r(differenceM(intersectM(geom, f.south.front), f.south.redline));
		const oasis = r(differenceM(intersectM(geom, f.south.desert), f.south.front));
		const north = r(differenceM(geom, f.south.desert));
		const zd = r(intersectM(north, f.zhundong));
		const kala = r(intersectM(north, f.kalamaili));
		const rest = r(differenceM(differenceM(north, f.zhundong), f.kalamaili));
		const sand = r(intersectM(rest, f.south.sandbelt));
		const desert = r(differenceM(rest, f.south.sandbelt));
		const big = def.key === '昌吉市';
		const town: MPoly = r([[blob(def.seat, rng(`unit/town/${def.key}`), { a: big ? 11 : 7, b: big ? 8 : 5, rot: 0.3, amp: 0.2, n: 90 })]]);
		const urban = r(intersectM(oasis, town));
		const farm = r(differenceM(oasis, town));
		if (def.key === '阜康市') {
			// Bogda peak glaciers and Tianchi
			const b = r(
				unionM(
					[[blob([88.2, 43.84], rng('redline/bogda'), { a: 16, b: 8.5, rot: 0.12, amp: 0.14, n: 120 })]],
					[[blob([88.13, 43.89], rng('redline/tianchi'), { a: 4.5, b: 3.2, rot: 1.6, amp: 0.1, n: 60 })]]
				)
			);
			raw.push({ def, kind: 'bogda', geom: r(intersectM(r(unionM(mountain, foothill)), b)) });
			mountain = r(differenceM(mountain, b));
			foothill = r(differenceM(foothill, b));
		}
		raw.push(
			{ def, kind: 'mountain', geom: mountain },
			{ def, kind: 'foothill', geom: foothill },
			{ def, kind: 'urban', geom: urban },
			{ def, kind: 'farm', geom: farm },
			{ def, kind: 'sand', geom: sand },
			{ def, kind: 'desert', geom: desert },
			{ def, kind: 'kala', geom: kala },
			{ def, kind: 'zd', geom: zd }
		);
	}
	const pool = new VertexPool(2);
	const snapped = raw.map((p) => snapMPoly(p.geom, pool));
	const repaired = repairTJunctions(snapped);
	piecesCache = raw.map((p, i) => ({ ...p, geom: repaired[i] })).filter((p) => p.geom.length > 0);
	return piecesCache;
}
export const piece = (county: string, kind: PieceKind): MPoly =>
	pieces().find((p) => p.def.key === county && p.kind === kind)?.geom ?? [];

/** County outlines as shipped: the union of their pieces. */
export function countyOutlines(): Array<{ def: CountyDef; geom: MPoly }> {
	return buildFrame().counties.map(({ def }) => ({
		def,
		geom: roundMPoly(unionM(...pieces().filter((p) => p.def.key === def.key).map((p) => p.geom)))
	}));
}

// ---------------------------------------------------------------------------------------
// Ecological redline

export type FunctionType = 'water_conservation' | 'biodiversity' | 'sand_fixation' | 'soil_conservation' | 'fragile';
export interface RedlinePart {
	code: string;
	name: string;
	nameEn: string;
	functionType: FunctionType;
	county: string;
	geom: MPoly;
}

let redlineCache: RedlinePart[] | undefined;
export function redline(): RedlinePart[] {
	if (redlineCache) return redlineCache;
	const f = buildFrame();
	const parts: Omit<RedlinePart, 'code'>[] = [];
	const add = (p: Omit<RedlinePart, 'code'>) => {
		if (p.geom.length && areaKm2(p.geom) >= 2) parts.push(p);
	};

	const tianchi = lakes().find((l) => l.name === '天池')!;
	if (!within(tianchi.geom, piece('阜康市', 'bogda'))) throw new Error('Tianchi outside the Bogda redline');
	for (const { def } of f.counties) {
		add({
			name: `天山北坡冰川及水源涵养生态保护红线（${def.short}）`,
			nameEn: `Tianshan north slope glaciers and water conservation redline (${def.seatNameEn})`,
			functionType: 'water_conservation',
			county: def.key,
			geom: piece(def.key, 'mountain')
		});
		if (def.key === '阜康市')
			add({
				name: '博格达峰冰川—天池生物多样性维护生态保护红线',
				nameEn: 'Bogda glaciers and Tianchi biodiversity redline',
				functionType: 'biodiversity',
				county: def.key,
				geom: piece(def.key, 'bogda')
			});
	}

	// soil conservation on the foothills, fragile (salinised) land and the Manas wetland in
	// the oasis: whole shapes inside one piece, clear of mines, fire zones, lakes and water zones
	const taken: MPoly[] = [...coalFires().map((c) => c.geom), ...mineSites().map((m) => m.geom), ...lakes().map((l) => l.geom)];
	const waterAll = waterSources().flatMap((s) => s.zones.map((z) => z.geom));
	const oasisOf = (county: string) => roundMPoly(unionM(piece(county, 'farm'), piece(county, 'urban')));
	const manasRiver = atLatitude(river('玛纳斯河').main, 44.42);
	const patches: Array<[string, string, FunctionType, string, Pos, number, MPoly, MPoly[], number?]> = [
		['玛纳斯县山前水土保持生态保护红线', 'Manas foothill soil conservation redline', 'soil_conservation', '玛纳斯县', [86.12, 43.9], 45, piece('玛纳斯县', 'foothill'), taken],
		['吉木萨尔县山前水土保持生态保护红线', 'Jimsar foothill soil conservation redline', 'soil_conservation', '吉木萨尔县', [89.3, 43.74], 40, piece('吉木萨尔县', 'foothill'), taken],
		['木垒县东部山前水土保持生态保护红线', 'Mori eastern foothill soil conservation redline', 'soil_conservation', '木垒哈萨克自治县', [91.22, 43.66], 60, piece('木垒哈萨克自治县', 'foothill'), taken],
		['昌吉市北部盐渍化生态脆弱区生态保护红线', 'Changji northern salinised fragile-land redline', 'fragile', '昌吉市', [87.42, 44.4], 55, oasisOf('昌吉市'), [...taken, ...waterAll]],
		['玛纳斯县北部盐渍化生态脆弱区生态保护红线', 'Manas northern salinised fragile-land redline', 'fragile', '玛纳斯县', [86.5, 44.52], 60, oasisOf('玛纳斯县'), [...taken, ...waterAll]],
		['奇台县北部盐渍化生态脆弱区生态保护红线', 'Qitai northern salinised fragile-land redline', 'fragile', '奇台县', [89.86, 44.2], 50, oasisOf('奇台县'), [...taken, ...waterAll]],
		['玛纳斯河国家湿地公园生物多样性维护生态保护红线', 'Manas River national wetland park biodiversity redline', 'biodiversity', '玛纳斯县', manasRiver.p, 50, oasisOf('玛纳斯县'), waterAll, manasRiver.dir]
	];
	for (const [name, nameEn, functionType, county, center, km2, inside, avoid, dir] of patches) {
		const pr = rng(`redline/${name}`);
		const ratio = dir === undefined ? pr.range(1.5, 2.4) : 3.2;
		const rot = dir ?? pr.range(-0.3, 0.3);
		const geom = place({
			key: `redline/${name}`,
			center,
			county,
			inside,
			avoid,
			stepKm: 1,
			make: (c) =>
				fitArea(km2, (sc) => {
					const a = Math.sqrt((km2 * ratio) / Math.PI) * sc;
					return roundMPoly([[blob(c, rng(`redline/${name}/shape`), { a, b: a / ratio, rot, amp: 0.2, n: 100 })]]);
				})
		});
		add({ name, nameEn, functionType, county, geom });
	}

	// desert sand-fixation belt, and Kalamaili
	for (const { def } of f.counties)
		add({
			name: `古尔班通古特沙漠南缘防风固沙生态保护红线（${def.short}）`,
			nameEn: `Gurbantunggut desert southern edge sand-fixation redline (${def.seatNameEn})`,
			functionType: 'sand_fixation',
			county: def.key,
			geom: piece(def.key, 'sand')
		});
	for (const { def } of f.counties)
		add({
			name: `卡拉麦里山有蹄类野生动物生物多样性维护生态保护红线（${def.short}）`,
			nameEn: `Kalamaili ungulate biodiversity redline (${def.seatNameEn})`,
			functionType: 'biodiversity',
			county: def.key,
			geom: piece(def.key, 'kala')
		});
	redlineCache = parts.map((p, i) => ({ code: `HX-${String(i + 1).padStart(2, '0')}`, ...p }));
	return redlineCache;
}

// ---------------------------------------------------------------------------------------
// Zoning-control units

export type UnitType = 'priority' | 'key' | 'general';
export interface ControlUnit {
	code: string;
	name: string;
	nameEn: string;
	unitType: UnitType;
	county: string;
	access: string;
	geom: MPoly;
}

const ACCESS = {
	mountain:
		'以水源涵养和冰川、生物多样性保护为主；禁止新建、扩建破坏水源涵养功能的开发建设项目，严格控制矿产资源开发，已有矿山依法退出或限期修复；生态保护红线内按红线管控要求执行。',
	bogda:
		'以博格达峰冰川、天池及雪豹、北山羊等珍稀物种栖息地保护为主；禁止开发性、生产性建设活动，旅游设施建设须符合保护地规划并依法审批。',
	foothill:
		'新建矿山须达到绿色矿山建设标准；落实煤田火区综合治理和矿山地质环境恢复治理责任；严格控制粉尘等大气污染物无组织排放，施工前开展地质灾害危险性评估。',
	urban:
		'严格执行污染物排放总量控制和区域削减要求；禁止新建高污染、高耗能项目；完善城镇污水收集处理设施，严格饮用水水源保护区管理。',
	farm: '执行生态环境保护普遍性要求；控制农业面源污染，推进化肥农药减量增效和农膜回收；严格地下水开采管理，保护防护林体系。',
	sand: '以防风固沙为主；严禁滥樵、滥采、滥牧和开垦，禁止破坏荒漠植被；沙化土地封禁保护区内禁止一切破坏植被的活动，线性工程依法审批并落实生态修复。',
	desert: '执行荒漠区生态保护普遍性要求；控制开发强度，禁止破坏荒漠植被和固定、半固定沙丘，建设项目落实防沙治沙措施。',
	kala: '以有蹄类野生动物及其栖息地保护为主；禁止新建矿产资源开发项目；交通、输电等线性设施须设置野生动物通道并依法审批。',
	zd: '入区项目须符合开发区规划环评和产业准入要求；实施污染物排放总量控制，强化环境风险防控和地下水污染防治；严守卡拉麦里保护地边界。'
};

const UNIT_OF: Record<PieceKind, [UnitType, string, string]> = {
	mountain: ['priority', '天山北坡水源涵养优先保护单元', 'Tianshan water-conservation priority unit'],
	bogda: ['priority', '博格达峰—天池生物多样性优先保护单元', 'Bogda–Tianchi biodiversity priority unit'],
	foothill: ['key', '山前矿产资源开发重点管控单元', 'foothill mining key-control unit'],
	urban: ['key', '城镇重点管控单元', 'urban key-control unit'],
	farm: ['general', '绿洲农业一般管控单元', 'oasis farmland general-control unit'],
	sand: ['priority', '荒漠防风固沙优先保护单元', 'desert sand-fixation priority unit'],
	desert: ['general', '北部荒漠一般管控单元', 'northern desert general-control unit'],
	kala: ['priority', '卡拉麦里生物多样性优先保护单元', 'Kalamaili biodiversity priority unit'],
	zd: ['key', '准东经济技术开发区重点管控单元', 'Zhundong development zone key-control unit']
};

let unitsCache: ControlUnit[] | undefined;
export function controlUnits(): ControlUnit[] {
	if (unitsCache) return unitsCache;
	const seq: Record<string, number> = {};
	unitsCache = pieces().map(({ def, kind, geom }) => {
		const [unitType, label0, labelEn0] = UNIT_OF[kind];
		const changjiCity = kind === 'urban' && def.key === '昌吉市';
		const label = changjiCity ? '城区及高新区重点管控单元' : label0;
		const labelEn = changjiCity ? 'city and high-tech zone key-control unit' : labelEn0;
		const k = `${def.adcode}${{ priority: 1, key: 2, general: 3 }[unitType]}`;
		seq[k] = (seq[k] ?? 0) + 1;
		return {
			code: `ZH${k}${String(seq[k]).padStart(4, '0')}`,
			name: `${def.short}${label}`,
			nameEn: `${def.seatNameEn} ${labelEn}`,
			unitType,
			county: def.key,
			access: ACCESS[kind],
			geom
		};
	});
	return unitsCache;
}

export { countyDef };
