/**
 * Restoration layers: the 26 coal-fire zones and the mine restoration sites.
 *
 * Coal fires: the plan names 昌吉市庙尔沟 and 呼图壁县红三沟 among 26 zones in 昌吉市、阜康市、
 * 呼图壁县、木垒县 and others; 26 were worked on in 2021–25 and 13 finished. Here the 13
 * finished are 10 extinguished + 3 monitoring (extinguished, under post-treatment
 * monitoring); the other 13 are 8 in treatment + 5 untreated.
 *
 * Mines: the plan's three 2026–30 projects, 15 historic abandoned mines (the 12 restored
 * in 2021–25 add up to the plan's 704.75 ha), sand pits, quarries, and 28 green mines.
 */
import { lakes, river } from './basemap';
import { buildFrame, countyDef } from './frame';
import { atLatitude, blob, offsetKm, unionM, areaHa, type MPoly, type Pos } from './geom';
import { fitArea, place } from './place';
import { rng } from './rng';
import { waterSources } from './water';

export type FireStatus = 'untreated' | 'in_treatment' | 'extinguished' | 'monitoring';
export interface CoalFire {
	code: string;
	name: string;
	nameEn: string;
	county: string;
	status: FireStatus;
	geom: MPoly;
}

const FIRE_DEFS: Array<[string, string, string, Pos, FireStatus]> = [
	['庙尔沟火区', 'Miaoergou fire zone', '昌吉市', [87.14, 43.8], 'in_treatment'],
	['硫磺沟一号火区', 'Liuhuanggou fire zone No. 1', '昌吉市', [87.23, 43.74], 'extinguished'],
	['硫磺沟二号火区', 'Liuhuanggou fire zone No. 2', '昌吉市', [87.28, 43.71], 'extinguished'],
	['硫磺沟三号火区', 'Liuhuanggou fire zone No. 3', '昌吉市', [87.18, 43.69], 'monitoring'],
	['宁家河火区', 'Ningjiahe fire zone', '昌吉市', [87.35, 43.77], 'extinguished'],
	['头屯河西岸火区', 'Toutun River west-bank fire zone', '昌吉市', [87.39, 43.7], 'in_treatment'],
	['三屯河上游火区', 'Upper Santun River fire zone', '昌吉市', [87.1, 43.67], 'untreated'],
	['红三沟火区', 'Hongsangou fire zone', '呼图壁县', [86.8, 43.8], 'in_treatment'],
	['雀尔沟火区', "Qiao'ergou fire zone", '呼图壁县', [86.68, 43.76], 'extinguished'],
	['白杨沟火区', 'Baiyanggou fire zone', '呼图壁县', [86.95, 43.78], 'monitoring'],
	['石梯子火区', 'Shitizi fire zone', '呼图壁县', [86.99, 43.87], 'in_treatment'],
	['塔西河火区', 'Taxihe fire zone', '玛纳斯县', [86.48, 43.82], 'extinguished'],
	['清水河火区', 'Qingshuihe fire zone', '玛纳斯县', [86.28, 43.84], 'untreated'],
	['大黄山火区', 'Dahuangshan fire zone', '阜康市', [88.36, 44.02], 'extinguished'],
	['甘河子火区', 'Ganhezi fire zone', '阜康市', [88.22, 43.99], 'extinguished'],
	['白杨河火区', 'Baiyanghe fire zone', '阜康市', [88.5, 43.97], 'monitoring'],
	['三工河东火区', 'East Sangong River fire zone', '阜康市', [88.12, 43.99], 'in_treatment'],
	['水西沟火区', 'Shuixigou fire zone', '吉木萨尔县', [88.9, 43.78], 'extinguished'],
	['五彩湾火区', 'Wucaiwan fire zone', '吉木萨尔县', [89.56, 44.72], 'in_treatment'],
	['碧流河火区', 'Biliuhe fire zone', '奇台县', [89.86, 43.72], 'extinguished'],
	['大井火区', 'Dajing fire zone', '奇台县', [89.95, 44.76], 'in_treatment'],
	['将军庙火区', 'Jiangjunmiao fire zone', '奇台县', [90.15, 45.0], 'untreated'],
	['芨芨湖火区', 'Jijihu fire zone', '奇台县', [89.8, 44.96], 'untreated'],
	['沈家沟火区', 'Shenjiagou fire zone', '木垒哈萨克自治县', [90.42, 43.64], 'extinguished'],
	['东城煤矿火区', 'Dongcheng coal-mine fire zone', '木垒哈萨克自治县', [90.66, 43.67], 'in_treatment'],
	['大石头火区', 'Dashitou fire zone', '木垒哈萨克自治县', [91.0, 43.64], 'untreated']
];

