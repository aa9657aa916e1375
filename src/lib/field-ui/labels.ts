// Words for the field app's own value lists (the messages live in messages/*.json).
import type { FenceSignState, PhotoRole } from '$lib/api/field';
import type { QueueState } from '$lib/field/local-db';
import { m } from '$lib/paraglide/messages';

export const PHOTO_ROLE_LABELS: Record<PhotoRole, () => string> = { before: m.field_before, after: m.field_after, other: m.field_other };

export const FENCE_SIGN_LABELS: Record<FenceSignState, () => string> = { good: m.field_good, damaged: m.field_damaged, missing: m.field_missing };

export const QUEUE_STATE_LABELS: Record<QueueState, () => string> = {
	pending: m.field_pending,
	syncing: m.field_syncing,
	synced: m.field_synced,
	failed: m.field_failed,
	conflict: m.field_conflict
};
