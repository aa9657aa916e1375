import type { Geometry } from 'geojson';
import type { CheckResponse, ReportLang, ReportRecord, ZoneGeometry } from '../../../check/report';
import type { MapContext } from '../../../check/report-map';
import type { Db } from '../../db/types';
import { inCheckWorker } from '../check-pool';
import { footprintGeometry } from '../footprint-geometry';
import { reportMapContext } from '../map-context';
import { withinDeadline, type CheckOutcome } from '../run-check';
import { zoneGeometries } from '../zone-geometries';

/** Everything a report is drawn from: an answer, its footprint and zones — no database, no check. */
export interface ReportSource {
	response: CheckResponse;
	footprint: Geometry;
	zones: readonly ZoneGeometry[];
	/** When the report is of a saved check. */
	record?: ReportRecord;
	/** Basemap context and the prefecture outline for the map. */
	context?: MapContext;
}

/** The PDF of an answer as it stands (nothing is run again); layout and pdfkit run in a check worker. */
export function reportPdfFrom(source: ReportSource, lang: ReportLang): Promise<Uint8Array> {
	return inCheckWorker({ kind: 'pdf', input: { ...source, zones: [...source.zones], lang } });
}

/**
 * The PDF of a fresh check of record: the figures are the response's own (same run), the map's
 * zones come from PostGIS (this thread), cut and simplified for print.
 */
export async function reportPdf(db: Db, outcome: Extract<CheckOutcome, { ok: true }>, lang: ReportLang): Promise<Uint8Array> {
	const { response, footprint } = outcome;
	const zones = await zoneGeometries(db, response.conflicts, response.footprint.bbox);
	const context = await reportMapContext(db, response.footprint.bbox);
	return withinDeadline('pdf', outcome.figures, () => reportPdfFrom({ response, footprint: footprintGeometry(footprint), zones, context }, lang));
}

/** A PDF as a download named after the report (and the saved check, if any). */
export function pdfResponse(bytes: Uint8Array, response: CheckResponse, lang: ReportLang, savedId?: number): Response {
	const id = response.reportId;
	const name = savedId === undefined ? `ecomap-check-${id}-${lang}.pdf` : `ecomap-check-${savedId}-${id}-${lang}.pdf`;
	return new Response(new Uint8Array(bytes), {
		status: 200,
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${name}"`,
			'content-length': String(bytes.byteLength),
			'x-report-id': id,
			'cache-control': 'no-store'
		}
	});
}

export async function reportPdfResponse(db: Db, outcome: Extract<CheckOutcome, { ok: true }>, lang: ReportLang): Promise<Response> {
	return pdfResponse(await reportPdf(db, outcome, lang), outcome.response, lang);
}
