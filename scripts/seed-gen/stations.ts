/**
 * Monitoring stations: the plan's 70 automatic stations (air in towns and industrial
 * areas, water at 17 river sections, two lakes and the 13 county-level drinking-water
 * sources, radiation) and 385 grid micro-stations clustered in towns, industrial parks,
 * Zhundong and around coal-fire zones.
 */
import { lakes, river, towns, town } from './basemap';
import { buildFrame, countyAt } from './frame';
import { atLatitude, distKm, offsetKm, pointIn, type Pos } from './geom';
import { coalFires } from './restoration';
import { rng, type Rng } from './rng';
import { waterSources } from './water';

export type Measure = 'air' | 'water' | 'noise' | 'radiation';
export interface Station {
	code: string;
	name: string;
	nameEn: string;
	kind: 'automatic' | 'micro';
	measures: Measure[];
	county: string;
	p: Pos;
}

const RIVER_SECTIONS: Array<[string, number, string, string]> = [
	['玛纳斯河', 43.9, '出山口', 'mountain outlet'],
	['玛纳斯河', 44.5, '下游', 'lower reach'],
	['塔西河', 44.05, '出山口', 'mountain outlet'],
	['呼图壁河', 43.95, '石门水库下游', 'below Shimen Reservoir'],
	['呼图壁河', 44.4, '县城下游', 'below the county town'],
	['三屯河', 43.92, '出山口', 'mountain outlet'],
	['三屯河', 44.2, '城区下游', 'below the city'],
	['头屯河', 43.95, '出山口', 'mountain outlet'],
	['头屯河', 44.2, '城区段', 'city reach'],
	['三工河', 43.98, '出山口', 'mountain outlet'],
	['三工河', 44.3, '城区下游', 'below the city'],
	['大龙口河', 43.9, '出山口', 'mountain outlet'],
	['大龙口河', 44.2, '县城下游', 'below the county town'],
	['开垦河', 43.88, '出山口', 'mountain outlet'],
	['开垦河', 44.25, '县城下游', 'below the county town'],
	['水磨河', 43.9, '出山口', 'mountain outlet'],
	['木垒河', 43.95, '县城下游', 'below the county town']
];

/** Industrial areas (automatic air stations and micro-station clusters). */
const PARKS: Array<[string, string, string, Pos]> = [
	['昌吉高新区', 'Changji high-tech zone', '昌吉市', [87.4, 44.09]],
	['阜康产业园', 'Fukang industrial park', '阜康市', [88.12, 44.25]],
	['玛纳斯工业园', 'Manas industrial park', '玛纳斯县', [86.3, 44.36]],
	['呼图壁工业园', 'Hutubi industrial park', '呼图壁县', [86.98, 44.26]],
	['阜康产业园东区', 'Fukang industrial park east', '阜康市', [88.2, 44.23]]
];
const ZHUNDONG_SITES: Array<[string, string, Pos]> = [
	['五彩湾', 'Wucaiwan', [89.56, 44.8]],
	['大井', 'Dajing', [89.95, 44.8]],
	['将军庙', 'Jiangjunmiao', [90.2, 45.05]],
	['芨芨湖', 'Jijihu', [89.85, 45.0]]
];

let cache: Station[] | undefined;

