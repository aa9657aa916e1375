import { describe, expect, it } from 'vitest';
import type { Inspection, InspectionInput } from '$lib/api/field';
import { differingFields, mergeChoices } from './conflict-fields';

const yours: InspectionInput = { siteKey: 'coal-fire/1', baseVersion: 1, inspectedAt: '2026-11-30T10:00:00.000Z', notes: 'mine', vegetationCoverPct: 20, photos: [] };
const theirs: Inspection = {
	id: 'x',
	siteKey: 'coal-fire/1',
	version: 2,
	inspectedAt: '2026-11-30T10:00:00.000Z',
	notes: 'theirs',
	statusChange: 'monitoring',
	photos: [],
	inspector: { id: 1, username: 'a', displayName: 'A' },
	createdAt: '',
	updatedAt: '',
	accepted: true
};

describe('conflict resolution', () => {
	it('lists only the fields that differ', () => {
		expect(differingFields(yours, theirs)).toEqual(['statusChange', 'vegetationCoverPct', 'notes']);
	});

	it('takes the chosen fields from theirs and builds on their version', () => {
		const merged = mergeChoices(yours, theirs, new Set(['notes', 'vegetationCoverPct'] as const));
		expect(merged.baseVersion).toBe(2);
		expect(merged.notes).toBe('theirs');
		expect(merged).not.toHaveProperty('vegetationCoverPct');
		expect(merged.statusChange).toBeUndefined();
	});
});