/** Water-source first and second zones and lakes: no fire or mine may lie in them. */
function hardAvoid(): MPoly[] {
	const out: MPoly[] = lakes().map((l) => l.geom);
	for (const s of waterSources()) for (const z of s.zones) if (z.level !== 'quasi') out.push(z.geom);
	return out;
}

let firesCache: CoalFire[] | undefined;
export function coalFires(): CoalFire[] {
	if (firesCache) return firesCache;
	const avoid = hardAvoid();
	const out: CoalFire[] = [];
	FIRE_DEFS.forEach(([name, nameEn, county, center, status], i) => {
		const r = rng(`coal/${name}`);
		const target = Math.exp(r.range(Math.log(0.45), Math.log(6)));
		const ratio = r.range(1.8, 3.5);
		const zhundong = center[1] > 44.5;
		const rot = zhundong ? r.range(0, Math.PI) : r.range(-0.35, 0.35);
		const bend = r.range(-0.06, 0.06);
		const shapeKey = `coal/${name}/shape`;
		const make = (c: Pos): MPoly =>
			fitArea(target, (s) => {
				const a = Math.sqrt((target * ratio) / Math.PI) * s;
				return [[blob(c, rng(shapeKey), { a, b: a / ratio, rot, amp: 0.22, n: 64, bend: bend / Math.max(0.5, a) })]];
			});
		const geom = place({
			key: `coal/${name}`,
			center,
			county,
			make,
			avoid: [...avoid, ...out.map((f) => f.geom)],
			inside: zhundong ? buildFrame().zhundong : undefined,
			stepKm: 0.7
		});
		out.push({ code: `CF-${String(i + 1).padStart(2, '0')}`, name, nameEn, county, status, geom });
	});
	firesCache = out;
	return out;
}

// ---------------------------------------------------------------------------------------
// Mines

export type SiteType = 'abandoned_mine' | 'sand_pit' | 'quarry' | 'green_mine';
export type MineStatus = 'planned' | 'under_way' | 'completed' | 'accepted';
export type Method = 'backfill' | 'reclamation' | 'revegetation';

export interface MineSite {
	code: string;
	name: string;
	nameEn: string;
	county: string;
	siteType: SiteType;
	status: MineStatus;
	restoredHa: number;
	method: Method;
	responsibleUnit: string;
	startDate: string;
	endDate: string | null;
	geom: MPoly;
}

interface MineDef {
	name: string;
	nameEn: string;
	county: string;
	type: SiteType;
	status: MineStatus;
	/** Centre, or a point on a river (sand pits). */
	at: Pos | { river: string; lat: number };
	/** Site area (ha), before restoration. */
	ha: number;
	method: Method;
	/** Number of separate pits / parts. */
	parts?: number;
	/** Fixed dates (planned 2026–30 projects). */
	start?: string;
	end?: string;
	/** Restored area (ha) fixed in advance. */
	restored?: number;
	unit?: string;
}

