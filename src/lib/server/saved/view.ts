import type { DataChange, SavedCheck, SavedCheckView } from '../../api/saved-checks';
import { recordDiff } from '../../check/record-diff';
import { zoningDataState } from '../check/data-state';
import type { Db } from '../db/types';
import { checkNotFound } from './request';
import { getSavedCheck, rerunsOf } from './store';

/** Layers the check used whose data version is no longer the one it ran on. */
export async function dataChangesSince(db: Db, check: Pick<SavedCheck, 'dataVersions'>): Promise<DataChange[]> {
	const { versions } = await zoningDataState(db);
	return Object.entries(check.dataVersions)
		.filter(([layer, saved]) => versions[layer] !== undefined && versions[layer] !== saved)
		.map(([layer, saved]) => ({ layer, saved, current: versions[layer] }));
}

/** A saved check as its page shows it: exactly as saved, plus whether the data changed since and its re-runs. */
export async function savedCheckView(db: Db, id: number): Promise<SavedCheckView> {
	const check = await getSavedCheck(db, id);
	if (!check) throw checkNotFound();
	const previous = check.rerunOf !== null ? await getSavedCheck(db, check.rerunOf) : undefined;
	return {
		...check,
		dataChanges: await dataChangesSince(db, check),
		reruns: await rerunsOf(db, id),
		diff: previous ? recordDiff(previous, check) : null
	};
}