export function stations(): Station[] {
	if (cache) return cache;
	const f = buildFrame();
	const lakeGeoms = lakes().map((l) => l.geom);
	const all: Station[] = [];
	const taken = (p: Pos, minKm: number) => all.some((s) => distKm(s.p, p) < minKm);

	/** A free spot near `anchor` inside `county` (and `region` if given). */
	function spot(anchor: Pos, county: string | undefined, spreadKm: number, r: Rng, minKm: number, region?: Pos[][][]): Pos {
		for (let k = 0; k < 400; k++) {
			const s = k === 0 && spreadKm === 0 ? 0 : spreadKm * (1 + k / 100);
			const p = s === 0 ? anchor : offsetKm(anchor, r.normal() * s, r.normal() * s);
			const c = countyAt(p)?.key;
			if (!c || (county && c !== county)) continue;
			if (region && !pointIn(p, region)) continue;
			if (lakeGeoms.some((g) => pointIn(p, g))) continue;
			if (taken(p, minKm)) continue;
			return p;
		}
		throw new Error(`no free spot near ${anchor}`);
	}
	const add = (s: Omit<Station, 'code' | 'county'> & { county?: string }) => {
		const county = s.county ?? countyAt(s.p)?.key;
		if (!county) throw new Error(`station ${s.name} outside the prefecture`);
		const order: Measure[] = ['air', 'water', 'noise', 'radiation'];
		all.push({ ...s, measures: [...s.measures].sort((a, b) => order.indexOf(a) - order.indexOf(b)), county, code: '' });
	};

	// ---- automatic (70)
	const ra = rng('stations/automatic');
	const seatSuffix: Array<[string, string, number, number]> = [
		['城区', 'urban', 0, 0],
		['城北', 'north', 0, 3],
		['城南', 'south', 0, -3],
		['开发区', 'development zone', 3.5, 1]
	];
	for (const { def } of f.counties) {
		const n = def.key === '昌吉市' ? 4 : 2;
		for (let i = 0; i < n; i++) {
			const [zh, en, dx, dy] = seatSuffix[i];
			add({
				name: `${def.seatName}${zh}空气自动监测站`,
				nameEn: `${def.seatNameEn} ${en} air automatic station`,
				kind: 'automatic',
				measures: i === 0 ? ['air', 'noise'] : ['air'],
				county: def.key,
				p: spot(offsetKm(def.seat, dx, dy), def.key, 0.5, ra, 0.8)
			});
		}
	}
	for (const [zh, en, county, p] of PARKS)
		add({ name: `${zh}空气自动监测站`, nameEn: `${en} air automatic station`, kind: 'automatic', measures: ['air'], county, p: spot(p, county, 0.5, ra, 0.8) });
	for (const [zh, en, p] of ZHUNDONG_SITES)
		add({ name: `准东${zh}空气自动监测站`, nameEn: `Zhundong ${en} air automatic station`, kind: 'automatic', measures: ['air'], p: spot(p, undefined, 0.5, ra, 0.8, f.zhundong) });
	const airTowns = ['硫磺沟镇', '三工镇', '滋泥泉子镇', '雀尔沟镇', '包家店镇', '三台镇', '老奇台镇', '西吉尔镇', '东城镇', '北塔山牧场'];
	for (const name of airTowns) {
		const t = town(name);
		add({
			name: `${t.name}空气自动监测站`,
			nameEn: `${t.nameEn} air automatic station`,
			kind: 'automatic',
			measures: name === '三工镇' || name === '老奇台镇' ? ['air', 'water'] : ['air'],
			county: t.county,
			p: spot(t.p, t.county, 0.4, ra, 0.8)
		});
	}
	for (const [rv, lat, zh, en] of RIVER_SECTIONS) {
		const p = atLatitude(river(rv).main, lat).p;
		add({ name: `${rv}${zh}水质自动监测站`, nameEn: `${river(rv).nameEn} ${en} water-quality automatic station`, kind: 'automatic', measures: ['water'], p });
	}
	for (const name of ['天池', '石门水库']) {
		const l = lakes().find((x) => x.name === name)!;
		add({ name: `${name}水质自动监测站`, nameEn: `${l.nameEn} water-quality automatic station`, kind: 'automatic', measures: ['water'], county: l.county, p: l.center });
	}
	for (const s of waterSources().filter((x) => x.level === 'county'))
		add({ name: `${s.name}水质自动监测站`, nameEn: `${s.nameEn} water-quality automatic station`, kind: 'automatic', measures: ['water'], county: s.county, p: s.origin });
	add({ name: '昌吉州辐射环境自动监测站', nameEn: 'Changji prefecture radiation automatic station', kind: 'automatic', measures: ['radiation', 'air'], county: '昌吉市', p: spot(town('昌吉市').p, '昌吉市', 3, ra, 0.8) });
	add({ name: '准东辐射环境自动监测站', nameEn: 'Zhundong radiation automatic station', kind: 'automatic', measures: ['radiation'], p: spot([89.9, 44.9], undefined, 2, ra, 0.8, f.zhundong) });
	add({ name: '硫磺沟火区空气自动监测站', nameEn: 'Liuhuanggou fire-zone air automatic station', kind: 'automatic', measures: ['air'], county: '昌吉市', p: spot([87.24, 43.725], '昌吉市', 0.6, ra, 0.8) });

	// ---- micro (385)
	const rm = rng('stations/micro');
	const micro = (place: string, placeEn: string, anchor: Pos, county: string | undefined, n: number, spreadKm: number, region?: Pos[][][], urban = true) => {
		for (let i = 0; i < n; i++) {
			const u = rm.next();
			const measures: Measure[] = urban ? (u < 0.22 ? ['air', 'noise'] : u < 0.27 ? ['noise'] : ['air']) : ['air'];
			const p = spot(anchor, county, spreadKm, rm, 0.25, region);
			add({ name: `${place}微型站`, nameEn: `${placeEn} micro-station`, kind: 'micro', measures, county, p });
		}
	};
	const seatCounts: Record<string, [number, number]> = {
		昌吉市: [80, 4.5],
		阜康市: [35, 3],
		呼图壁县: [30, 2.5],
		玛纳斯县: [30, 2.5],
		吉木萨尔县: [25, 2.2],
		奇台县: [30, 2.5],
		木垒哈萨克自治县: [20, 2]
	};
	for (const { def } of f.counties) {
		const [n, s] = seatCounts[def.key];
		micro(def.seatName, def.seatNameEn, def.seat, def.key, n, s);
	}
	micro('昌吉高新区', 'Changji high-tech zone', PARKS[0][3], '昌吉市', 15, 1.8);
	micro('阜康产业园', 'Fukang industrial park', PARKS[1][3], '阜康市', 20, 2);
	for (const [zh, en, p] of ZHUNDONG_SITES) micro(`准东${zh}`, `Zhundong ${en}`, p, undefined, zh === '五彩湾' ? 14 : 12, 5, f.zhundong, false);
	// air around 20 of the 26 fire zones
	for (const c of coalFires().slice(0, 20)) {
		const ring = c.geom[0][0];
		const cx = ring.reduce((s, p) => s + p[0], 0) / ring.length;
		const cy = ring.reduce((s, p) => s + p[1], 0) / ring.length;
		micro(c.name, c.nameEn, [cx, cy], c.county, 1, 1.2, undefined, false);
	}
	// the rest in the main towns, more in the bigger ones
	const townList = towns().filter((t) => t.kind === 'town');
	const left = 385 - all.filter((s) => s.kind === 'micro').length;
	townList.forEach((t, i) => {
		const n = Math.floor(left / townList.length) + (i < left % townList.length ? 1 : 0);
		micro(t.name, t.nameEn, t.p, t.county, n, 1.2);
	});

	// codes; micro-station names get their number
	let na = 0;
	let nm = 0;
	const perPlace: Record<string, number> = {};
	for (const s of all) {
		if (s.kind === 'automatic') s.code = `AS-${String(++na).padStart(3, '0')}`;
		else {
			s.code = `MS-${String(++nm).padStart(3, '0')}`;
			const k = (perPlace[s.name] = (perPlace[s.name] ?? 0) + 1);
			s.name = `${s.name}${String(k).padStart(2, '0')}`;
			s.nameEn = `${s.nameEn} ${String(k).padStart(2, '0')}`;
		}
	}
	if (na !== 70 || nm !== 385) throw new Error(`stations: ${na} automatic, ${nm} micro`);
	cache = all;
	return all;
}
