import { describe, expect, it } from 'vitest';
import { getLayer, zoningLayers } from '../layers/registry';
import type { LayerDef } from '../layers/types';
import { zoneTerms } from './zone-terms';

const L = (zh: string, en: string) => ({ zh, en });

/** A zoning layer as another engineer might add one: levels, a project-type override, a buffer. */
const farmland: LayerDef = {
	...getLayer('sand-closure-reserve')!,
	id: 'permanent-basic-farmland',
	table: 'permanent_basic_farmland',
	zoning: {
		bufferM: 100,
		nearbySeverity: 'approval',
		sliverM2: 1,
		levelAttribute: 'grade',
		clauses: {
			core: { severity: 'forbidden', byProjectType: { agri_forestry: 'attention' }, basis: L('法', 'law'), text: L('文', 'text') },
			edge: { severity: 'attention', basis: L('法', 'law'), text: L('文', 'text') }
		}
	}
};

describe('zoneTerms', () => {
	it('reads every zoning layer of the registry, and nothing else', () => {
		const sut = zoneTerms([...zoningLayers(), getLayer('county')!], 'building');
		expect(sut.map((t) => t.layer.id)).toEqual(zoningLayers().map((l) => l.id));
	});

	it('gives the clause severity per level with the project type override, the strictest for an unknown level', () => {
		const [sut] = zoneTerms([farmland], 'agri_forestry');
		expect(sut.inside.byLevel).toEqual({ core: 'attention', edge: 'attention' });
		// No `default` clause: a missing or unknown level gets the strictest clause, as the check does.
		expect(sut.inside.fallback).toBe('attention');
		const [building] = zoneTerms([farmland], 'building');
		expect(building.inside).toEqual({ byLevel: { core: 'forbidden', edge: 'attention' }, fallback: 'forbidden' });
	});

	it('keeps the feature out of its own nearby zone only when the nearby severity is the stronger', () => {
		const [sut] = zoneTerms([farmland], 'building');
		expect(sut.nearby).toEqual({ severity: 'approval', bufferM: 100, ringOnly: true });
		const redline = zoneTerms([getLayer('ecological-redline')!], 'building')[0];
		expect(redline.nearby).toEqual({ severity: 'attention', bufferM: 500, ringOnly: false });
	});

	it('has no nearby zone for a layer without a buffer', () => {
		const [sut] = zoneTerms([getLayer('control-unit')!], 'mining');
		expect(sut.nearby).toBeUndefined();
		expect(sut.inside.byLevel.priority).toBe('forbidden');
	});
});
