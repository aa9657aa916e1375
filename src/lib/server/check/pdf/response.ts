import type { ReportLang } from '../../../check/report';
import type { Db } from '../../db/types';
import { inCheckWorker } from '../check-pool';
import { footprintGeometry } from '../footprint-geometry';
import { withinDeadline, type CheckOutcome } from '../run-check';
import { zoneGeometries } from '../zone-geometries';

/**
 * The PDF of a check of record: the figures are the response's own (same run), the map's zones
 * come from PostGIS (this thread), cut and simplified for print; layout and pdfkit run in a
 * check worker.
 */
export async function reportPdf(db: Db, outcome: Extract<CheckOutcome, { ok: true }>, lang: ReportLang): Promise<Uint8Array> {
	const { response, footprint } = outcome;
	const geometry = footprintGeometry(footprint);
	const zones = await zoneGeometries(db, response.conflicts, response.footprint.bbox);
	return withinDeadline('pdf', outcome.figures, () => inCheckWorker({ kind: 'pdf', input: { response, footprint: geometry, zones, lang } }));
}

export async function reportPdfResponse(db: Db, outcome: Extract<CheckOutcome, { ok: true }>, lang: ReportLang): Promise<Response> {
	const bytes = await reportPdf(db, outcome, lang);
	const id = outcome.response.reportId;
	return new Response(new Uint8Array(bytes), {
		status: 200,
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="ecomap-check-${id}-${lang}.pdf"`,
			'content-length': String(bytes.byteLength),
			'x-report-id': id,
			'cache-control': 'no-store'
		}
	});
}
