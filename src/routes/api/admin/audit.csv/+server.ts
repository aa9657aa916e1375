import { auditCsv } from '$lib/server/audit/csv';
import { auditFilterFrom, auditRows } from '$lib/server/audit/query';
import type { RequestHandler } from './$types';

/** The filtered audit trail as CSV (UTF-8 with BOM: opens in Excel and WPS). */
export const GET: RequestHandler = ({ locals, url }) => {
	// The whole filtered trail, not a page of it (auditRows pages through it itself).
	const lines = auditCsv(auditRows(locals.db, auditFilterFrom(url)));
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			const next = await lines.next();
			if (next.done) controller.close();
			else controller.enqueue(encoder.encode(next.value));
		}
	});
	const day = new Date().toISOString().slice(0, 10);
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="ecomap-audit-${day}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
