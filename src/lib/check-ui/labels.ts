import type { Relation, Verdict } from '$lib/check';
import type { ProjectType, Severity } from '$lib/layers/types';
import { PROJECT_TYPE_LABELS, SEVERITY_LABELS, VERDICT_LABELS } from '$lib/check/report';
import { localized } from '$lib/i18n/locale.svelte';
import { m } from '$lib/paraglide/messages';

/**
 * Words for the engine's codes, in the app's language (call inside a template: they follow a
 * language switch). One list each, in src/lib/check/report.ts, shared with the report and PDF.
 */
export const verdictLabel = (verdict: Verdict): string => localized(VERDICT_LABELS[verdict]);

export const severityLabel = (severity: Severity): string => localized(SEVERITY_LABELS[severity]);

/** What the verdict means for the project, in one sentence. */
export function verdictMeaning(verdict: Verdict): string {
	switch (verdict) {
		case 'forbidden':
			return m.check_meaning_forbidden();
		case 'restricted':
			return m.check_meaning_restricted();
		case 'approval':
			return m.check_meaning_approval();
		case 'attention':
			return m.check_meaning_attention();
		case 'clear':
			return m.check_meaning_clear();
	}
}

export function relationLabel(relation: Relation): string {
	return relation === 'intersects' ? m.check_relation_intersects() : m.check_relation_nearby();
}

export const projectTypeLabel = (type: ProjectType): string => localized(PROJECT_TYPE_LABELS[type]);
