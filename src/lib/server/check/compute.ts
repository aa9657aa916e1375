import { intersect, polygon } from '@turf/turf';
import type { Geometry } from 'geojson';
import { repairFootprint, runCheck, validateFootprint } from '../../check';
import { parseCandidateSets, type CandidateTextSet } from '../../check/candidate-text';
import { partsVertices } from '../../check/parts';
import { buildReport, reportMapDrawing, type CheckResponse, type ReportLang, type ReportRecord, type ZoneGeometry } from '../../check/report';
import type { MapContext } from '../../check/report-map';
import type { CheckResult, Footprint, FootprintError } from '../../check/types';
import { LAYERS } from '../../layers/registry';
import type { Localized, ProjectType } from '../../layers/types';
import { MAP_SIZE, renderReportPdf } from './pdf/render';
import { BudgetExceededError, runWithBudget } from './time-budget';

/**
 * The CPU-heavy steps of a check of record, each a pure function of its (structured-cloneable)
 * input: they run in a check worker (see check-worker.ts), never on the server's event loop.
 */

/** repairFootprint runs turf.difference/union, where polyclip can still loop: a time budget guards it. */
export const REPAIR_BUDGET_MS = 2000;

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
	/** As text: parsed here, in the worker (see candidate-text.ts). */
	candidates: CandidateTextSet[];
	dataVersions: Record<string, string>;
}

export interface EngineOutcome {
	result: CheckResult;
	/** Engine time inside the worker (ms). */
	ms: number;
}

/**
 * The engine of record, with the sweep's clipping: it builds no overlap polygon, cannot throw
 * or loop on valid input, and gives turf.intersect's areas to ~1e-12 (both are held to PostGIS
 * by engine-vs-postgis and engine-vs-seed). On a bureau's real layers turf 7's polyclip was
 * 5–30× slower for the same answer (issue 14: 1,000-vertex footprints p50 179 vs 31 ms on
 * the same candidates), so the check of record no longer waits for it; the preview uses the
 * same sweep, and turf's clipping stays the tests' second opinion.
 */
export function runEngine(task: EngineTask): EngineOutcome {
	const t0 = performance.now();
	const result = runCheck({ footprint: task.footprint, projectType: task.projectType, candidates: parseCandidateSets(task.candidates), layers: LAYERS, dataVersions: task.dataVersions, clipping: 'sweep' });
	return { result, ms: performance.now() - t0 };
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
