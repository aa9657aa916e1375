import { intersect, polygon } from '@turf/turf';
import type { Geometry } from 'geojson';
import { repairFootprint, runCheck, validateFootprint } from '../../check';
import { partsVertices } from '../../check/parts';
import { buildReport, reportMapDrawing, type CheckResponse, type ReportLang, type ReportRecord, type ZoneGeometry } from '../../check/report';
import type { MapContext } from '../../check/report-map';
import type { CandidateSet, CheckResult, Footprint, FootprintError } from '../../check/types';
import { LAYERS } from '../../layers/registry';
import type { Localized, ProjectType } from '../../layers/types';
import { MAP_SIZE, renderReportPdf } from './pdf/render';
import { BudgetExceededError, runWithBudget } from './time-budget';

/**
 * The CPU-heavy steps of a check of record, each a pure function of its (structured-cloneable)
 * input: they run in a check worker (see check-worker.ts), never on the server's event loop.
 */

/**
 * How long the turf clipping run of record may take before the sweep answers instead. turf
 * needs ~1–2 s for a 10 000-vertex footprint on this hardware (the sweep ~0.2 s); beyond 5 s it
 * is polyclip looping (turf issues 2705, 2955), not work.
 */
export const TURF_BUDGET_MS = 5000;
/** repairFootprint runs turf.difference/union, where polyclip can still loop: same guard, shorter. */
export const REPAIR_BUDGET_MS = 2000;
/**
 * Footprint vertices × candidate edges from which the sweep answers straight away: turf's
 * polyclip grows faster than the sweep with size and would spend its whole budget first
 * (a 20,000-vertex footprint took ~7 s that way). Below it turf runs, as before.
 */
export const TURF_MAX_WORK = 5_000_000;

/** The offer to repair an invalid footprint: the repaired geometry and what was changed. */
export type RepairOffer = { available: true; geometry: Geometry; changes: Localized[] } | { available: false };

export type Validated = { ok: true; footprint: Footprint; vertices: number } | { ok: false; error: FootprintError; repair: RepairOffer };

/** Validates a footprint; when it is invalid but repairable, offers the repaired geometry. */
export function validateWithRepairOffer(input: unknown): Validated {
	const validation = validateFootprint(input);
	if (validation.ok) return { ok: true, footprint: validation.footprint, vertices: partsVertices(validation.footprint.parts) };
	return { ok: false, error: validation.error, repair: offerRepair(input, validation.error) };
}

export interface EngineTask {
	footprint: Footprint;
	projectType: ProjectType;
	candidates: CandidateSet[];
	dataVersions: Record<string, string>;
	/** Footprint vertices × candidate vertices: picks sweep over turf when large. */
	work: number;
	turfBudgetMs?: number;
}

export interface EngineOutcome {
	result: CheckResult;
	turfBudgetMs: number;
	turfTimedOut: boolean;
	/** Engine time inside the worker (ms). */
	ms: number;
}

/**
 * The engine of record: turf clipping under a time budget, falling back to the sweep, which
 * builds no polygon and cannot loop; large inputs go to the sweep directly.
 */
export function runEngine(task: EngineTask): EngineOutcome {
	const t0 = performance.now();
	const budget = task.turfBudgetMs ?? TURF_BUDGET_MS;
	const input = { footprint: task.footprint, projectType: task.projectType, candidates: task.candidates, layers: LAYERS, dataVersions: task.dataVersions };
	if (task.work > TURF_MAX_WORK) {
		const result = runCheck({ ...input, clipping: 'sweep' });
		return { result, turfBudgetMs: budget, turfTimedOut: false, ms: performance.now() - t0 };
	}
	try {
		const result = runWithBudget(() => runCheck({ ...input, clipping: 'turf' }), budget);
		return { result, turfBudgetMs: budget, turfTimedOut: false, ms: performance.now() - t0 };
	} catch (error) {
		if (!(error instanceof BudgetExceededError)) throw error;
		resetPolyclip();
		const result = runCheck({ ...input, clipping: 'sweep' });
		return { result, turfBudgetMs: budget, turfTimedOut: true, ms: performance.now() - t0 };
	}
}

export interface PdfTask {
	response: CheckResponse;
	footprint: Geometry;
	zones: ZoneGeometry[];
	lang: ReportLang;
	/** When the report is of a saved check. */
	record?: ReportRecord;
	context?: MapContext;
}

/** The A4 report of a check: layout model, map drawing, pdfkit. */
export async function renderPdf(task: PdfTask): Promise<Uint8Array> {
	const model = buildReport(task.response, { lang: task.lang, footprint: task.footprint, zones: task.zones, record: task.record });
	const drawing = reportMapDrawing(task.footprint, task.zones, { ...MAP_SIZE, lang: task.lang, context: task.context });
	const bytes = await renderReportPdf(model, drawing);
	return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
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