/** 12 historic abandoned mines restored in 2021–25: restored areas add up to 704.75 ha (the plan's figure). */
const ABANDONED_2021_25: Array<[string, string, string, Pos, number, MineStatus]> = [
	['昌吉市硫磺沟历史遗留废弃矿山治理', 'Changji Liuhuanggou historic mine restoration', '昌吉市', [87.27, 43.79], 68.4, 'accepted'],
	['昌吉市三屯河历史遗留废弃矿山治理', 'Changji Santun River historic mine restoration', '昌吉市', [87.17, 43.84], 52.15, 'accepted'],
	['呼图壁县雀尔沟历史遗留废弃矿山治理', "Hutubi Qiao'ergou historic mine restoration", '呼图壁县', [86.75, 43.82], 61.3, 'accepted'],
	['呼图壁县白杨沟历史遗留废弃矿山治理', 'Hutubi Baiyanggou historic mine restoration', '呼图壁县', [86.99, 43.74], 44.8, 'completed'],
	['玛纳斯县清水河历史遗留废弃矿山治理', 'Manas Qingshuihe historic mine restoration', '玛纳斯县', [86.24, 43.79], 73.6, 'accepted'],
	['玛纳斯县塔西河历史遗留废弃矿山治理', 'Manas Taxihe historic mine restoration', '玛纳斯县', [86.51, 43.9], 55.9, 'completed'],
	['阜康市甘河子历史遗留废弃矿山治理', 'Fukang Ganhezi historic mine restoration', '阜康市', [88.17, 44.04], 82.35, 'accepted'],
	['阜康市白杨河历史遗留废弃矿山治理', 'Fukang Baiyanghe historic mine restoration', '阜康市', [88.56, 43.95], 49.7, 'completed'],
	['吉木萨尔县水西沟历史遗留废弃矿山治理', 'Jimsar Shuixigou historic mine restoration', '吉木萨尔县', [88.84, 43.82], 58.25, 'accepted'],
	['奇台县碧流河历史遗留废弃矿山治理', 'Qitai Biliuhe historic mine restoration', '奇台县', [89.92, 43.7], 66.1, 'completed'],
	['木垒县东城历史遗留废弃矿山治理', 'Mori Dongcheng historic mine restoration', '木垒哈萨克自治县', [90.6, 43.7], 47.6, 'accepted'],
	['木垒县大石头历史遗留废弃矿山治理', 'Mori Dashitou historic mine restoration', '木垒哈萨克自治县', [91.06, 43.69], 44.6, 'completed']
];

/** 28 green mines (the plan: 28 built in 2021–25). */
const GREEN: Array<[string, string, string, Pos, number]> = [
	['五彩湾一号露天煤矿', 'Wucaiwan No. 1 open-pit coal mine', '吉木萨尔县', [89.57, 44.88], 620],
	['五彩湾二号露天煤矿', 'Wucaiwan No. 2 open-pit coal mine', '吉木萨尔县', [89.6, 44.64], 480],
	['大井一号露天煤矿', 'Dajing No. 1 open-pit coal mine', '奇台县', [89.88, 44.72], 900],
	['大井二号露天煤矿', 'Dajing No. 2 open-pit coal mine', '奇台县', [90.05, 44.68], 750],
	['将军庙露天煤矿', 'Jiangjunmiao open-pit coal mine', '奇台县', [90.25, 44.97], 820],
	['芨芨湖露天煤矿', 'Jijihu open-pit coal mine', '奇台县', [89.9, 45.05], 680],
	['西黑山露天煤矿', 'Xiheishan open-pit coal mine', '奇台县', [90.3, 44.82], 560],
	['准东红沙泉露天煤矿', 'Zhundong Hongshaquan open-pit coal mine', '奇台县', [90.1, 44.9], 700],
	['硫磺沟一号煤矿', 'Liuhuanggou No. 1 coal mine', '昌吉市', [87.21, 43.8], 150],
	['硫磺沟二号煤矿', 'Liuhuanggou No. 2 coal mine', '昌吉市', [87.31, 43.74], 120],
	['宁家河煤矿', 'Ningjiahe coal mine', '昌吉市', [87.37, 43.82], 95],
	['头屯河石灰石矿', 'Toutun River limestone mine', '昌吉市', [87.45, 43.66], 80],
	['雀尔沟煤矿', "Qiao'ergou coal mine", '呼图壁县', [86.66, 43.8], 130],
	['白杨沟煤矿', 'Baiyanggou coal mine', '呼图壁县', [86.9, 43.73], 110],
	['石梯子砂石料矿', 'Shitizi sand and gravel mine', '呼图壁县', [87.0, 43.9], 60],
	['塔西河煤矿', 'Taxihe coal mine', '玛纳斯县', [86.44, 43.78], 120],
	['清水河砂石矿', 'Qingshuihe sand and gravel mine', '玛纳斯县', [86.33, 43.9], 70],
	['大黄山煤矿', 'Dahuangshan coal mine', '阜康市', [88.4, 44.05], 210],
	['甘河子煤矿', 'Ganhezi coal mine', '阜康市', [88.26, 44.02], 160],
	['白杨河煤矿', 'Baiyanghe coal mine', '阜康市', [88.46, 43.94], 140],
	['滋泥泉子石灰岩矿', 'Ziniquanzi limestone mine', '阜康市', [88.33, 44.07], 75],
	['水西沟煤矿', 'Shuixigou coal mine', '吉木萨尔县', [88.95, 43.8], 130],
	['泉子街石材矿', 'Quanzijie stone mine', '吉木萨尔县', [89.2, 43.78], 65],
	['碧流河煤矿', 'Biliuhe coal mine', '奇台县', [89.8, 43.7], 140],
	['半截沟砂石料矿', 'Banjiegou sand and gravel mine', '奇台县', [89.45, 43.74], 55],
	['东城煤矿', 'Dongcheng coal mine', '木垒哈萨克自治县', [90.72, 43.7], 150],
	['沈家沟煤矿', 'Shenjiagou coal mine', '木垒哈萨克自治县', [90.48, 43.67], 110],
	['大石头石灰岩矿', 'Dashitou limestone mine', '木垒哈萨克自治县', [90.92, 43.66], 70]
];

