import type { RecordDiff } from '../api/saved-checks';
import { compareResults } from '../check-ui/compare';
import type { CheckResult } from './types';

type Answer = Pick<CheckResult, 'verdict' | 'conflicts'>;

/**
 * What a re-run changed: conflicts added and removed, overlaps that changed, the verdict
 * before → after. The same comparison the check page makes between preview and record.
 *
 * @example
 * recordDiff({ id: 1, answer: old }, { id: 2, answer: rerun }).added.map((c) => c.name);
 */
export function recordDiff(before: { id: number; answer: Answer }, after: { id: number; answer: Answer }): RecordDiff {
	const d = compareResults(before.answer as CheckResult, after.answer);
	return {
		before: { id: before.id, verdict: before.answer.verdict },
		after: { id: after.id, verdict: after.answer.verdict },
		added: d.onlyRecord,
		removed: d.onlyPreview,
		changed: d.changed.map(({ preview, record }) => ({ before: preview, after: record }))
	};
}

export const isUnchanged = (d: RecordDiff) =>
	d.before.verdict === d.after.verdict && !d.added.length && !d.removed.length && !d.changed.length;
