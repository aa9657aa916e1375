import { describe, it, expect } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { area, bbox, booleanContains, booleanIntersects, booleanPointInPolygon, booleanWithin, centroid, circle, intersect, kinks, featureCollection } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { polygonArea } from '../src/lib/check/geodesic';
import { LAYERS } from '../src/lib/layers/registry';
import { COUNTIES } from '../src/lib/layers/counties';
import { generateSeed, SEED_DIR, SEED_LAYERS, serialize } from './generate-seed';

const text: Record<string, string> = Object.fromEntries(
	SEED_LAYERS.map((id) => [id, readFileSync(join(SEED_DIR, `${id}.geojson`), 'utf8')])
);
const data: Record<string, FeatureCollection> = Object.fromEntries(SEED_LAYERS.map((id) => [id, JSON.parse(text[id])]));
const features = (id: string): Feature[] => data[id].features;
const prop = (f: Feature, k: string) => (f.properties ?? {})[k];

/** The parts of a MultiPolygon feature as Polygon features. */
const parts = (f: Feature): Feature<Polygon>[] =>
	(f.geometry as MultiPolygon).coordinates.map((c) => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: c } }));
const km2 = (f: Feature) => area(f as Feature<MultiPolygon>) / 1e6;

describe('shipped seed data (data/seed)', () => {
	it('has one file per registry layer and stays small', () => {
		expect([...SEED_LAYERS].sort()).toEqual(LAYERS.map((l) => l.id).sort());
		const total = SEED_LAYERS.reduce((s, id) => s + statSync(join(SEED_DIR, `${id}.geojson`)).size, 0);
		expect(total).toBeLessThan(6 * 1024 * 1024);
	});

	it('has the counts the plan gives', () => {
		expect(features('sand-closure-reserve')).toHaveLength(7);
		expect(features('coal-fire')).toHaveLength(26);
		expect(features('county')).toHaveLength(7);
		expect(features('urban-development-boundary')).toHaveLength(12);
		const sources = new Set(features('water-source-protection').map((f) => prop(f, 'source_id')));
		expect(sources.size).toBe(39);
		const stations = features('monitoring-station');
		expect(stations.filter((f) => prop(f, 'kind') === 'automatic')).toHaveLength(70);
		expect(stations.filter((f) => prop(f, 'kind') === 'micro')).toHaveLength(385);
		const mines = features('mine-restoration');
		expect(mines.length).toBeGreaterThanOrEqual(40);
		expect(mines.length).toBeLessThanOrEqual(60);
		expect(mines.filter((f) => prop(f, 'site_type') === 'green_mine')).toHaveLength(28);
		// 13 county-level sources: their names start with the county; township ones with the township
		const countyShort = Object.keys(COUNTIES).map((k) => (k === '木垒哈萨克自治县' ? '木垒县' : k));
		const names = new Map(features('water-source-protection').map((f) => [prop(f, 'source_id'), String(prop(f, 'source_name'))]));
		expect([...names.values()].filter((n) => countyShort.some((c) => n.startsWith(c)))).toHaveLength(13);
	});

	it('uses exactly the registry attributes, valid enum codes and the right geometry type', () => {
		for (const layer of LAYERS) {
			const names = layer.attributes.map((a) => a.name);
			const geomType = layer.geometryType;
			expect(features(layer.id).length).toBeGreaterThan(0);
			for (const f of features(layer.id)) {
				expect(f.geometry.type).toBe(geomType);
				const p = f.properties ?? {};
				for (const k of Object.keys(p)) expect(names, `${layer.id}: ${k}`).toContain(k);
				expect(p.illustrative).toBe(true);
				expect(typeof p.source_note).toBe('string');
				expect(p.source_note).toMatch(/^示意数据/);
				// The same note for English readers, with no Chinese left in it.
				expect(p.source_note_en).toMatch(/^Illustrative data: /);
				expect(p.source_note_en).not.toMatch(/\p{Script=Han}/u);
				expect(typeof p.name).toBe('string');
				expect(p.name.length).toBeGreaterThan(0);
				for (const a of layer.attributes) {
					const v = p[a.name];
					if (a.required) expect(v, `${layer.id}.${a.name} of ${p.name}`).not.toBeNull();
					if (v === null || v === undefined) continue;
					if (a.type === 'enum') expect(Object.keys(a.values ?? {}), `${layer.id}.${a.name}`).toContain(v);
					if (a.type === 'text[]') {
						expect(Array.isArray(v)).toBe(true);
						expect(v.length).toBeGreaterThan(0);
						for (const m of v) expect(Object.keys(a.values ?? {})).toContain(m);
					}
					if (a.type === 'date') expect(v).toMatch(/^\d{4}-\d{2}-\d{2}$/);
					if (a.type === 'integer') expect(Number.isInteger(v)).toBe(true);
					if (a.type === 'number') expect(typeof v).toBe('number');
					if (a.type === 'text') expect(typeof v).toBe('string');
				}
				if (names.includes('county')) expect(Object.keys(COUNTIES)).toContain(p.county);
			}
		}
	});

	it('rounds coordinates to 6 decimals', () => {
		const re = /-?\d+\.\d{7,}/;
		for (const id of SEED_LAYERS) for (const f of features(id)) expect(re.test(JSON.stringify(f.geometry))).toBe(false);
	});

	it('has polygons without kinks', () => {
		for (const id of SEED_LAYERS) {
			if (LAYERS.find((l) => l.id === id)?.geometry !== 'polygon') continue;
			for (const f of features(id)) for (const p of parts(f)) expect(kinks(p).features, `${id}: ${prop(f, 'name')}`).toHaveLength(0);
		}
	}, 60_000);

	it('has 26 coal-fire zones, 13 finished, named as the plan names them', () => {
		const fires = features('coal-fire');
		const finished = fires.filter((f) => ['extinguished', 'monitoring'].includes(String(prop(f, 'status'))));
		expect(finished).toHaveLength(13);
		const byName = (s: string) => fires.find((f) => String(prop(f, 'name')).includes(s));
		expect(prop(byName('庙尔沟')!, 'county')).toBe('昌吉市');
		expect(prop(byName('红三沟')!, 'county')).toBe('呼图壁县');
		expect(prop(byName('硫磺沟')!, 'county')).toBe('昌吉市');
		for (const f of fires) {
			expect(km2(f)).toBeGreaterThan(0.3);
			expect(km2(f)).toBeLessThan(8);
			expect(prop(f, 'code')).toMatch(/^CF-\d{2}$/);
		}
	});

	it('has 7 sand-closure reserves of at least 100 km² on the southern edge of the desert', () => {
		const reserves = features('sand-closure-reserve');
		expect(reserves.map((f) => prop(f, 'name'))).toContain('木垒县头道沙漠国家沙化土地封禁保护区');
		expect(new Set(reserves.map((f) => prop(f, 'county'))).size).toBe(7);
		for (const f of reserves) {
			expect(km2(f)).toBeGreaterThanOrEqual(100);
			const [lon, lat] = centroid(f).geometry.coordinates;
			expect(lat).toBeGreaterThan(44.3);
			expect(lat).toBeLessThan(45.3);
			expect(lon).toBeGreaterThan(86);
			expect(lon).toBeLessThan(91);
		}
	});

	it('nests each water source’s zones strictly and keeps sources apart', () => {
		const bySource = new Map<string, Map<string, Feature>>();
		for (const f of features('water-source-protection')) {
			const id = String(prop(f, 'source_id'));
			const zones = bySource.get(id) ?? new Map();
			expect(zones.has(String(prop(f, 'zone_level')))).toBe(false);
			zones.set(String(prop(f, 'zone_level')), f);
			bySource.set(id, zones);
		}
		for (const [id, zones] of bySource) {
			expect(zones.has('first'), id).toBe(true);
			expect(zones.has('second'), id).toBe(true);
			const type = prop(zones.get('first')!, 'source_type');
			expect(zones.has('quasi'), id).toBe(type !== 'groundwater');
			const chain = ['first', 'second', 'quasi'].filter((z) => zones.has(z)).map((z) => parts(zones.get(z)!));
			for (let i = 1; i < chain.length; i++) {
				expect(chain[i]).toHaveLength(1);
				expect(booleanWithin(chain[i - 1][0], chain[i][0]), `${id} level ${i}`).toBe(true);
				expect(booleanContains(chain[i][0], chain[i - 1][0]), `${id} level ${i}`).toBe(true);
			}
		}
		const outer = [...bySource.values()].map((z) => z.get('quasi') ?? z.get('second')!);
		for (let i = 0; i < outer.length; i++)
			for (let j = i + 1; j < outer.length; j++) {
				const [a0, a1, a2, a3] = bbox(outer[i]);
				const [b0, b1, b2, b3] = bbox(outer[j]);
				if (a2 < b0 || b2 < a0 || a3 < b1 || b3 < a1) continue;
				expect(booleanIntersects(outer[i], outer[j]), `${prop(outer[i], 'source_id')} × ${prop(outer[j], 'source_id')}`).toBe(false);
			}
	}, 60_000);

	it('tiles the prefecture with counties and control units without overlaps', () => {
		const counties = features('county');
		expect(counties.filter((f) => prop(f, 'region') === 'west').map((f) => prop(f, 'name')).sort()).toEqual(
			['昌吉市', '阜康市', '呼图壁县', '玛纳斯县'].sort()
		);
		for (const id of ['county', 'control-unit', 'ecological-redline']) {
			const fs = features(id);
			const boxes = fs.map((f) => bbox(f));
			for (let i = 0; i < fs.length; i++)
				for (let j = i + 1; j < fs.length; j++) {
					const [a0, a1, a2, a3] = boxes[i];
					const [b0, b1, b2, b3] = boxes[j];
					if (a2 < b0 || b2 < a0 || a3 < b1 || b3 < a1) continue;
					const x = intersect(featureCollection([fs[i] as Feature<MultiPolygon>, fs[j] as Feature<MultiPolygon>]));
					expect(x ? area(x) : 0, `${id}: ${prop(fs[i], 'name')} × ${prop(fs[j], 'name')}`).toBeLessThan(1);
				}
		}
		const countyArea = counties.reduce((s, f) => s + km2(f), 0);
		const unitArea = features('control-unit').reduce((s, f) => s + km2(f), 0);
		expect(Math.abs(unitArea - countyArea)).toBeLessThan(0.01);
		for (const t of ['priority', 'key', 'general']) expect(features('control-unit').some((f) => prop(f, 'unit_type') === t)).toBe(true);
	}, 60_000);

	it('puts the county seats at their real coordinates', () => {
		const seats: Record<string, [number, number]> = {
			昌吉市: [87.3, 44.01],
			阜康市: [87.98, 44.16],
			呼图壁县: [86.9, 44.19],
			玛纳斯县: [86.21, 44.3],
			吉木萨尔县: [89.18, 44.0],
			奇台县: [89.59, 44.02],
			木垒哈萨克自治县: [90.28, 43.83]
		};
		const towns = features('town');
		for (const [county, [lon, lat]] of Object.entries(seats)) {
			const t = towns.find((f) => prop(f, 'county') === county && prop(f, 'kind') !== 'town')!;
			const [x, y] = (t.geometry as { coordinates: number[] }).coordinates;
			expect(Math.abs(x - lon)).toBeLessThan(0.005);
			expect(Math.abs(y - lat)).toBeLessThan(0.005);
			expect(prop(t, 'kind')).toBe(county === '昌吉市' ? 'prefecture_seat' : 'county_seat');
		}
	});

	it('keeps mine restoration records consistent', () => {
		const mines = features('mine-restoration');
		const names = mines.map((f) => prop(f, 'name'));
		for (const n of ['阜康市历史遗留废弃矿山生态修复', '玛纳斯县历史遗留采砂坑治理', '奇台县黄羊山花岗岩矿区生态修复']) expect(names).toContain(n);
		for (const f of mines) {
			const ha = area(f as Feature<MultiPolygon>) / 1e4;
			expect(Number(prop(f, 'restored_ha'))).toBeLessThanOrEqual(ha);
			const start = String(prop(f, 'start_date'));
			const end = prop(f, 'end_date');
			if (prop(f, 'status') === 'planned') {
				expect(end).toBeNull();
				expect(prop(f, 'restored_ha')).toBe(0);
			}
			if (end !== null) expect(String(end) > start).toBe(true);
			expect(String(prop(f, 'responsible_unit')).length).toBeGreaterThan(0);
		}
		// the 2021–25 historic abandoned mines add up to the plan's 704.75 ha
		const restored = mines
			.filter((f) => prop(f, 'site_type') === 'abandoned_mine' && prop(f, 'end_date') !== null && String(prop(f, 'end_date')) < '2026')
			.reduce((s, f) => s + Number(prop(f, 'restored_ha')), 0);
		expect(restored).toBeCloseTo(704.75, 2);
	});

	it('puts an urban development boundary around every county seat and the development zones the plan names', () => {
		const boundaries = features('urban-development-boundary');
		for (const t of features('town').filter((f) => prop(f, 'kind') !== 'town')) {
			const around = boundaries.filter((b) => booleanPointInPolygon(t.geometry as Point, b as Feature<MultiPolygon>));
			expect(around.map((b) => [prop(b, 'county'), prop(b, 'kind')]), String(prop(t, 'name'))).toEqual([
				[prop(t, 'county'), ['昌吉市', '阜康市'].includes(String(prop(t, 'county'))) ? 'city' : 'county_town']
			]);
		}
		const zones = boundaries.filter((b) => prop(b, 'kind') === 'development_zone').map((b) => String(prop(b, 'name')));
		for (const named of ['昌吉国家高新技术产业开发区', '昌吉国家农业科技园区', '准东经济技术开发区'])
			expect(zones.some((n) => n.startsWith(named)), named).toBe(true);
	});

	it('keeps 766.98 万亩 of permanent basic farmland in the oasis, clear of the development boundary, the redline and the seats’ cores', () => {
		const farmland = features('permanent-basic-farmland');
		const m2 = farmland.reduce((s, f) => s + (f.geometry as MultiPolygon).coordinates.reduce((t, p) => t + polygonArea(p), 0), 0);
		expect(Math.abs(m2 / ((766.98e4 * 2000) / 3) - 1)).toBeLessThan(0.001);
		for (const f of farmland) {
			const [, lat] = centroid(f).geometry.coordinates;
			expect(lat).toBeGreaterThan(43.6);
			expect(lat).toBeLessThan(44.7);
		}
		// 三区三线 are mutually exclusive; farmland blocks do not overlap each other either
		const others = [...features('urban-development-boundary'), ...features('ecological-redline')];
		const seats = features('town').filter((f) => prop(f, 'kind') !== 'town').map((t) => circle(t.geometry as Point, 1.5, { units: 'kilometers' }));
		const boxesOverlap = (a: Feature, b: Feature) => {
			const [a0, a1, a2, a3] = bbox(a);
			const [b0, b1, b2, b3] = bbox(b);
			return !(a2 < b0 || b2 < a0 || a3 < b1 || b3 < a1);
		};
		for (let i = 0; i < farmland.length; i++) {
			const f = farmland[i];
			for (const o of [...others, ...seats])
				if (boxesOverlap(f, o)) expect(booleanIntersects(f, o), `${prop(f, 'name')} × ${prop(o, 'name')}`).toBe(false);
			for (let j = i + 1; j < farmland.length; j++) {
				if (!boxesOverlap(f, farmland[j])) continue;
				const x = intersect(featureCollection([f as Feature<MultiPolygon>, farmland[j] as Feature<MultiPolygon>]));
				expect(x ? area(x) : 0, `${prop(f, 'name')} × ${prop(farmland[j], 'name')}`).toBeLessThan(1);
			}
		}
	}, 120_000);

	it('is reproduced byte for byte by the generator', () => {
		const fresh = generateSeed();
		for (const id of SEED_LAYERS) expect(serialize(fresh[id]) === text[id], id).toBe(true);
	}, 300_000);
});