function mineDefs(): MineDef[] {
	const defs: MineDef[] = [
		// the plan's three named 2026–30 projects
		{ name: '阜康市历史遗留废弃矿山生态修复', nameEn: 'Fukang historic abandoned mine restoration', county: '阜康市', type: 'abandoned_mine', status: 'under_way', at: [88.44, 44.0], ha: 320, method: 'backfill', parts: 3, start: '2026-04-15' },
		{ name: '玛纳斯县历史遗留采砂坑治理', nameEn: 'Manas historic sand-pit restoration', county: '玛纳斯县', type: 'sand_pit', status: 'planned', at: { river: '玛纳斯河', lat: 44.47 }, ha: 140, method: 'backfill', parts: 4, start: '2026-09-01' },
		{ name: '奇台县黄羊山花岗岩矿区生态修复', nameEn: 'Qitai Huangyangshan granite quarry restoration', county: '奇台县', type: 'quarry', status: 'planned', at: [89.68, 43.67], ha: 210, method: 'revegetation', start: '2027-04-01' }
	];
	for (const [name, nameEn, county, at, restored, status] of ABANDONED_2021_25)
		defs.push({ name, nameEn, county, type: 'abandoned_mine', status, at, ha: restored, restored, method: status === 'accepted' ? 'revegetation' : 'backfill', parts: restored > 60 ? 2 : 1 });
	defs.push(
		{ name: '玛纳斯县南部山区历史遗留矿山治理', nameEn: 'Manas southern-mountain historic mine restoration', county: '玛纳斯县', type: 'abandoned_mine', status: 'under_way', at: [86.12, 43.74], ha: 150, method: 'revegetation', parts: 2 },
		{ name: '奇台县南部山区历史遗留矿山治理', nameEn: 'Qitai southern-mountain historic mine restoration', county: '奇台县', type: 'abandoned_mine', status: 'planned', at: [89.55, 43.66], ha: 120, method: 'backfill', parts: 2 },
		{ name: '昌吉市头屯河采砂坑治理', nameEn: 'Changji Toutun River sand-pit restoration', county: '昌吉市', type: 'sand_pit', status: 'accepted', at: { river: '头屯河', lat: 44.12 }, ha: 45, method: 'backfill', parts: 3 },
		{ name: '昌吉市三屯河采砂坑治理', nameEn: 'Changji Santun River sand-pit restoration', county: '昌吉市', type: 'sand_pit', status: 'completed', at: { river: '三屯河', lat: 44.31 }, ha: 38, method: 'backfill', parts: 2 },
		{ name: '呼图壁县呼图壁河采砂坑治理', nameEn: 'Hutubi River sand-pit restoration', county: '呼图壁县', type: 'sand_pit', status: 'under_way', at: { river: '呼图壁河', lat: 44.4 }, ha: 52, method: 'backfill', parts: 3 },
		{ name: '玛纳斯县塔西河采砂坑治理', nameEn: 'Manas Taxi River sand-pit restoration', county: '玛纳斯县', type: 'sand_pit', status: 'completed', at: { river: '塔西河', lat: 44.28 }, ha: 30, method: 'reclamation', parts: 2 },
		{ name: '阜康市三工河采砂坑治理', nameEn: 'Fukang Sangong River sand-pit restoration', county: '阜康市', type: 'sand_pit', status: 'accepted', at: { river: '三工河', lat: 44.34 }, ha: 36, method: 'reclamation', parts: 2 },
		{ name: '奇台县开垦河采砂坑治理', nameEn: 'Qitai Kaiken River sand-pit restoration', county: '奇台县', type: 'sand_pit', status: 'under_way', at: { river: '开垦河', lat: 44.24 }, ha: 40, method: 'backfill', parts: 2 },
		{ name: '木垒县木垒河采砂坑治理', nameEn: 'Mori River sand-pit restoration', county: '木垒哈萨克自治县', type: 'sand_pit', status: 'planned', at: { river: '木垒河', lat: 43.99 }, ha: 28, method: 'backfill', parts: 2 },
		{ name: '呼图壁县石梯子采石场修复', nameEn: 'Hutubi Shitizi quarry restoration', county: '呼图壁县', type: 'quarry', status: 'completed', at: [86.88, 43.89], ha: 42, method: 'revegetation' },
		{ name: '吉木萨尔县泉子街采石场修复', nameEn: 'Jimsar Quanzijie quarry restoration', county: '吉木萨尔县', type: 'quarry', status: 'accepted', at: [89.13, 43.76], ha: 35, method: 'revegetation' },
		{ name: '阜康市滋泥泉子采石场修复', nameEn: 'Fukang Ziniquanzi quarry restoration', county: '阜康市', type: 'quarry', status: 'under_way', at: [88.29, 44.05], ha: 48, method: 'backfill' },
		{ name: '木垒县西吉尔采石场修复', nameEn: 'Mori Xijier quarry restoration', county: '木垒哈萨克自治县', type: 'quarry', status: 'completed', at: [90.17, 43.69], ha: 33, method: 'revegetation' },
		{ name: '玛纳斯县乐土驿采石场修复', nameEn: 'Manas Letuyi quarry restoration', county: '玛纳斯县', type: 'quarry', status: 'accepted', at: [86.53, 43.97], ha: 38, method: 'revegetation' }
	);
	GREEN.forEach(([name, nameEn, county, at, ha], k) =>
		defs.push({
			name: `${countyDef(county).short}${name}（绿色矿山）`,
			nameEn: `${countyDef(county).seatNameEn} ${nameEn} (green mine)`,
			county,
			type: 'green_mine',
			// most are accepted onto the green-mine list; a few finished works awaiting acceptance
			status: k % 6 === 5 ? 'completed' : 'accepted',
			at,
			ha,
			method: name.includes('露天') ? 'reclamation' : 'revegetation',
			unit: '采矿权人'
		})
	);
	return defs;
}

