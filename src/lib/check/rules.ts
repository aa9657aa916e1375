import { SEVERITIES } from '$lib/layers/types';
import type { ProjectType, RuleClause, Severity, ZoningRule } from '$lib/layers/types';
import type { Verdict } from './types';

/**
 * Rank of a severity: 0 for the strongest (`forbidden`) up to 3 (`attention`).
 *
 * @example
 * severityRank('forbidden') < severityRank('approval'); // true
 */
export function severityRank(severity: Severity): number {
	return SEVERITIES.indexOf(severity);
}

/**
 * The stronger of two severities.
 *
 * @example
 * stronger('approval', 'restricted'); // 'restricted'
 */
export function stronger(a: Severity, b: Severity): Severity {
	return severityRank(a) <= severityRank(b) ? a : b;
}

/**
 * The verdict over a list of severities: the strongest, or `clear` when there are none.
 *
 * @example
 * verdictOf(['attention', 'forbidden']); // 'forbidden'
 * verdictOf([]); // 'clear'
 */
export function verdictOf(severities: Iterable<Severity>): Verdict {
	let best: Severity | undefined;
	for (const s of severities) best = best === undefined ? s : stronger(best, s);
	return best ?? 'clear';
}

export interface ResolvedClause {
	/** Key of the clause used: the feature's level, `default`, or the strictest clause's key. */
	key: string;
	clause: RuleClause;
	/** False when the level was missing or not among the clauses and a fallback was used. */
	levelKnown: boolean;
}

/**
 * The clause of a zoning rule that applies to a feature with this level value: the clause for
 * the level, else `default`; a layer without `default` and a feature with a missing or unknown
 * level get the layer's strictest clause (the safe reading), flagged by `levelKnown: false`.
 *
 * @example
 * resolveClause(getLayer('water-source-protection')!.zoning!, 'first').key; // 'first'
 */
export function resolveClause(rule: ZoningRule, level: string | undefined): ResolvedClause {
	if (level !== undefined && Object.hasOwn(rule.clauses, level)) {
		return { key: level, clause: rule.clauses[level], levelKnown: true };
	}
	const levelKnown = rule.levelAttribute === undefined;
	if (Object.hasOwn(rule.clauses, 'default')) return { key: 'default', clause: rule.clauses.default, levelKnown };
	let key = '';
	for (const k of Object.keys(rule.clauses)) {
		if (key === '' || severityRank(rule.clauses[k].severity) < severityRank(rule.clauses[key].severity)) key = k;
	}
	if (key === '') throw new Error('zoning rule has no clauses');
	return { key, clause: rule.clauses[key], levelKnown: false };
}

/**
 * Severity of a clause for a project type: the `byProjectType` override, else the clause's own.
 *
 * @example
 * clauseSeverity({ severity: 'forbidden', byProjectType: { linear: 'approval' }, basis, text }, 'linear'); // 'approval'
 */
export function clauseSeverity(clause: RuleClause, projectType: ProjectType): Severity {
	return clause.byProjectType?.[projectType] ?? clause.severity;
}

/**
 * Severity of a conflict: the clause's (per project type) when the footprint intersects the
 * feature, the layer's `nearbySeverity` when it only comes within `bufferM`.
 */
export function conflictSeverity(
	rule: ZoningRule,
	clause: RuleClause,
	relation: 'intersects' | 'nearby',
	projectType: ProjectType
): Severity {
	return relation === 'intersects' ? clauseSeverity(clause, projectType) : rule.nearbySeverity;
}
