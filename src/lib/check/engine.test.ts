import { describe, expect, it } from 'vitest';
import type { Feature, Geometry, Position } from 'geojson';
import { getLayer, LAYERS } from '$lib/layers/registry';
import type { LayerDef } from '$lib/layers/types';
import { FootprintInvalidError, runCheck } from './engine';
import { mulberry32, offset } from './test/generate';
import type { CandidateSet, CheckInput } from './types';
import { validateFootprint } from './validate';

const rect = (x0: number, y0: number, x1: number, y1: number): Position[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const polygon = (ring: Position[]): Geometry => ({ type: 'Polygon', coordinates: [ring] });
const feature = (id: number | string, geometry: Geometry | null, properties: Record<string, unknown> = {}): Feature<Geometry | null> => ({
	type: 'Feature',
	id,
	properties: { name: `feature ${id}`, ...properties },
	geometry
});
const check = (overrides: Partial<CheckInput> & Pick<CheckInput, 'candidates'>) =>
	runCheck({ footprint: polygon(rect(87.3, 44.0, 87.31, 44.01)), projectType: 'building', layers: LAYERS, ...overrides });

/** A square of side `m` metres whose west edge lies `gap` metres east of the footprint's east edge (87.31°). */
function eastOf(gap: number, m = 300): Geometry {
	const sw = offset([87.31, 44.004], gap, 0);
	const ne = offset(sw, m, m);
	return polygon(rect(sw[0], sw[1], ne[0], ne[1]));
}

describe('runCheck', () => {
	it('returns clear when nothing is near', () => {
		const sut = check({ candidates: [{ layerId: 'ecological-redline', features: [feature(1, eastOf(5000))] }] });
		expect(sut.verdict).toBe('clear');
		expect(sut.conflicts).toEqual([]);
		expect(sut.footprint.areaM2).toBeGreaterThan(880_000);
	});

	it('takes the strongest severity as verdict and lists conflicts strongest first', () => {
		const sut = check({
			candidates: [
				{ layerId: 'mine-restoration', features: [feature('m', eastOf(-50))] }, // building → approval
				{ layerId: 'coal-fire', features: [feature('c', eastOf(300))] }, // nearby → attention
				{ layerId: 'water-source-protection', features: [feature('w', eastOf(-100), { zone_level: 'quasi' })] } // restricted
			]
		});
		expect(sut.verdict).toBe('restricted');
		expect(sut.conflicts.map((c) => [c.featureId, c.relation, c.severity])).toEqual([
			['w', 'intersects', 'restricted'],
			['m', 'intersects', 'approval'],
			['c', 'nearby', 'attention']
		]);
	});

	it('applies the project type: a road may cross the redline with approval, a restoration only needs attention', () => {
		const candidates: CandidateSet[] = [{ layerId: 'ecological-redline', features: [feature(1, polygon(rect(87.2, 43.9, 87.4, 44.1)))] }];
		expect(check({ candidates, projectType: 'building' }).verdict).toBe('forbidden');
		expect(check({ candidates, projectType: 'linear' }).verdict).toBe('approval');
		expect(check({ candidates, projectType: 'restoration' }).verdict).toBe('attention');
	});

	it('reports a feature as nearby up to the layer’s buffer, and not beyond', () => {
		// ecological-redline: bufferM 500.
		const near = check({ candidates: [{ layerId: 'ecological-redline', features: [feature(1, eastOf(495))] }] });
		expect(near.conflicts).toHaveLength(1);
		expect(near.conflicts[0]).toMatchObject({ relation: 'nearby', severity: 'attention', overlapM2: 0 });
		expect(near.conflicts[0].distanceM).toBeGreaterThan(494);
		expect(near.conflicts[0].distanceM).toBeLessThan(496);
		const far = check({ candidates: [{ layerId: 'ecological-redline', features: [feature(1, eastOf(505))] }] });
		expect(far.conflicts).toEqual([]);
		// control-unit: bufferM 0 — a unit 10 m away is nobody's business.
		const unit = check({ candidates: [{ layerId: 'control-unit', features: [feature(1, eastOf(10), { unit_type: 'key' })] }] });
		expect(unit.verdict).toBe('clear');
	});

	it('lists overlaps below the layer’s sliver size as slivers, not conflicts', () => {
		const base = getLayer('ecological-redline') as LayerDef;
		const strict: LayerDef = { ...base, id: 'strict-redline', zoning: { ...base.zoning!, sliverM2: 5000, bufferM: 0 } };
		// Overlap of ≈ 3 m × 300 m = 900 m²: a sliver for a 5000 m² threshold.
		const sut = runCheck({
			footprint: polygon(rect(87.3, 44.0, 87.31, 44.01)),
			projectType: 'building',
			layers: [strict],
			candidates: [{ layerId: 'strict-redline', features: [feature(1, eastOf(-3))] }]
		});
		expect(sut.slivers).toHaveLength(1);
		expect(sut.slivers[0].overlapM2).toBeGreaterThan(800);
		expect(sut.slivers[0].overlapM2).toBeLessThan(1000);
		expect(sut.slivers[0].sliverM2).toBe(5000);
		// A sliver still touches: nearby at 0 m.
		expect(sut.conflicts).toMatchObject([{ relation: 'nearby', distanceM: 0, overlapM2: 0 }]);
	});

	it('does not call a tiny footprint wholly inside a zone a sliver', () => {
		// A 0.5 m² pylon base inside the redline: below sliverM2 (1 m²), but all of the footprint.
		const base = offset([87.3, 44.0], 0.7, 0.7);
		const sut = runCheck({
			footprint: polygon(rect(87.3, 44.0, base[0], base[1])),
			projectType: 'building',
			layers: LAYERS,
			candidates: [{ layerId: 'ecological-redline', features: [feature(1, polygon(rect(87.2, 43.9, 87.4, 44.1)))] }]
		});
		expect(sut.footprint.areaM2).toBeLessThan(1);
		expect(sut.slivers).toEqual([]);
		expect(sut.conflicts[0]).toMatchObject({ relation: 'intersects', severity: 'forbidden', overlapPct: 100 });
	});

	it('measures lines and points', () => {
		const zone = feature(1, polygon(rect(87.305, 43.99, 87.32, 44.02)));
		const line = runCheck({
			footprint: { type: 'LineString', coordinates: [[87.30, 44.005], [87.33, 44.005]] },
			projectType: 'linear',
			layers: LAYERS,
			candidates: [{ layerId: 'sand-closure-reserve', features: [zone] }]
		});
		expect(line.footprint.lengthM).toBeGreaterThan(2400);
		expect(line.conflicts[0]).toMatchObject({ relation: 'intersects', severity: 'approval', overlapM2: 0, overlapPct: 0 });
		// 0.015° of longitude at 44° ≈ 1203 m.
		expect(line.conflicts[0].overlapLengthM).toBeCloseTo(1203, -1);
		const point = runCheck({
			footprint: { type: 'Point', coordinates: [87.31, 44.0] },
			projectType: 'building',
			layers: LAYERS,
			candidates: [{ layerId: 'coal-fire', features: [zone] }]
		});
		expect(point.conflicts[0]).toMatchObject({ relation: 'intersects', severity: 'forbidden' });
	});

	it('gives the same areas with turf and with the sweep, and says which ran', () => {
		const candidates: CandidateSet[] = [
			{ layerId: 'ecological-redline', features: [feature('partial', eastOf(-150)), feature('around', polygon(rect(87.29, 43.99, 87.32, 44.02)))] }
		];
		const turf = check({ candidates, clipping: 'turf' });
		const sweep = check({ candidates, clipping: 'sweep' });
		expect(turf.engine.paths).toEqual({ turf: 1, rings: 1 });
		expect(sweep.engine.paths).toEqual({ sweep: 1, rings: 1 });
		const byId = (r: typeof turf) => Object.fromEntries(r.conflicts.map((c) => [c.featureId, c.overlapM2]));
		expect(byId(sweep).partial).toBeCloseTo(byId(turf).partial, 1);
		expect(byId(turf).around).toBe(turf.footprint.areaM2);
		expect(turf.conflicts.find((c) => c.featureId === 'around')?.overlapPct).toBe(100);
	});

	it('skips features without geometry or far away, but counts them as tested', () => {
		const sut = check({
			candidates: [{ layerId: 'coal-fire', features: [feature(1, null), feature(2, eastOf(20_000)), feature(3, eastOf(100))] }]
		});
		expect(sut.engine.candidatesTested).toBe(3);
		expect(sut.conflicts.map((c) => c.featureId)).toEqual([3]);
	});

	it('reads ids from properties.id and names from the layer’s name attribute', () => {
		const f: Feature = { type: 'Feature', properties: { id: 'WS-7', name: '二级保护区', zone_level: 'second' }, geometry: eastOf(-10) };
		const sut = check({ candidates: [{ layerId: 'water-source-protection', features: [f] }] });
		expect(sut.conflicts[0]).toMatchObject({ featureId: 'WS-7', name: '二级保护区', level: 'second', clause: 'second' });
	});

	it('copies the data versions of the layers it checked', () => {
		const sut = check({
			candidates: [{ layerId: 'coal-fire', features: [] }],
			dataVersions: { 'coal-fire': '2026-05-01#12', 'ecological-redline': '7' }
		});
		expect(sut.dataVersions).toEqual({ 'coal-fire': '2026-05-01#12' });
	});

	it('returns plain JSON', () => {
		const sut = check({ candidates: [{ layerId: 'coal-fire', features: [feature(3, eastOf(-100))] }] });
		expect(JSON.parse(JSON.stringify(sut))).toEqual(sut);
		expect(sut.engine.version).toMatch(/^\d+\.\d+\.\d+$/);
		expect(sut.engine.durationMs).toBeGreaterThanOrEqual(0);
	});

	it('accepts a validated footprint as is', () => {
		const v = validateFootprint(polygon(rect(87.3, 44.0, 87.31, 44.01)));
		expect(v.ok).toBe(true);
		if (!v.ok) return;
		const sut = runCheck({ footprint: v.footprint, projectType: 'other', layers: LAYERS, candidates: [] });
		expect(sut.verdict).toBe('clear');
	});

	it('never throws on near-degenerate valid input, and both clipping paths agree (seeded fuzz)', () => {
		// Zones sharing a run of the footprint's vertices, moved by 1e-13…1e-7°: the inputs that
		// make polyclip give up. Whatever turf does, the answers must match the sweep's.
		const rng = mulberry32(2048);
		let checked = 0;
		for (let k = 0; k < 150; k++) {
			const n = 5 + Math.floor(rng() * 10);
			const c: Position = [87 + rng(), 44 + rng()];
			const a: Position[] = [];
			for (let i = 0; i < n; i++) {
				const t = (2 * Math.PI * i) / n;
				const r = 0.001 * (0.5 + rng());
				a.push([c[0] + r * Math.cos(t), c[1] + r * Math.sin(t)]);
			}
			a.push(a[0]);
			const scale = [1e-13, 1e-11, 1e-9, 1e-7][k % 4];
			const start = Math.floor(rng() * n);
			const b: Position[] = [];
			for (let i = 0; i < 2 + Math.floor(rng() * (n - 2)); i++) {
				const p = a[(start + i) % n];
				b.push([p[0] + scale * (rng() - 0.5), p[1] + scale * (rng() - 0.5)]);
			}
			b.push([c[0] + 0.0002 * (rng() - 0.5), c[1] + 0.0002 * (rng() - 0.5)], b[0]);
			if (!validateFootprint(polygon(b)).ok) continue;
			const input = { footprint: polygon(a), candidates: [{ layerId: 'ecological-redline', features: [feature(1, polygon(b))] }] };
			const turf = check({ ...input, clipping: 'turf' });
			const sweep = check({ ...input, clipping: 'sweep' });
			expect(turf.conflicts.map((x) => x.relation)).toEqual(sweep.conflicts.map((x) => x.relation));
			expect(Math.abs((turf.conflicts[0]?.overlapM2 ?? 0) - (sweep.conflicts[0]?.overlapM2 ?? 0))).toBeLessThanOrEqual(0.02);
			checked++;
		}
		expect(checked).toBeGreaterThan(100);
	}, 60_000);

	it('refuses an invalid footprint with the validation error, and unknown layers', () => {
		const bow = polygon([[87.3, 44], [87.31, 44.01], [87.31, 44], [87.3, 44.01], [87.3, 44]]);
		let caught: unknown;
		try {
			runCheck({ footprint: bow, projectType: 'building', layers: LAYERS, candidates: [] });
		} catch (e) {
			caught = e;
		}
		expect(caught).toBeInstanceOf(FootprintInvalidError);
		expect((caught as FootprintInvalidError).error.code).toBe('self-intersection');
		expect(() => check({ candidates: [{ layerId: 'no-such-layer', features: [] }] })).toThrow(/unknown layer/);
		expect(() => check({ candidates: [{ layerId: 'town', features: [] }] })).toThrow(/no zoning rule/);
	});
});
