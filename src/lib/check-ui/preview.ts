import type { CandidateFeature, CandidateSet, CheckResult, FootprintError } from '$lib/check';
import type { ResponseConflict, ZoneGeometry } from '$lib/check/report';
import { zoningLayers } from '$lib/layers/registry';
import type { ProjectType } from '$lib/layers/types';
import type { CandidateLoader } from './candidates';
import { footprintCollection, type FootprintPart } from './footprint';

/** What the live check says about the footprint as it stands. */
export type PreviewOutcome =
	| { status: 'empty' }
	| { status: 'invalid'; error: FootprintError }
	| { status: 'done'; result: PreviewResult; zones: ZoneGeometry[] }
	| { status: 'failed'; message: string };

/** The engine's result, with each conflict's English name as the API gives it. */
export type PreviewResult = Omit<CheckResult, 'conflicts'> & { conflicts: ResponseConflict[] };

type Engine = typeof import('$lib/check');
let engine: Engine | undefined;

/**
 * The engine (and Turf with it) comes in on first use, not with the page. Kept once loaded:
 * a repeated import() settles only in a later task, behind whatever the map is drawing.
 */
export async function loadEngine(): Promise<Engine> {
	engine ??= await import('$lib/check');
	return engine;
}

/**
 * The instant answer while drawing: validate, read the candidates around the footprint from
 * the FlatGeobuf downloads, run the engine with the sweep. The same engine gives the answer
 * of record on the server, on PostGIS's candidates.
 */
export async function runPreview(
	parts: readonly FootprintPart[],
	projectType: ProjectType,
	loader: CandidateLoader,
	dataVersions: Readonly<Record<string, string>>
): Promise<PreviewOutcome> {
	if (!parts.length) return { status: 'empty' };
	const { validateFootprint, runCheck } = engine ?? (await loadEngine());
	const validation = validateFootprint(footprintCollection(parts));
	if (!validation.ok) return { status: 'invalid', error: validation.error };
	const bbox = validation.footprint.parts.bbox;
	if (!bbox) return { status: 'empty' };
	const layers = zoningLayers();
	const candidates = await loader.candidates(layers, bbox);
	const result = runCheck({ footprint: validation.footprint, projectType, candidates, layers, dataVersions, clipping: 'sweep' });
	const byKey = new Map(candidates.flatMap((set) => set.features.map((f) => [`${set.layerId}/${String(f.id ?? f.properties?.id)}`, f] as const)));
	const conflicts = result.conflicts.map((c): ResponseConflict => {
		const nameEn = byKey.get(`${c.layer}/${String(c.featureId)}`)?.properties?.name_en;
		return { ...c, nameEn: typeof nameEn === 'string' && nameEn ? nameEn : null };
	});
	return { status: 'done', result: { ...result, conflicts }, zones: zonesOf(result, candidates) };
}

/** The geometries of the features a result names, from the candidates it was computed with. */
export function zonesOf(result: CheckResult, candidates: readonly CandidateSet[]): ZoneGeometry[] {
	const byKey = new Map<string, CandidateFeature>();
	for (const set of candidates)
		for (const f of set.features) byKey.set(`${set.layerId}/${String(f.id ?? f.properties?.id)}`, f);
	const zones: ZoneGeometry[] = [];
	const seen = new Set<string>();
	for (const c of [...result.conflicts, ...result.slivers]) {
		const key = `${c.layer}/${String(c.featureId)}`;
		const feature = byKey.get(key);
		if (seen.has(key) || !feature?.geometry) continue;
		seen.add(key);
		zones.push({ layer: c.layer, featureId: c.featureId, geometry: feature.geometry });
	}
	return zones;
}
