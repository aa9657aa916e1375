import { ENGINE_VERSION } from '../../check';
import type { CheckResponse, ResponseConflict } from '../../check/report';
import type { Footprint, FootprintError } from '../../check/types';
import type { ProjectType } from '../../layers/types';
import { readConfig } from '../config';
import type { Db } from '../db/types';
import { DISTANCE_FILTER_MAX_VERTICES, estimateCandidateEdges, findCandidatesText } from './candidates';
import { inCheckWorker } from './check-pool';
import { TooComplexError, type TooComplexDetails } from './complexity';
import type { RepairOffer } from './compute';
import { zoningDataState } from './data-state';
import { DeadlineExceededError } from './pool/worker-pool';
import { reportId } from './report-id';

export type { RepairOffer } from './compute';

export interface CheckRequest {
	footprint: unknown;
	projectType: ProjectType;
}

export interface CheckOptions {
	/** The time written into the report (tests pin it). */
	now?: Date;
}

/** Where the time of a check went (ms), for the Server-Timing header. */
export interface CheckTimings {
	validate: number;
	data: number;
	candidates: number;
	engine: number;
}

export type CheckOutcome =
	| {
			ok: true;
			response: CheckResponse;
			footprint: Footprint;
			timings: CheckTimings;
			/** The figures a later step (the PDF) reports if it runs out of time. */
			figures: Omit<TooComplexDetails, 'reason'>;
	  }
	| { ok: false; error: FootprintError; repair: RepairOffer };

/**
 * The check of record: validates the footprint in a check worker (with an offer to repair it),
 * refuses work beyond CHECK_MAX_WORK (footprint vertices × edges of the zoning features in its
 * bbox), collects the candidates of every zoning layer from PostGIS on this thread (I/O; large
 * footprints by bbox alone), and runs the engine in a worker
 * (the sweep's clipping, see compute.ts). The report id is derived from the input
 * and the data versions, so the same check gives the same id.
 *
 * Throws TooComplexError (work bound, or a worker stopped at CHECK_DEADLINE_MS) and
 * PoolSaturatedError (every worker busy, queue full).
 */
export async function checkFootprint(db: Db, request: CheckRequest, options: CheckOptions = {}): Promise<CheckOutcome> {
	const config = readConfig();
	const figures: Omit<TooComplexDetails, 'reason'> = {
		vertices: null,
		candidateEdges: null,
		limit: config.checkMaxWork,
		deadlineMs: config.checkDeadlineMs
	};
	const t0 = performance.now();
	const validation = await withinDeadline('validate', figures, () => inCheckWorker({ kind: 'validate', footprint: request.footprint }));
	if (!validation.ok) return validation;
	const footprint = validation.footprint;
	figures.vertices = validation.vertices;

	const t1 = performance.now();
	const state = await zoningDataState(db);
	const t2 = performance.now();
	// The bound is checked on an estimate from the bboxes before any query of the footprint's
	// size: on the embedded database that query would run on this thread.
	figures.candidateEdges = footprint.parts.bbox ? await estimateCandidateEdges(db, footprint.parts.bbox) : 0;
	if (figures.vertices * figures.candidateEdges > figures.limit) throw new TooComplexError({ reason: 'work-limit', ...figures });
	const filter = figures.vertices > DISTANCE_FILTER_MAX_VERTICES ? 'bbox' : 'distance';
	const { sets } = await findCandidatesText(db, footprint, undefined, filter);
	const t3 = performance.now();

	const engine = await withinDeadline('engine', figures, () =>
		inCheckWorker({
			kind: 'engine',
			input: { footprint, projectType: request.projectType, candidates: sets, dataVersions: state.versions }
		})
	);
	const result = engine.result;
	const t4 = performance.now();

	const englishNames = new Map<string, string | null>();
	for (const set of sets)
		for (const f of set.features) englishNames.set(`${set.layerId}/${f.id}`, (f.properties?.name_en as string | null) ?? null);
	const conflicts: ResponseConflict[] = result.conflicts.map((c) => ({ ...c, nameEn: englishNames.get(`${c.layer}/${c.featureId}`) ?? null }));

	const response: CheckResponse = {
		...result,
		conflicts,
		engine: result.engine,
		reportId: reportId({ footprint, projectType: request.projectType, dataVersions: result.dataVersions, engineVersion: ENGINE_VERSION }),
		checkedAt: (options.now ?? new Date()).toISOString(),
		dataUpdatedAt: state.updatedAt,
		illustrative: state.illustrative
	};
	return {
		ok: true,
		response,
		footprint,
		figures,
		timings: { validate: t1 - t0, data: t2 - t1, candidates: t3 - t2, engine: t4 - t3 }
	};
}

/** A step in a worker; its deadline becomes TooComplexError with the figures known so far. */
export async function withinDeadline<T>(step: TooComplexDetails['step'], figures: Omit<TooComplexDetails, 'reason'>, run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (error) {
		if (error instanceof DeadlineExceededError) throw new TooComplexError({ reason: 'deadline', ...figures, step });
		throw error;
	}
}
