import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { getTestDb, rollbackAfter } from '../../../../tests/db';
import { createTestUser } from '../../../../tests/users';
import type { SavedCheckCreated, SavedCheckView } from '../../api/saved-checks';
import { formatDms } from '../../check/boundary-points';
import { buildReport } from '../../check/report';
import { toGaussKruger3 } from '../../geo/gauss-kruger';
import { parseCoordinateList } from '../../geo/coordinate-list';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db/types';
import { asApiError } from '../http/errors';
import { POST as saveRoute } from '../../../routes/api/checks/+server';
import { GET as readRoute } from '../../../routes/api/checks/[id]/+server';
import { GET as pdfRoute } from '../../../routes/api/checks/[id]/report.pdf/+server';

// The report a land-planning reviewer files, read back from the PDF in both languages: the
// 界址点 table as typed, both areas against PostGIS, the approval (文号) fields, the data
// version as date · hash, the 审查意见 and the record's own time (00:10 stays 00:10).

type Handler = (event: never) => Response | Promise<Response>;
async function call(handler: Handler, db: Db, who: SessionUser, init: { url?: string; params?: Record<string, string>; body?: unknown } = {}): Promise<Response> {
	const url = new URL(init.url ?? '/api/checks', 'http://localhost');
	const request = new Request(url, init.body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) });
	try {
		return await handler({ request, url, params: init.params ?? {}, locals: { db, readDb: db, user: who, lang: 'en' }, getClientAddress: () => '192.0.2.1' } as never);
	} catch (error) {
		const e = asApiError(error);
		return new Response(JSON.stringify({ error: { code: e.code, message: e.messages.en } }), { status: e.status });
	}
}

/** The PDF's text as pdftotext reads it: `spaced` keeps word breaks, `flat` has no whitespace at all. */
function pdfText(bytes: ArrayBuffer, name: string): { spaced: string; flat: string } {
	const file = join(mkdtempSync(join(tmpdir(), 'ecomap-report-pdf-')), name);
	writeFileSync(file, new Uint8Array(bytes));
	const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
	return { spaced: text.replace(/\s+/g, ' '), flat: text.replace(/\s+/g, '') };
}

const flat = (s: string) => s.replace(/\s+/g, '');

/** The three figures (m², ha, mu) printed after a row label. */
function areaFigures(spaced: string, label: string): number[] {
	const at = spaced.replace(/\s+/g, '').indexOf(flat(label));
	expect(at, `${label} in the PDF`).toBeGreaterThanOrEqual(0);
	const after = spaced.replace(/\s+/g, '').slice(at + flat(label).length);
	const m = /^(\d+\.\d{2})(\d+\.\d{4})(\d+\.\d{2})/.exec(after);
	expect(m, `figures after ${label}`).not.toBeNull();
	return m!.slice(1, 4).map(Number);
}

let db: Db;
let corner: Position;
beforeAll(async () => {
	db = await getTestDb();
	const [row] = await db.query<{ p: string }>(
		`SELECT ST_AsGeoJSON(ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1)) AS p FROM water_source_protection WHERE zone_level = 'first' ORDER BY id LIMIT 1`
	);
	corner = (JSON.parse(row.p) as { coordinates: Position }).coordinates;
});

/** A 界址点 list in the corner's 3° zone, as a surveyor types it (X northing, Y easting, mm). */
function typedSquare(halfM: number) {
	const gk = toGaussKruger3(corner[0], corner[1])!;
	const x0 = Math.round(gk.x);
	const y0 = Math.round(gk.y);
	const points: [string, number, number][] = [
		['J1', x0 - halfM + 0.123, y0 - halfM + 0.456],
		['J2', x0 - halfM + 0.123, y0 + halfM + 0.789],
		['J3', x0 + halfM + 0.321, y0 + halfM + 0.789],
		['J4', x0 + halfM + 0.321, y0 - halfM + 0.456]
	];
	const lines = [...points, points[0]].map(([name, x, y]) => `${name},1,${x.toFixed(3)},${y.toFixed(3)}`);
	return { epsg: gk.epsg, text: lines.join('\n'), typed: points.flatMap(([, x, y]) => [x.toFixed(3), y.toFixed(3)]) };
}

