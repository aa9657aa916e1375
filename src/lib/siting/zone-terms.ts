import { clauseSeverity, resolveClause, severityRank } from '../check/rules';
import type { LayerDef, ProjectType, Severity } from '../layers/types';

/**
 * What one zoning layer contributes to the siting class map for a project type, read from its
 * rule in the registry exactly as the check reads it (resolveClause + clauseSeverity for a
 * footprint inside a feature, nearbySeverity within bufferM of it). A new zoning layer in the
 * registry is picked up with no change here.
 */
export interface LayerZoneTerms {
	layer: LayerDef;
	/** Inside a feature: severity per value of the level attribute, else `fallback`. */
	inside: { byLevel: Record<string, Severity>; fallback: Severity };
	/**
	 * Within bufferM of a feature (and not inside it): `nearbySeverity`. `ringOnly` when some
	 * feature's inside severity is weaker than the nearby one, so the buffer must exclude the
	 * feature itself (a point inside gets the inside clause, not the nearby one); otherwise the
	 * whole buffer can be used, as the stronger inside class wins anyway.
	 */
	nearby?: { severity: Severity; bufferM: number; ringOnly: boolean };
	/**
	 * Outside every feature of the layer (a building beyond the urban development boundary): the
	 * rule's `outside` severity for the project type — the area minus the union of the features.
	 */
	outside?: Severity;
}

/**
 * The zone terms of every zoning layer for a project type.
 *
 * @example
 * const [redline] = zoneTerms(zoningLayers(), 'building');
 * redline.inside.fallback; // 'forbidden'
 * redline.nearby; // { severity: 'attention', bufferM: 500, ringOnly: false }
 */
export function zoneTerms(layers: readonly LayerDef[], projectType: ProjectType): LayerZoneTerms[] {
	return layers.flatMap((layer) => {
		const rule = layer.zoning;
		if (!rule) return [];
		const byLevel: Record<string, Severity> = {};
		if (rule.levelAttribute) for (const key of Object.keys(rule.clauses)) byLevel[key] = clauseSeverity(rule.clauses[key], projectType);
		// A missing or unknown level resolves as `undefined` does: `default`, else the strictest clause.
		const fallback = clauseSeverity(resolveClause(rule, undefined).clause, projectType);
		const insideSeverities = [fallback, ...Object.values(byLevel)];
		const terms: LayerZoneTerms = { layer, inside: { byLevel, fallback } };
		const outside = rule.outside?.byProjectType[projectType];
		if (outside) terms.outside = outside;
		if (rule.bufferM > 0) {
			const weakestInside = insideSeverities.reduce((a, b) => (severityRank(a) >= severityRank(b) ? a : b));
			terms.nearby = {
				severity: rule.nearbySeverity,
				bufferM: rule.bufferM,
				ringOnly: severityRank(weakestInside) > severityRank(rule.nearbySeverity)
			};
		}
		return [terms];
	});
}
