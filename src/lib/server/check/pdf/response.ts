import { buildReport, reportMapDrawing, type ReportLang } from '../../../check/report';
import type { Db } from '../../db/types';
import { footprintGeometry } from '../footprint-geometry';
import type { CheckOutcome } from '../run-check';
import { zoneGeometries } from '../zone-geometries';
import { MAP_SIZE, renderReportPdf } from './render';

/**
 * The PDF of a check of record: the figures are the response's own (same run), the map's zones
 * come from PostGIS, cut and simplified for print.
 */
export async function reportPdf(db: Db, outcome: Extract<CheckOutcome, { ok: true }>, lang: ReportLang): Promise<Buffer> {
	const { response, footprint } = outcome;
	const geometry = footprintGeometry(footprint);
	const zones = await zoneGeometries(db, response.conflicts, response.footprint.bbox);
	const model = buildReport(response, { lang, footprint: geometry, zones });
	const drawing = reportMapDrawing(geometry, zones, { ...MAP_SIZE, lang });
	return renderReportPdf(model, drawing);
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
