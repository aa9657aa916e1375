import type { Relation, Verdict } from '$lib/check';
import type { ProjectType, Severity } from '$lib/layers/types';
import { m } from '$lib/paraglide/messages';

/** Words for the engine's codes, in the app's language (call inside a template: they follow a language switch). */
export function verdictLabel(verdict: Verdict): string {
	switch (verdict) {
		case 'forbidden':
			return m.check_severity_forbidden();
		case 'restricted':
			return m.check_severity_restricted();
		case 'approval':
			return m.check_severity_approval();
		case 'attention':
			return m.check_severity_attention();
		case 'clear':
			return m.check_verdict_clear();
	}
}

export const severityLabel = (severity: Severity): string => verdictLabel(severity);

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

export function projectTypeLabel(type: ProjectType): string {
	switch (type) {
		case 'linear':
			return m.check_project_linear();
		case 'mining':
			return m.check_project_mining();
		case 'solar_wind':
			return m.check_project_solar_wind();
		case 'building':
			return m.check_project_building();
		case 'agri_forestry':
			return m.check_project_agri_forestry();
		case 'restoration':
			return m.check_project_restoration();
		case 'other':
			return m.check_project_other();
	}
}
