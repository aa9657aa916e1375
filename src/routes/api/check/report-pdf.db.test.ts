import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Polygon, Position } from 'geojson';
import { getTestDb } from '../../../../tests/db';
import type { Db } from '$lib/server/db/types';
import { buildReport, type CheckResponse } from '$lib/check/report';
import { POST as checkPost } from './+server';
import { POST as pdfPost } from './report.pdf/+server';

// The PDF report of record: same check as /api/check, its figures and names in the text.
// Text is read back with pdftotext (poppler-utils); set REPORT_PDF_DIR to keep the files.

const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0;
let n = 0;

type Handler = (event: never) => Response | Promise<Response>;

function post(handler: Handler, body: unknown, acceptLanguage?: string): Promise<Response> {
	const request = new Request('http://localhost/api/check', {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) },
		body: JSON.stringify(body)
	});
	const address = `198.51.100.${++n}`;
	return Promise.resolve(handler({ request, getClientAddress: () => address, locals: { db: testDb, readDb: testDb } } as never));
}

function square([lon, lat]: Position, halfM: number): Polygon {
	const dLat = halfM / 111_000;
	const dLon = halfM / (111_000 * Math.cos((lat * Math.PI) / 180));
	return {
		type: 'Polygon',
		coordinates: [[[lon - dLon, lat - dLat], [lon + dLon, lat - dLat], [lon + dLon, lat + dLat], [lon - dLon, lat + dLat], [lon - dLon, lat - dLat]]]
	};
}

/** Text of a PDF in drawing order, all whitespace removed (cells wrap names across lines). */
function pdfText(bytes: Uint8Array, name: string): string {
	const dir = process.env.REPORT_PDF_DIR ?? mkdtempSync(join(tmpdir(), 'ecomap-pdf-'));
	const file = join(dir, name);
	writeFileSync(file, bytes);
	return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

let footprint: Polygon;
let testDb: Db;
beforeAll(async () => {
	const db = await getTestDb();
	testDb = db;
	// Straddles the edge of a first-level water-source zone: an overlap, part of it outside.
	const [row] = await db.query<{ p: string }>(
		`SELECT ST_AsGeoJSON(ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1)) AS p FROM water_source_protection
		 WHERE zone_level = 'first' ORDER BY id LIMIT 1`
	);
	footprint = square((JSON.parse(row.p) as { coordinates: Position }).coordinates, 120);
});

describe('POST /api/check/report.pdf', () => {
	for (const lang of ['zh', 'en'] as const) {
		it(`returns an A4 PDF in ${lang} whose figures are the API's`, async () => {
			const body = { footprint, projectType: 'solar_wind', lang };
			const api = (await (await post(checkPost, body)).json()) as CheckResponse;
			expect(api.conflicts.length).toBeGreaterThan(0);

			const response = await post(pdfPost, body);
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toBe('application/pdf');
			expect(response.headers.get('content-disposition')).toContain(`attachment; filename="ecomap-check-${api.reportId}-${lang}.pdf"`);
			expect(response.headers.get('x-report-id')).toBe(api.reportId);
			const bytes = new Uint8Array(await response.arrayBuffer());
			expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
			expect(bytes.byteLength).toBeLessThan(400_000); // subset fonts, not the 1.5 MB font file
			expect(new TextDecoder('latin1').decode(bytes)).toContain('/MediaBox [0 0 595.28 841.89]');

			if (!hasPdftotext) {
				console.warn('[report.pdf test] pdftotext (poppler-utils) is not installed: text not checked');
				return;
			}
			const text = pdfText(bytes, `report-${lang}.pdf`);
			const model = buildReport(api, { lang, footprint });
			const squash = (s: string) => s.replace(/\s+/g, '');
			expect(text).toContain(squash(model.title));
			expect(text).toContain(api.reportId);
			expect(text).toContain(squash(model.verdictLabel));
			for (const row of model.conflicts) {
				expect(text).toContain(squash(row.featureName));
				expect(text).toContain(squash(row.cells.overlap));
				expect(text).toContain(squash(row.cells.distance));
			}
			// The areas counted once (nested zones per level, then the union) and the outside findings.
			expect(model.areas.length).toBeGreaterThan(0);
			expect(text).toContain(squash(model.areaLabels.heading));
			for (const row of model.areas) {
				expect(text).toContain(squash(row.cells.label));
				expect(text).toContain(squash(row.cells.area));
			}
			for (const row of model.outside) expect(text).toContain(squash(row.finding));
			const first = api.conflicts.find((c) => c.layer === 'water-source-protection' && c.level === 'first');
			expect(first?.relation).toBe('intersects');
			if (lang === 'zh') {
				expect(text).toContain(squash(first?.name ?? '?'));
				expect(text).toContain('示意数据');
			} else expect(text).toContain(squash(first?.nameEn ?? '?'));
		});
	}

	it('refuses what /api/check refuses, the same way', async () => {
		const response = await post(pdfPost, { footprint: { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] } }, 'en');
		expect(response.status).toBe(422);
		const body = await response.json();
		expect(body.error.code).toBe('self-intersection');
		expect(body.error.message).toBe(body.error.details.messages.en);
	});
});