const pad = (n: number): string => String(n).padStart(2, '0');
function date(y: number, m: number, d: number): string {
	// normalise month overflow
	const yy = y + Math.floor((m - 1) / 12);
	const mm = ((m - 1) % 12) + 1;
	return `${yy}-${pad(mm)}-${pad(d)}`;
}

let minesCache: MineSite[] | undefined;
export function mineSites(): MineSite[] {
	if (minesCache) return minesCache;
	const avoid = [...hardAvoid(), ...coalFires().map((f) => f.geom)];
	const out: MineSite[] = [];
	mineDefs().forEach((d, i) => {
		const r = rng(`mine/${d.name}`);
		let center: Pos;
		let dir = r.range(0, Math.PI);
		if (Array.isArray(d.at)) center = d.at;
		else {
			const hit = atLatitude(river(d.at.river).main, d.at.lat);
			// beside the channel, not on it
			center = offsetKm(hit.p, 0.35 * Math.cos(hit.dir + Math.PI / 2), 0.35 * Math.sin(hit.dir + Math.PI / 2));
			dir = hit.dir;
		}
		const parts = d.parts ?? 1;
		// restored areas known in advance: the site is 5–25 % larger
		const siteHa = d.restored ? d.restored / r.range(0.78, 0.95) : d.ha;
		const ratio = d.type === 'sand_pit' ? r.range(1.8, 3) : r.range(1.1, 2.2);
		const rot = d.type === 'sand_pit' ? dir : r.range(0, Math.PI);
		const amp = d.type === 'quarry' ? 0.28 : d.type === 'green_mine' ? 0.16 : 0.22;
		const shapeKey = `mine/${d.name}/shape`;
		const offsets: Array<[number, number]> = [];
		const pr = r.fork('parts');
		for (let k = 0; k < parts; k++) {
			const along = (k - (parts - 1) / 2) * pr.range(1.0, 1.6) * Math.sqrt(siteHa / parts / 100) * 1.6;
			const t = d.type === 'sand_pit' ? dir : rot;
			const side = pr.range(-0.3, 0.3) * Math.sqrt(siteHa / parts / 100);
			offsets.push([along * Math.cos(t) - side * Math.sin(t), along * Math.sin(t) + side * Math.cos(t)]);
		}
		const make = (c: Pos): MPoly =>
			fitArea(siteHa / 100, (s) => {
				const sr = rng(shapeKey);
				const polys: MPoly = [];
				for (let k = 0; k < parts; k++) {
					const a = Math.sqrt(((siteHa / parts / 100) * ratio) / Math.PI) * s;
					polys.push([blob(offsetKm(c, offsets[k][0] * s, offsets[k][1] * s), sr.fork(`p${k}`), { a, b: a / ratio, rot: rot + sr.range(-0.3, 0.3), amp, n: parts > 1 ? 48 : 64 })]);
				}
				return parts > 1 ? unionM(...polys.map((p) => [p])) : polys;
			});
		const geom = place({
			key: `mine/${d.name}`,
			center,
			county: d.county,
			make,
			avoid: [...avoid, ...out.map((m) => m.geom)],
			inside: center[1] > 44.5 && d.type === 'green_mine' ? buildFrame().zhundong : undefined,
			stepKm: 0.6,
			tries: 80
		});
		const area = areaHa(geom);

		// status → restored area and dates
		let restored: number;
		let start: string;
		let end: string | null = null;
		const dr = r.fork('dates');
		if (d.restored !== undefined) {
			restored = d.restored;
			const y = dr.int(2021, 2024);
			start = date(y, dr.int(3, 6), dr.int(1, 28));
			end = date(y, dr.int(10, 18), dr.int(1, 28));
		} else if (d.status === 'planned') {
			restored = 0;
			start = d.start ?? date(2026, dr.int(7, 12), dr.int(1, 28));
		} else if (d.status === 'under_way') {
			restored = Math.round(area * dr.range(0.1, 0.4) * 100) / 100;
			start = d.start ?? date(dr.int(2024, 2025), dr.int(3, 6), dr.int(1, 28));
		} else {
			// completed / accepted (green mines: land reclaimed so far on dumps and pit edges)
			const share = d.type === 'green_mine' ? dr.range(0.12, 0.35) : dr.range(0.75, 0.95);
			restored = Math.round(area * share * 100) / 100;
			const y = d.type === 'green_mine' ? dr.int(2020, 2023) : dr.int(2019, 2023);
			start = date(y, dr.int(3, 6), dr.int(1, 28));
			end = date(y, dr.int(d.status === 'accepted' ? 10 : 14, d.status === 'accepted' ? 20 : 28), dr.int(1, 28));
		}
		if (restored > area) throw new Error(`${d.name}: restored ${restored} ha > area ${area} ha`);
		out.push({
			code: `MR-${pad(i + 1)}`,
			name: d.name,
			nameEn: d.nameEn,
			county: d.county,
			siteType: d.type,
			status: d.status,
			restoredHa: restored,
			method: d.method,
			responsibleUnit: d.unit ?? `${countyDef(d.county).short}自然资源局`,
			startDate: start,
			endDate: end,
			geom
		});
	});
	minesCache = out;
	return out;
}
