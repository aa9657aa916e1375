import type { CheckResult, Conflict, Verdict } from '$lib/check';
import { SEVERITIES, type Severity } from '$lib/layers/types';

const key = (c: Pick<Conflict, 'layer' | 'featureId'>) => `${c.layer}/${String(c.featureId)}`;

/** Where the answer of record differs from the browser's preview. */
export interface ResultDifference {
	verdict: { preview: Verdict; record: Verdict } | undefined;
	/** Conflicts one side has and the other has not. */
	onlyPreview: Conflict[];
	onlyRecord: Conflict[];
	/** Same feature, different severity or relation, or an overlap that differs by more than 1 m² and 0.1 %. */
	changed: { preview: Conflict; record: Conflict }[];
}

/**
 * Compares the preview (candidates from the FlatGeobuf downloads) with the answer of record
 * (candidates from PostGIS); both clip with the sweep. They agree unless the data changed in
 * between or the two sources' candidates differ beyond rounding.
 */
export function compareResults(preview: CheckResult, record: Pick<CheckResult, 'verdict' | 'conflicts'>): ResultDifference {
	const recordByKey = new Map(record.conflicts.map((c) => [key(c), c]));
	const previewKeys = new Set(preview.conflicts.map(key));
	const changed: ResultDifference['changed'] = [];
	for (const p of preview.conflicts) {
		const r = recordByKey.get(key(p));
		if (!r) continue;
		const areaOff = Math.abs(p.overlapM2 - r.overlapM2) > Math.max(1, 0.001 * Math.max(p.overlapM2, r.overlapM2));
		if (p.severity !== r.severity || p.relation !== r.relation || areaOff) changed.push({ preview: p, record: r });
	}
	return {
		verdict: preview.verdict === record.verdict ? undefined : { preview: preview.verdict, record: record.verdict },
		onlyPreview: preview.conflicts.filter((c) => !recordByKey.has(key(c))),
		onlyRecord: record.conflicts.filter((c) => !previewKeys.has(key(c))),
		changed
	};
}

export function isSame(d: ResultDifference): boolean {
	return !d.verdict && !d.onlyPreview.length && !d.onlyRecord.length && !d.changed.length;
}

/** One column of the alternatives table (the overlap per layer is computed apart: see overlap-union.ts). */
export interface ResultSummary {
	verdict: Verdict;
	bySeverity: Record<Severity, number>;
	/** Layers the footprint overlaps (intersecting conflicts with an area). */
	overlapLayers: string[];
	areaM2: number;
	lengthM: number;
}

export function summarize(result: Pick<CheckResult, 'verdict' | 'conflicts' | 'footprint'>): ResultSummary {
	const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
	const overlapLayers = new Set<string>();
	for (const c of result.conflicts) {
		bySeverity[c.severity]++;
		if (c.relation === 'intersects' && c.overlapM2 > 0) overlapLayers.add(c.layer);
	}
	return { verdict: result.verdict, bySeverity, overlapLayers: [...overlapLayers], areaM2: result.footprint.areaM2, lengthM: result.footprint.lengthM };
}
