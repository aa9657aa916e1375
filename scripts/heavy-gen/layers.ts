/**
 * What the heavy dataset holds, layer by layer: how many features, how their vertex counts
 * are spread (log-normal, clipped to 200–30,000 like the bureau layer of issue 14), how big
 * they are, how often they have holes, and their attributes (the registry's schema).
 */
import { buildFrame, countyAt } from '../seed-gen/frame';
import { pointIn, type Pos } from '../seed-gen/geom';
import type { Props } from '../seed-gen/features';
import type { Rng } from '../seed-gen/rng';

export const HEAVY_NOTE = '示意数据：压力测试用生成数据（npm run generate:heavy），分形边界，非权威边界';
export const HEAVY_NOTE_EN = 'Illustrative data: generated for load testing (npm run generate:heavy), fractal outlines; not authoritative boundaries';

export interface HeavyLayer {
	layerId: 'ecological-redline' | 'control-unit';
	/** Features at --scale 1. */
	count: number;
	/** Median and log-sd of the vertex count per feature, clipped to [minVertices, maxVertices]. */
	medianVertices: number;
	sigma: number;
	minVertices: number;
	maxVertices: number;
	/** Base radius (km) of a 1,000-vertex feature; radius grows with √vertices (finer outline, larger area). */
	radiusKmPer1000: number;
	/** Share of features with holes (1–3 each). */
	holeShare: number;
	/** Attributes of feature `i` (1-based) centred at `center`. */
	attributes(i: number, center: Pos, r: Rng): Props;
}

const FUNCTION_BY_BELT = {
	mountain: ['water_conservation', 'water_conservation', 'biodiversity'],
	foothill: ['soil_conservation', 'fragile'],
	oasis: ['fragile', 'soil_conservation'],
	desert: ['sand_fixation', 'sand_fixation', 'biodiversity']
} as const;
const FUNCTION_ZH: Record<string, string> = {
	water_conservation: '水源涵养',
	biodiversity: '生物多样性维护',
	sand_fixation: '防风固沙',
	soil_conservation: '水土保持',
	fragile: '生态脆弱区'
};

/** South → north belt of the seed's frame the point lies in. */
function belt(p: Pos): keyof typeof FUNCTION_BY_BELT {
	const { south } = buildFrame();
	if (pointIn(p, south.redline)) return 'mountain';
	if (pointIn(p, south.front)) return 'foothill';
	if (pointIn(p, south.desert)) return 'oasis';
	return 'desert';
}

const UNIT_TYPES = [
	['priority', '优先保护单元', 'priority-protection unit'],
	['key', '重点管控单元', 'key-control unit'],
	['general', '一般管控单元', 'general-control unit']
] as const;
const UNIT_ACCESS: Record<string, string> = {
	priority: '以生态保护为主；禁止新建、扩建破坏生态功能的开发建设项目；生态保护红线内按红线管控要求执行。',
	key: '严格执行污染物排放总量控制和区域削减要求；新建项目须符合规划环评和产业准入要求。',
	general: '执行生态环境保护普遍性要求；控制开发强度，落实生态环境准入清单。'
};

function countyOf(p: Pos) {
	const county = countyAt(p);
	if (!county) throw new Error(`no county at ${p}: the placement must keep centres inside the outline`);
	return county;
}

const n4 = (i: number) => String(i).padStart(4, '0');
const provenance = { illustrative: true, source_note: HEAVY_NOTE, source_note_en: HEAVY_NOTE_EN };

export const HEAVY_LAYERS: readonly HeavyLayer[] = [
	{
		layerId: 'ecological-redline',
		count: 3000,
		medianVertices: 1150,
		sigma: 1.1,
		minVertices: 200,
		maxVertices: 30_000,
		radiusKmPer1000: 0.7,
		holeShare: 0.138,
		attributes(i, center, r) {
			const county = countyOf(center);
			const fn = r.pick(FUNCTION_BY_BELT[belt(center)]);
			return {
				code: `HX-H${n4(i)}`,
				name: `${county.short}${FUNCTION_ZH[fn]}生态保护红线图斑 H${n4(i)}（示意）`,
				name_en: `${county.seatNameEn} ${fn.replace('_', ' ')} redline patch H${n4(i)} (illustrative)`,
				function_type: fn,
				county: county.key,
				...provenance
			};
		}
	},
	{
		layerId: 'control-unit',
		count: 500,
		medianVertices: 1180,
		sigma: 1.1,
		minVertices: 200,
		maxVertices: 30_000,
		radiusKmPer1000: 1.6,
		holeShare: 0.1,
		attributes(i, center, r) {
			const county = countyOf(center);
			const [type, zh, en] = r.pick(UNIT_TYPES);
			return {
				code: `ZH${county.adcode}H${n4(i)}`,
				name: `${county.short}${zh} H${n4(i)}（示意）`,
				name_en: `${county.seatNameEn} ${en} H${n4(i)} (illustrative)`,
				unit_type: type,
				county: county.key,
				access_requirements: UNIT_ACCESS[type],
				...provenance
			};
		}
	}
];
