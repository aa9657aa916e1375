// The fields of an inspection a conflict is resolved on, one choice each.
import type { Inspection, InspectionInput } from '$lib/api/field';
import { m } from '$lib/paraglide/messages';

export const CONFLICT_FIELDS = ['inspectedAt', 'statusChange', 'restoredHa', 'vegetationCoverPct', 'fire', 'fenceSign', 'notes', 'photos'] as const;
export type ConflictField = (typeof CONFLICT_FIELDS)[number];

export const CONFLICT_FIELD_LABELS: Record<ConflictField, () => string> = {
	inspectedAt: m.field_date,
	statusChange: m.field_status_change,
	restoredHa: m.field_restored_ha,
	vegetationCoverPct: m.field_vegetation,
	fire: m.field_fire,
	fenceSign: m.field_fence_sign,
	notes: m.field_notes,
	photos: m.field_photos
};

/** The fields on which the two versions differ. */
export function differingFields(yours: InspectionInput, theirs: Inspection): ConflictField[] {
	return CONFLICT_FIELDS.filter((field) => JSON.stringify(yours[field] ?? null) !== JSON.stringify(theirs[field] ?? null));
}

/** Yours with the chosen fields taken from theirs, on top of their version. */
export function mergeChoices(yours: InspectionInput, theirs: Inspection, keepTheirs: ReadonlySet<ConflictField>): InspectionInput {
	const merged: InspectionInput = { ...yours, baseVersion: theirs.version };
	for (const field of keepTheirs) {
		const value = theirs[field];
		if (value === undefined || value === null) delete merged[field];
		else (merged as unknown as Record<string, unknown>)[field] = value;
	}
	return merged;
}
