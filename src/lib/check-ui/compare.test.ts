import { describe, expect, it } from 'vitest';
import type { CheckResult, Conflict } from '$lib/check';
import { compareResults, isSame, summarize } from './compare';

const conflict = (over: Partial<Conflict>): Conflict => ({
	layer: 'water-source-protection',
	featureId: 1,
	name: 'zone',
	relation: 'intersects',
	overlapM2: 1000,
	overlapPct: 50,
	distanceM: 0,
	severity: 'forbidden',
	clause: 'first',
	levelKnown: true,
	rule: { basis: { zh: '', en: '' }, text: { zh: '', en: '' } },
	clipping: 'sweep',
	...over
});

const result = (conflicts: Conflict[], verdict: CheckResult['verdict']): CheckResult => ({
	verdict,
	projectType: 'other',
	footprint: { areaM2: 2000, lengthM: 0, perimeterM: 180, bbox: [0, 0, 1, 1] },
	conflicts,
	slivers: [],
	dataVersions: {},
	engine: { version: '1', clipping: 'sweep', paths: {}, fallbacks: [], candidatesTested: 1, durationMs: 1 }
});

describe('compareResults', () => {
	it('sees no difference within rounding (1 m² or 0.1 %)', () => {
		const preview = result([conflict({ overlapM2: 1000 })], 'forbidden');
		const record = result([conflict({ overlapM2: 1000.4 })], 'forbidden');
		expect(isSame(compareResults(preview, record))).toBe(true);
	});

	it('names the verdict, the conflicts only one side has and the changed overlaps', () => {
		const preview = result([conflict({}), conflict({ featureId: 2, severity: 'attention', relation: 'nearby', overlapM2: 0 })], 'forbidden');
		const record = result([conflict({ overlapM2: 1500 }), conflict({ featureId: 3, layer: 'coal-fire', severity: 'restricted' })], 'restricted');
		const d = compareResults(preview, record);
		expect(d.verdict).toEqual({ preview: 'forbidden', record: 'restricted' });
		expect(d.onlyPreview.map((c) => c.featureId)).toEqual([2]);
		expect(d.onlyRecord.map((c) => c.featureId)).toEqual([3]);
		expect(d.changed.map((c) => c.record.overlapM2)).toEqual([1500]);
		expect(isSame(d)).toBe(false);
	});
});

describe('summarize', () => {
	it('counts conflicts per severity and lists the layers overlapped', () => {
		const s = summarize(
			result([conflict({}), conflict({ featureId: 2, severity: 'restricted' }), conflict({ layer: 'coal-fire', relation: 'nearby', severity: 'attention', overlapM2: 0 })], 'forbidden')
		);
		expect(s.bySeverity).toEqual({ forbidden: 1, restricted: 1, approval: 0, attention: 1 });
		expect(s.overlapLayers).toEqual(['water-source-protection']);
		expect(s.areaM2).toBe(2000);
	});
});
