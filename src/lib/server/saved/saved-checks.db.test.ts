import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Polygon, Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { getTestDb, rollbackAfter } from '../../../../tests/db';
import { createTestUser, TEST_ACTOR } from '../../../../tests/users';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db/types';
import type { Role } from '../../api/roles';
import type { CheckShare, SavedCheckCreated, SavedCheckSummary, SavedCheckView } from '../../api/saved-checks';
import { buildReport, type CheckResponse } from '../../check/report';
import { getLayer } from '../../layers/registry';
import { accessFor, decide } from '../auth/access';
import { asApiError } from '../http/errors';
import { importFile } from '../import/import-file';
import { checkIdForToken } from './shares';
import { POST as saveRoute, GET as listRoute } from '../../../routes/api/checks/+server';
import { GET as readRoute } from '../../../routes/api/checks/[id]/+server';
import { POST as rerunRoute } from '../../../routes/api/checks/[id]/rerun/+server';
import { GET as pdfRoute } from '../../../routes/api/checks/[id]/report.pdf/+server';
import { POST as shareRoute } from '../../../routes/api/checks/[id]/shares/+server';
import { DELETE as revokeRoute } from '../../../routes/api/checks/[id]/shares/[share]/+server';

// The saved check's round trip through its route handlers, on the seeded database:
// save → read → report/PDF figures equal the saved answer → change the data (import) →
// "data changed" → re-run → the difference is right. Each test rolls its writes back.

/** Accounts for a test, made inside its transaction (rolled back with it). */
async function accounts(tx: Db) {
	const as = async (role: Role, displayName: string): Promise<SessionUser> => {
		const { user } = await createTestUser(tx, role, { displayName });
		return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, sessionId: 'test' };
	};
	return { planner: await as('planner', '规划师甲'), otherPlanner: await as('planner', '规划师乙'), admin: await as('admin', '管理员') };
}

/** The audit rows of a saved check, oldest first. */
const auditOf = (tx: Db, id: number) =>
	tx.query<{ action: string; actor_id: number; after: Record<string, unknown> | null; before: Record<string, unknown> | null }>(
		"SELECT action, actor_id, after, before FROM audit_log WHERE entity = 'saved_check' AND entity_id = $1 ORDER BY id",
		[String(id)]
	);

type Handler = (event: never) => Response | Promise<Response>;

/** Calls a route handler as SvelteKit would after the boundary: locals built, errors thrown as ApiError. */
async function call(handler: Handler, db: Db, who: SessionUser, init: { url?: string; params?: Record<string, string>; body?: unknown } = {}): Promise<Response> {
	const url = new URL(init.url ?? '/api/checks', 'http://localhost');
	const request = new Request(url, init.body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) });
	const locals = { db, readDb: db, user: who, lang: 'en' as const };
	try {
		return await handler({ request, url, params: init.params ?? {}, locals, getClientAddress: () => '192.0.2.1' } as never);
	} catch (error) {
		const e = asApiError(error);
		return new Response(JSON.stringify({ error: { code: e.code, message: e.messages.en } }), { status: e.status });
	}
}

function square([lon, lat]: Position, halfM: number): Polygon {
	const dLat = halfM / 111_000;
	const dLon = halfM / (111_000 * Math.cos((lat * Math.PI) / 180));
	return { type: 'Polygon', coordinates: [[[lon - dLon, lat - dLat], [lon + dLon, lat - dLat], [lon + dLon, lat + dLat], [lon - dLon, lat + dLat], [lon - dLon, lat - dLat]]] };
}

const pdfText = (bytes: ArrayBuffer, name: string) => {
	const file = join(mkdtempSync(join(tmpdir(), 'ecomap-saved-pdf-')), name);
	writeFileSync(file, new Uint8Array(bytes));
	return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
};

let db: Db;
let corner: Position;
let zoneId: number;
beforeAll(async () => {
	db = await getTestDb();
	// A corner of a first-level water-source zone: a square around it overlaps the zone in part.
	const [row] = await db.query<{ id: number; p: string }>(
		`SELECT id, ST_AsGeoJSON(ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1)) AS p FROM water_source_protection
		 WHERE zone_level = 'first' ORDER BY id LIMIT 1`
	);
	zoneId = row.id;
	corner = (JSON.parse(row.p) as { coordinates: Position }).coordinates;
});

