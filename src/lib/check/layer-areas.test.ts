import { describe, expect, it } from 'vitest';
import type { Feature, Geometry, Position } from 'geojson';
import { LAYERS } from '$lib/layers/registry';
import { runCheck } from './engine';
import { polygonArea } from './geodesic';
import type { CandidateSet, CheckInput } from './types';

const rect = (x0: number, y0: number, x1: number, y1: number): Position[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const polygon = (ring: Position[]): Geometry => ({ type: 'Polygon', coordinates: [ring] });
const area = (ring: Position[]) => polygonArea([ring]);
const feature = (id: string, ring: Position[], properties: Record<string, unknown> = {}): Feature<Geometry> => ({
	type: 'Feature',
	id,
	properties: { name: id, ...properties },
	geometry: polygon(ring)
});

/** Footprint 87.30–87.31 × 44.00–44.01; nested water zones around its south-west corner. */
const FOOTPRINT = rect(87.3, 44.0, 87.31, 44.01);
const FIRST = rect(87.298, 43.998, 87.302, 44.002);
const SECOND = rect(87.296, 43.996, 87.305, 44.005);
const QUASI = rect(87.294, 43.994, 87.308, 44.008);
const water: CandidateSet = {
	layerId: 'water-source-protection',
	features: [feature('q', QUASI, { zone_level: 'quasi' }), feature('s', SECOND, { zone_level: 'second' }), feature('f', FIRST, { zone_level: 'first' })]
};
const check = (overrides: Partial<CheckInput> & Pick<CheckInput, 'candidates'>) =>
	runCheck({ footprint: polygon(FOOTPRINT), projectType: 'building', layers: LAYERS, ...overrides });
/** Area of the footprint inside an axis-aligned box (boxes here share the footprint's south-west corner region). */
const inFootprint = (r: Position[]) => area(rect(Math.max(87.3, r[0][0]), Math.max(44.0, r[0][1]), Math.min(87.31, r[2][0]), Math.min(44.01, r[2][1])));

describe('layer areas: nested zones are not summed', () => {
	for (const clipping of ['turf', 'sweep'] as const)
		it(`gives per level the area in that level and no stricter one, and the union (${clipping})`, () => {
			const sut = check({ candidates: [water], clipping });
			// The per-feature list keeps every zone with its whole overlap …
			expect(sut.conflicts.map((c) => c.featureId).sort()).toEqual(['f', 'q', 's']);
			const sum = sut.conflicts.reduce((s, c) => s + c.overlapM2, 0);
			const [first, second, quasi] = [FIRST, SECOND, QUASI].map(inFootprint);
			expect(sum).toBeCloseTo(first + second + quasi, 0);
			// … but the areas count each square metre once.
			const layer = sut.layerAreas?.find((a) => a.layer === 'water-source-protection');
			expect(layer?.levels?.map((l) => l.level)).toEqual(['first', 'second', 'quasi']);
			// Differences of box areas, not the L-shaped pieces' own areas: a piece's edge is the
			// geodesic of a sub-segment, which bows less than the whole edge's — 0.6–2.3 m² here.
			const [l1, l2, l3] = layer!.levels!.map((l) => l.areaM2);
			expect(Math.abs(l1 - first)).toBeLessThan(0.05);
			expect(Math.abs(l2 - (second - first))).toBeLessThan(5);
			expect(Math.abs(l3 - (quasi - second))).toBeLessThan(5);
			expect(Math.abs(l1 + l2 + l3 - layer!.unionM2)).toBeLessThan(5);
			expect(Math.abs(layer!.unionM2 - quasi)).toBeLessThan(0.05);
			expect(layer!.unionM2).toBeLessThanOrEqual(sut.footprint.areaM2);
			expect(layer!.unionPct).toBeCloseTo((quasi / sut.footprint.areaM2) * 100, 3);
		});

	it('counts overlapping features of one layer once, and a layer met by one feature as that overlap', () => {
		const redline: CandidateSet = {
			layerId: 'ecological-redline',
			features: [feature('a', rect(87.29, 43.99, 87.306, 44.02)), feature('b', rect(87.304, 43.99, 87.32, 44.02))]
		};
		const sut = check({ candidates: [redline, { layerId: 'coal-fire', features: [feature('c', rect(87.305, 44.005, 87.32, 44.02))] }] });
		const byLayer = Object.fromEntries((sut.layerAreas ?? []).map((a) => [a.layer, a]));
		expect(sut.conflicts.filter((c) => c.layer === 'ecological-redline').reduce((s, c) => s + c.overlapM2, 0)).toBeGreaterThan(sut.footprint.areaM2);
		expect(byLayer['ecological-redline'].unionM2).toBeCloseTo(sut.footprint.areaM2, 0);
		expect(byLayer['ecological-redline'].levels).toBeUndefined();
		const fire = sut.conflicts.find((c) => c.featureId === 'c')!;
		expect(byLayer['coal-fire']).toEqual({ layer: 'coal-fire', unionM2: fire.overlapM2, unionPct: fire.overlapPct });
	});

	it('has no areas for layers only nearby', () => {
		const sut = check({ candidates: [{ layerId: 'coal-fire', features: [feature('c', rect(87.311, 44.0, 87.32, 44.01))] }] });
		expect(sut.conflicts).toHaveLength(1);
		expect(sut.layerAreas).toEqual([]);
	});
});

describe('outside the urban development boundary', () => {
	const boundary = (ring: Position[]): CandidateSet => ({
		layerId: 'urban-development-boundary',
		features: [feature('u', ring, { kind: 'county_town' })]
	});

	it('needs approval for a building wholly or partly outside, with the area outside', () => {
		const none = check({ candidates: [boundary(rect(87.4, 44.0, 87.5, 44.1))] });
		expect(none.outside).toEqual([
			expect.objectContaining({ layer: 'urban-development-boundary', severity: 'approval', whole: true, outsidePct: 100 })
		]);
		expect(none.outside![0].outsideM2).toBeCloseTo(none.footprint.areaM2, 1);
		expect(none.verdict).toBe('approval');
		expect(none.outside![0].rule.basis.zh).toContain('自然资发〔2023〕193号');

		const half = check({ candidates: [boundary(rect(87.305, 43.99, 87.4, 44.02))] });
		const inside = half.conflicts.find((c) => c.layer === 'urban-development-boundary')!;
		expect(inside).toMatchObject({ relation: 'intersects', severity: 'attention' });
		expect(half.outside![0].whole).toBe(false);
		expect(half.outside![0].outsideM2 + inside.overlapM2).toBeCloseTo(half.footprint.areaM2, 1);
		expect(half.verdict).toBe('approval');
	});

	it('says nothing about outside for a building inside, nor for project types the rule does not name', () => {
		const inside = check({ candidates: [boundary(rect(87.29, 43.99, 87.32, 44.02))] });
		expect(inside.outside).toEqual([]);
		expect(inside.verdict).toBe('attention');
		for (const projectType of ['linear', 'mining', 'solar_wind', 'agri_forestry', 'restoration', 'other'] as const)
			expect(check({ candidates: [boundary(rect(87.4, 44.0, 87.5, 44.1))], projectType }).outside).toEqual([]);
	});

	it('takes a line footprint as outside only when it meets no boundary', () => {
		const line: Geometry = { type: 'LineString', coordinates: [[87.3, 44.0], [87.31, 44.01]] };
		const rule = LAYERS.find((l) => l.id === 'urban-development-boundary')!.zoning!;
		const layers = LAYERS.map((l) => (l.id === 'urban-development-boundary' ? { ...l, zoning: { ...rule, outside: { ...rule.outside!, byProjectType: { linear: 'approval' as const } } } } : l));
		const away = runCheck({ footprint: line, projectType: 'linear', layers, candidates: [boundary(rect(87.4, 44.0, 87.5, 44.1))] });
		expect(away.outside).toEqual([expect.objectContaining({ whole: true, outsideM2: 0 })]);
		const across = runCheck({ footprint: line, projectType: 'linear', layers, candidates: [boundary(rect(87.305, 43.99, 87.4, 44.02))] });
		expect(across.outside).toEqual([]);
	});
});
