import { intersect, polygon } from '@turf/turf';
import type { Geometry } from 'geojson';
import { ENGINE_VERSION, repairFootprint, runCheck, validateFootprint } from '../../check';
import type { CheckResponse, ResponseConflict } from '../../check/report';
import type { CandidateSet, CheckResult, Footprint, FootprintError } from '../../check/types';
import { LAYERS } from '../../layers/registry';
import type { Localized, ProjectType } from '../../layers/types';
import type { Db } from '../db/types';
import { findCandidates } from './candidates';
import { zoningDataState } from './data-state';
import { reportId } from './report-id';
import { BudgetExceededError, runWithBudget } from './time-budget';

/**
 * How long the turf clipping run of record may take before the sweep answers instead. turf
 * needs ~1–2 s for a 10 000-vertex footprint on this hardware (the sweep ~0.2 s); beyond 5 s it
 * is polyclip looping (turf issues 2705, 2955), not work.
 */
export const TURF_BUDGET_MS = 5000;
/** repairFootprint runs turf.difference/union, where polyclip can still loop: same guard, shorter. */
export const REPAIR_BUDGET_MS = 2000;

export interface CheckRequest {
	footprint: unknown;
	projectType: ProjectType;
}

export interface CheckOptions {
	turfBudgetMs?: number;
	/** The time written into the report (tests pin it). */
	now?: Date;
}

/** The offer to repair an invalid footprint: the repaired geometry and what was changed. */
export type RepairOffer = { available: true; geometry: Geometry; changes: Localized[] } | { available: false };

/** Where the time of a check went (ms), for the Server-Timing header. */
export interface CheckTimings {
	data: number;
	candidates: number;
	engine: number;
}

export type CheckOutcome =
	| { ok: true; response: CheckResponse; footprint: Footprint; candidates: CandidateSet[]; timings: CheckTimings }
	| { ok: false; error: FootprintError; repair: RepairOffer };

/**
 * The check of record: validates the footprint (with an offer to repair it), collects the
 * candidates of every zoning layer from PostGIS, and runs the engine with turf clipping under a
 * time budget — falling back to the sweep, which builds no polygon and cannot loop. The report
 * id is derived from the input and the data versions, so the same check gives the same id.
 */
export async function checkFootprint(db: Db, request: CheckRequest, options: CheckOptions = {}): Promise<CheckOutcome> {
	const validation = validateFootprint(request.footprint);
	if (!validation.ok) return { ok: false, error: validation.error, repair: offerRepair(request.footprint, validation.error) };
	const footprint = validation.footprint;

	const t0 = performance.now();
	const state = await zoningDataState(db);
	const t1 = performance.now();
	const { sets } = await findCandidates(db, footprint);
	const t2 = performance.now();
	const budget = options.turfBudgetMs ?? TURF_BUDGET_MS;
	const input = { footprint, projectType: request.projectType, candidates: sets, layers: LAYERS, dataVersions: state.versions };
	let result: CheckResult;
	let turfTimedOut = false;
	try {
		result = runWithBudget(() => runCheck({ ...input, clipping: 'turf' }), budget);
	} catch (error) {
		if (!(error instanceof BudgetExceededError)) throw error;
		turfTimedOut = true;
		resetPolyclip();
		result = runCheck({ ...input, clipping: 'sweep' });
	}

	const t3 = performance.now();
	const englishNames = new Map<string, string | null>();
	for (const set of sets)
		for (const f of set.features) englishNames.set(`${set.layerId}/${f.id}`, (f.properties?.name_en as string | null) ?? null);
	const conflicts: ResponseConflict[] = result.conflicts.map((c) => ({ ...c, nameEn: englishNames.get(`${c.layer}/${c.featureId}`) ?? null }));

	const response: CheckResponse = {
		...result,
		conflicts,
		engine: { ...result.engine, turfBudgetMs: budget, turfTimedOut },
		reportId: reportId({ footprint, projectType: request.projectType, dataVersions: result.dataVersions, engineVersion: ENGINE_VERSION }),
		checkedAt: (options.now ?? new Date()).toISOString(),
		dataUpdatedAt: state.updatedAt,
		illustrative: state.illustrative
	};
	return { ok: true, response, footprint, candidates: sets, timings: { data: t1 - t0, candidates: t2 - t1, engine: t3 - t2 } };
}

function offerRepair(input: unknown, error: FootprintError): RepairOffer {
	if (!error.repairable) return { available: false };
	try {
		const repaired = runWithBudget(() => repairFootprint(input), REPAIR_BUDGET_MS);
		return repaired.ok ? { available: true, geometry: repaired.geometry, changes: repaired.changes } : { available: false };
	} catch (e) {
		if (!(e instanceof BudgetExceededError)) throw e;
		resetPolyclip();
		return { available: false };
	}
}

/**
 * polyclip resets its shared coordinate rounder only at the end of a run; a run stopped midway
 * leaves it holding the stopped run's points. One small complete run clears it.
 */
function resetPolyclip(): void {
	const square = (x: number) => polygon([[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]]);
	intersect({ type: 'FeatureCollection', features: [square(0), square(0.5)] });
}