const project = { projectName: '测试光伏项目 Test solar', developer: '昌吉测试能源有限公司', notes: 'round trip' };

describe('saved checks', () => {
	it('authorises the routes: anonymous 401, field 403, planner ok; share links are public', () => {
		expect(decide(accessFor('/api/checks', 'POST'), undefined)).toBe('unauthenticated');
		expect(decide(accessFor('/api/checks', 'POST'), 'field')).toBe('forbidden');
		expect(decide(accessFor('/api/checks/[id]/report.pdf', 'GET'), 'planner')).toBe('ok');
		expect(decide(accessFor('/check/[id]', 'GET'), 'field')).toBe('forbidden');
		expect(decide(accessFor('/checks', 'GET'), 'admin')).toBe('ok');
		expect(decide(accessFor('/share/[token]', 'GET'), undefined)).toBe('ok');
		expect(decide(accessFor('/check', 'GET'), undefined)).toBe('ok');
	});

	it('saves, reads back exactly, reports from the record, sees changed data, re-runs with the right difference', async () => {
		await rollbackAfter(db, async (tx) => {
			const { planner, otherPlanner } = await accounts(tx);
			const footprint = square(corner, 120);
			const res = await call(saveRoute, tx, planner, { body: { footprint, projectType: 'solar_wind', ...project, input: { file: 'site.geojson', crs: 'EPSG:4326' } } });
			expect(res.status).toBe(201);
			const created = (await res.json()) as SavedCheckCreated;
			expect(created.url).toBe(`/check/${created.id}`);
			const water = created.conflicts.find((c) => c.layer === 'water-source-protection' && c.featureId === zoneId);
			expect(water?.overlapM2).toBeGreaterThan(0);

			// Read back: the answer exactly as saved.
			const read = (await (await call(readRoute, tx, planner, { url: `/api/checks/${created.id}`, params: { id: String(created.id) } })).json()) as SavedCheckView;
			const { id, url, ...answer } = created;
			expect(read.id).toBe(id);
			expect(read.url).toBe(url);
			expect(read.answer).toEqual(answer);
			expect(read).toMatchObject({ projectName: project.projectName, developer: project.developer, notes: 'round trip', author: { id: planner.id, name: planner.displayName } });
			expect(read.input).toEqual({ file: 'site.geojson', crs: 'EPSG:4326' });
			expect(read.dataChanges).toEqual([]);
			expect(read.zones.some((z) => z.layer === 'water-source-protection' && z.featureId === zoneId)).toBe(true);
			expect(read.counties.length).toBeGreaterThan(0);

			// Another planner may read it (planners and admins read every saved check).
			expect((await call(readRoute, tx, otherPlanner, { params: { id: String(created.id) } })).status).toBe(200);

			// Immutable: the database refuses to change it.
			await expect(tx.transaction((t) => t.query("UPDATE saved_check SET project_name = 'x' WHERE id = $1", [created.id]))).rejects.toThrow(/immutable/);

			const pdfOf = async (checkId: number, lang: 'zh' | 'en') => {
				const r = await call(pdfRoute, tx, planner, { url: `/api/checks/${checkId}/report.pdf?lang=${lang}`, params: { id: String(checkId) } });
				expect(r.status).toBe(200);
				expect(r.headers.get('content-type')).toBe('application/pdf');
				return { text: pdfText(await r.arrayBuffer(), `saved-${checkId}-${lang}.pdf`), reportId: r.headers.get('x-report-id') };
			};
			const nospace = (s: string) => s.replace(/\s+/g, '');
			const model = buildReport(read.answer, { lang: 'en', footprint: read.footprint, record: { id: read.id, ...project, author: read.author.name, savedAt: read.createdAt } });
			const before = await pdfOf(created.id, 'en');
			expect(before.reportId).toBe(created.reportId);
			for (const fact of [project.projectName, project.developer, created.reportId, model.checkedAtLabel, model.conflicts[0].cells.overlap, model.verdictLabel])
				expect(before.text).toContain(nospace(fact));

			// Change the data: an imported redline over the whole footprint, and the water zone moved ~40 m.
			const redline = getLayer('ecological-redline')!;
			await importFile(tx, {
				layer: redline,
				mode: 'append',
				actor: TEST_ACTOR,
				files: [{ name: 'new-redline.geojson', bytes: new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '新划红线', function_type: 'biodiversity' }, geometry: square(corner, 400) }] })) }]
			});
			await tx.query('UPDATE water_source_protection SET geom = ST_Multi(ST_Translate(geom, 0.0005, 0)) WHERE id = $1', [zoneId]);

			const stale = (await (await call(readRoute, tx, planner, { params: { id: String(created.id) } })).json()) as SavedCheckView;
			expect(stale.dataChanges.map((c) => c.layer).sort()).toEqual(['ecological-redline', 'water-source-protection']);
			expect(stale.answer).toEqual(answer); // still exactly as saved

			// The report of the record is unchanged: made from the record, not by checking again.
			const after = await pdfOf(created.id, 'en');
			expect(after.text).toBe(before.text);
			expect(after.text).not.toContain(nospace('新划红线'));

			// Re-run: a new record, linked to the old one, with the difference.
			const rerunRes = await call(rerunRoute, tx, planner, { params: { id: String(created.id) }, body: {} });
			expect(rerunRes.status).toBe(201);
			const rerun = (await rerunRes.json()) as SavedCheckCreated;
			expect(rerun.id).not.toBe(created.id);
			const diff = rerun.diff!;
			expect(diff.before).toEqual({ id: created.id, verdict: created.verdict });
			expect(diff.after).toEqual({ id: rerun.id, verdict: rerun.verdict });
			expect(diff.added.map((c) => `${c.layer}:${c.name}`)).toEqual(['ecological-redline:新划红线']);
			expect(diff.removed).toEqual([]);
			const moved = diff.changed.find((c) => c.after.layer === 'water-source-protection' && c.after.featureId === zoneId);
			expect(moved).toBeDefined();
			expect(moved!.after.overlapM2).not.toBeCloseTo(moved!.before.overlapM2, 0);
			expect(rerun.verdict).toBe('forbidden');

			const newView = (await (await call(readRoute, tx, planner, { params: { id: String(rerun.id) } })).json()) as SavedCheckView;
			expect(newView.rerunOf).toBe(created.id);
			expect(newView.dataChanges).toEqual([]);
			expect(newView.diff).toEqual(diff);
			expect(newView.projectName).toBe(project.projectName);
			const oldView = (await (await call(readRoute, tx, planner, { params: { id: String(created.id) } })).json()) as SavedCheckView;
			expect(oldView.reruns.map((r) => r.id)).toEqual([rerun.id]);
			expect((await auditOf(tx, created.id)).map((a) => [a.action, a.actor_id, a.after?.projectName])).toEqual([['saved_check.create', planner.id, project.projectName]]);
			expect((await auditOf(tx, rerun.id)).map((a) => [a.action, a.after?.rerunOf])).toEqual([['saved_check.rerun', created.id]]);
			const rerunPdf = await pdfOf(rerun.id, 'zh');
			expect(rerunPdf.text).toContain('新划红线');
		});
	});

	it('lists my checks newest first, searchable; admins see everyone’s', async () => {
		await rollbackAfter(db, async (tx) => {
			const { planner, otherPlanner, admin } = await accounts(tx);
			const save = async (who: SessionUser, name: string, at: Position) => {
				const r = await call(saveRoute, tx, who, { body: { footprint: square(at, 50), projectType: 'building', projectName: name, developer: 'D' } });
				expect(r.status).toBe(201);
				return (await r.json()) as SavedCheckCreated;
			};
			const a = await save(planner, '甲 Alpha road', corner);
			const b = await save(planner, '乙 Beta farm', [corner[0] + 0.3, corner[1] + 0.3]);
			const c = await save(otherPlanner, '丙 Gamma', corner);
			const list = async (who: SessionUser, query = '') =>
				((await (await call(listRoute, tx, who, { url: `/api/checks?${query}` })).json()) as { checks: SavedCheckSummary[] }).checks.map((x) => x.id);
			expect(await list(planner)).toEqual([b.id, a.id]);
			expect(await list(planner, 'q=alpha')).toEqual([a.id]);
			expect(await list(planner, `verdict=${a.verdict}`)).toContain(a.id);
			expect(await list(planner, 'all=1')).toEqual([b.id, a.id]); // a planner's "all" is still their own
			const everyone = await list(admin, 'all=1');
			expect(everyone.slice(0, 3)).toEqual([c.id, b.id, a.id]);
			const { counties } = (await (await call(readRoute, tx, planner, { params: { id: String(a.id) } })).json()) as SavedCheckView;
			expect(await list(planner, `county=${encodeURIComponent(counties[0])}`)).toContain(a.id);
			expect(await list(planner, 'county=nowhere')).toEqual([]);
			const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
			expect(await list(planner, `from=${today}&to=${today}`)).toEqual([b.id, a.id]);
			expect(await list(planner, 'to=2000-01-01')).toEqual([]);
			expect((await call(listRoute, tx, planner, { url: '/api/checks?verdict=maybe' })).status).toBe(400);
		});
	});

	it('refuses a save without project details and changes nothing', async () => {
		await rollbackAfter(db, async (tx) => {
			const { planner } = await accounts(tx);
			const [{ n: before }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM saved_check');
			const res = await call(saveRoute, tx, planner, { body: { footprint: square(corner, 50), projectType: 'building', projectName: ' ', developer: 'D' } });
			expect(res.status).toBe(400);
			expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid-project');
			const invalid = await call(saveRoute, tx, planner, { body: { footprint: { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [0, 0]]] }, ...project } });
			expect(invalid.status).toBeGreaterThanOrEqual(400);
			const [{ n: after }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM saved_check');
			expect(after).toBe(before);
			const [{ n: audits }] = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'saved_check.%'");
			expect(audits).toBe(0);
		});
	});

	it('shares a check by an unguessable link and revokes it', async () => {
		await rollbackAfter(db, async (tx) => {
			const { planner } = await accounts(tx);
			const created = (await (await call(saveRoute, tx, planner, { body: { footprint: square(corner, 50), projectType: 'building', ...project } })).json()) as SavedCheckCreated;
			const res = await call(shareRoute, tx, planner, { params: { id: String(created.id) }, body: {} });
			expect(res.status).toBe(201);
			const share = (await res.json()) as CheckShare;
			const token = share.url!.replace('/share/', '');
			expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
			expect(await checkIdForToken(tx, token)).toBe(created.id);
			const [{ stored }] = await tx.query<{ stored: string }>('SELECT token_hash AS stored FROM check_share WHERE id = $1', [share.id]);
			expect(stored).not.toContain(token);
			expect(await checkIdForToken(tx, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBeUndefined();

			const revoke = await call(revokeRoute, tx, planner, { params: { id: String(created.id), share: String(share.id) } });
			expect(revoke.status).toBe(204);
			expect(await checkIdForToken(tx, token)).toBeUndefined();
			expect((await call(revokeRoute, tx, planner, { params: { id: String(created.id), share: String(share.id) } })).status).toBe(404);
			expect((await auditOf(tx, created.id)).map((a) => a.action)).toEqual(['saved_check.create', 'saved_check.share', 'saved_check.share_revoke']);
		});
	});

	it('answers 404 for a check that does not exist', async () => {
		const planner: SessionUser = { id: 1, username: 'nobody', displayName: '', role: 'planner', sessionId: 'test' };
		expect((await call(readRoute, db, planner, { params: { id: '2147483647' } })).status).toBe(404);
		expect((await call(readRoute, db, planner, { params: { id: 'abc' } })).status).toBe(404);
		expect((await call(pdfRoute, db, planner, { params: { id: '99999999' } })).status).toBe(404);
	});

	it('keeps the checked footprint (the report map draws it as saved)', async () => {
		await rollbackAfter(db, async (tx) => {
			const { planner } = await accounts(tx);
			const footprint = square(corner, 77);
			const created = (await (await call(saveRoute, tx, planner, { body: { footprint, projectType: 'building', ...project } })).json()) as CheckResponse & { id: number };
			const view = (await (await call(readRoute, tx, planner, { params: { id: String(created.id) } })).json()) as SavedCheckView;
			expect(view.footprint).toEqual({ type: 'MultiPolygon', coordinates: [footprint.coordinates] });
		});
	});
});