describe('the saved check report (PDF)', () => {
	// Two PDFs and a save on a shared, busy machine: more than the project's default minute.
	it('prints the 界址点 as typed, both areas as PostGIS has them, 文号, data versions, 审查意见 and the saved time, in zh and en', { timeout: 180_000 }, async () => {
		await rollbackAfter(db, async (tx) => {
			const { user } = await createTestUser(tx, 'planner', { displayName: '审查测试员' });
			const planner: SessionUser = { id: user.id, username: user.username, displayName: user.displayName, role: 'planner', sessionId: 'test' };
			const square = typedSquare(150);
			const parsed = parseCoordinateList(square.text);
			if (!parsed.ok) throw new Error(parsed.error.message.en);
			expect(parsed.crs.code).toBe(`EPSG:${square.epsg}`);
			const res = await call(saveRoute, tx, planner, {
				body: { footprint: parsed.geometry, projectType: 'building', projectName: '审查测试项目', developer: '测试建设单位', input: { text: square.text, crs: parsed.crs.code } }
			});
			expect(res.status).toBe(201);
			const created = (await res.json()) as SavedCheckCreated;
			expect(created.conflicts.some((c) => c.layer === 'water-source-protection')).toBe(true);

			// The same record, saved at 00:10 China time (a copy: saved checks refuse UPDATE).
			const [copy] = await tx.query<{ id: number }>(
				`INSERT INTO saved_check (rerun_of, report_id, author_id, author_name, project_name, developer, notes, project_type, verdict, counties,
					input_text, input_file, input_crs, footprint, answer, zones, data_versions, engine_version, location, input_points, created_at)
				 SELECT rerun_of, report_id, author_id, author_name, project_name, developer, notes, project_type, verdict, counties,
					input_text, input_file, input_crs, footprint, answer, zones, data_versions, engine_version, location, input_points, '2026-03-01T00:10:00+08:00'
				 FROM saved_check WHERE id = $1 RETURNING id`,
				[created.id]
			);
			const read = (await (await call(readRoute, tx, planner, { params: { id: String(copy.id) } })).json()) as SavedCheckView;
			expect(read.createdAt).toBe('2026-02-28T16:10:00.000Z');
			expect(read.inputPoints?.code).toBe(`EPSG:${square.epsg}`);
			const [truth] = await tx.query<{ ellipsoid: number; plane: number }>(
				`SELECT ST_Area(footprint::geography) AS ellipsoid, ST_Area(ST_Transform(footprint, $2::int)) AS plane FROM saved_check WHERE id = $1`,
				[copy.id, square.epsg]
			);

			for (const lang of ['zh', 'en'] as const) {
				const r = await call(pdfRoute, tx, planner, { url: `/api/checks/${copy.id}/report.pdf?lang=${lang}`, params: { id: String(copy.id) } });
				expect(r.status).toBe(200);
				const pdf = pdfText(await r.arrayBuffer(), `report-${lang}.pdf`);
				const model = buildReport(read.answer, {
					lang,
					footprint: read.footprint,
					zones: read.zones,
					record: { id: read.id, projectName: read.projectName, developer: read.developer, author: read.author.name, savedAt: read.createdAt, location: read.location, input: read.input, inputPoints: read.inputPoints }
				});

				// The record's time, 00:10 in both languages (never "24:10", never the run's time).
				expect(pdf.flat).toContain(flat(model.checkedAtLabel));
				expect(model.checkedAtLabel).toMatch(/00:10:00/);
				expect(pdf.flat).not.toContain('24:10');

				// Location, computed from the county and town layers.
				expect(read.location?.counties.length).toBeGreaterThan(0);
				expect(pdf.flat).toContain(flat(model.recordFacts.find(([k]) => k === model.labels.record.location)![1]));

				// 界址点: every X and Y as typed, the first point's CGCS2000 lon/lat in d°m′s″ and decimal.
				expect(pdf.flat).toContain(flat(model.labels.boundary));
				for (const v of square.typed) expect(pdf.flat).toContain(v);
				const j1 = model.boundary!.rings[0].rows[0];
				expect(j1[0]).toBe('J1');
				const lonlat = read.footprint.type === 'MultiPolygon' ? read.footprint.coordinates[0][0][0] : [NaN, NaN];
				expect(pdf.flat).toContain(flat(formatDms(lonlat[0])));
				expect(pdf.flat).toContain(lonlat[1].toFixed(6));
				expect(model.boundary!.rings[0].rows.at(-1)![0]).toBe('J1');

				// Both areas, against PostGIS: ST_Area(geography) and the zone's plane ST_Area(ST_Transform).
				const [ellM2, ellHa, ellMu] = areaFigures(pdf.spaced, model.footprintAreas!.rows[0][0]);
				const [planeM2, planeHa, planeMu] = areaFigures(pdf.spaced, model.footprintAreas!.rows[1][0]);
				expect(Math.abs(ellM2 - truth.ellipsoid)).toBeLessThan(0.011);
				expect(Math.abs(planeM2 - truth.plane)).toBeLessThan(0.011);
				expect(Math.abs(ellHa - truth.ellipsoid / 10_000)).toBeLessThan(0.00011);
				expect(Math.abs(planeMu - truth.plane / (10000 / 15))).toBeLessThan(0.011);
				expect(Math.abs(planeHa - truth.plane / 10_000)).toBeLessThan(0.00011);
				expect(Math.abs(ellMu - truth.ellipsoid / (10000 / 15))).toBeLessThan(0.011);
				// A 300 m square typed in the plane: the plane figure is the typed one, the ellipsoid's differs by the zone's scale.
				expect(Math.abs(planeM2 - 300.198 * 300.333)).toBeLessThan(0.01);

				// Approval (文号 / 批准机关 / status) and the data version as date · hash.
				const sc = model.labels.sourceColumns;
				for (const label of [sc.document, sc.authority, sc.status]) expect(pdf.flat).toContain(flat(label));
				expect(pdf.flat).toContain(flat(lang === 'zh' ? '示意（无文号）' : 'Illustrative (no document number)'));
				const water = model.layerSources.find((s) => s.layerTitle === (lang === 'zh' ? '饮用水水源保护区' : 'Drinking-water source protection zone'));
				expect(water?.version).toMatch(/^\d{4}-\d{2}-\d{2} · [0-9a-f]{7}$/);
				expect(pdf.flat).toContain(flat(water!.version));
				for (const raw of Object.values(read.dataVersions)) if (raw.length > 6) expect(pdf.flat).not.toContain(raw);

				// 审查意见: the verdict in words, what to do next, the signature block.
				expect(pdf.flat).toContain(flat(model.labels.opinion));
				expect(pdf.flat).toContain(flat(model.opinion.conclusion));
				for (const action of model.opinion.actions) expect(pdf.flat).toContain(flat(action));
				for (const label of Object.values(model.labels.signature)) expect(pdf.flat).toContain(flat(label));

				// The permalink the QR code carries.
				expect(pdf.flat).toContain(`http://localhost/check/${copy.id}`);
			}
		});
	});

	it('places a record saved before locations were kept (computed when read)', async () => {
		await rollbackAfter(db, async (tx) => {
			const { user } = await createTestUser(tx, 'planner', { displayName: '旧记录' });
			const planner: SessionUser = { id: user.id, username: user.username, displayName: user.displayName, role: 'planner', sessionId: 'test' };
			const square = typedSquare(100);
			const parsed = parseCoordinateList(square.text);
			if (!parsed.ok) throw new Error(parsed.error.message.en);
			const res = await call(saveRoute, tx, planner, { body: { footprint: parsed.geometry, projectType: 'building', projectName: '旧', developer: '旧', input: { text: square.text, crs: parsed.crs.code } } });
			const created = (await res.json()) as SavedCheckCreated;
			const saved = (await (await call(readRoute, tx, planner, { params: { id: String(created.id) } })).json()) as SavedCheckView;
			const [old] = await tx.query<{ id: number }>(
				`INSERT INTO saved_check (report_id, author_id, author_name, project_name, developer, project_type, verdict, counties, input_text, input_crs, footprint, answer, zones, data_versions, engine_version)
				 SELECT report_id, author_id, author_name, project_name, developer, project_type, verdict, counties, input_text, input_crs, footprint, answer, zones, data_versions, engine_version
				 FROM saved_check WHERE id = $1 RETURNING id`,
				[created.id]
			);
			const read = (await (await call(readRoute, tx, planner, { params: { id: String(old.id) } })).json()) as SavedCheckView;
			expect(read.inputPoints).toBeNull();
			expect(read.location).toEqual(saved.location);
		});
	});
});
