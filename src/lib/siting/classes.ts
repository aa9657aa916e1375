import { SEVERITIES } from '../layers/types';
import type { Verdict } from '../check/types';

/** The classes of a siting map, strongest first: a severity the check would give there, or clear. */
export const SITING_CLASSES = [...SEVERITIES, 'clear'] as const satisfies readonly Verdict[];
export type SitingClass = (typeof SITING_CLASSES)[number];

/** The verdicts a planner may accept for a nearest site: at worst this one. */
export const ACCEPTABLE = ['clear', 'attention', 'approval'] as const;
export type Acceptable = (typeof ACCEPTABLE)[number];

/** Rank of a class: 0 forbidden … 4 clear. */
export function classRank(c: SitingClass): number {
	return SITING_CLASSES.indexOf(c);
}

/** Whether a verdict is no worse than what the planner accepts. */
export function acceptable(verdict: Verdict, accept: Acceptable): boolean {
	return classRank(verdict) >= classRank(accept);
}
