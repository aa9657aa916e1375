import type { SavedCheckFilter } from '../../api/saved-checks';
import type { Verdict } from '../../check/types';
import { SEVERITIES } from '../../layers/types';
import { ApiError } from '../http/errors';

const VERDICTS: readonly string[] = [...SEVERITIES, 'clear'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const badFilter = (name: string) =>
	new ApiError(400, 'invalid-filter', { zh: `筛选条件 ${name} 无效。`, en: `The filter "${name}" is not valid.` }, { field: name });

/** The /checks filters from a query string; empty values are no filter. */
export function parseListFilter(params: URLSearchParams): SavedCheckFilter {
	const get = (name: string) => params.get(name)?.trim() || undefined;
	const filter: SavedCheckFilter = {};
	const q = get('q');
	if (q) {
		if (q.length > 200 || q.includes('\0')) throw badFilter('q');
		filter.q = q;
	}
	const verdict = get('verdict');
	if (verdict) {
		if (!VERDICTS.includes(verdict)) throw badFilter('verdict');
		filter.verdict = verdict as Verdict;
	}
	const county = get('county');
	if (county) {
		if (county.length > 100 || county.includes('\0')) throw badFilter('county');
		filter.county = county;
	}
	for (const name of ['from', 'to'] as const) {
		const day = get(name);
		if (!day) continue;
		if (!DAY.test(day) || Number.isNaN(Date.parse(day))) throw badFilter(name);
		filter[name] = day;
	}
	if (['1', 'true'].includes(get('all') ?? '')) filter.all = true;
	return filter;
}
