import { createHash } from 'node:crypto';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { getTestDb, rollbackAfter } from '../../../../tests/db';
import { createTestUser } from '../../../../tests/users';
import type { DataPreview, ImportEvent } from '../../api/data-upload';
import { getLayer } from '../../layers/registry';
import type { Db } from '../db/types';
import { asApiError } from '../http/errors';
import { countFeatures, layerVersions } from '../layer-writer';
import { accessFor, decide } from '../auth/access';
import { POST as previewRoute } from '../../../routes/api/admin/data/preview/+server';
import { POST as importRoute } from '../../../routes/api/admin/data/import/+server';

// The admin upload through its route handlers: dry run (counts, CRS, invalid geometries with
// their places), then the commit (progress, version bump, audit row naming the file).

const coalFire = getLayer('coal-fire')!;
const square = (lon: number, lat: number, d: number): Polygon => ({
	type: 'Polygon',
	coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]]
});
const BOW_TIE: Polygon = { type: 'Polygon', coordinates: [[[87.3, 43.8], [87.32, 43.82], [87.32, 43.8], [87.3, 43.82], [87.3, 43.8]]] };
const collection = (geometries: Polygon[]) =>
	JSON.stringify({
		type: 'FeatureCollection',
		features: geometries.map((geometry, i) => ({ type: 'Feature', properties: { name: `上传火区 ${i + 1}`, status: 'untreated' }, geometry }))
	});

type Handler = (event: never) => Response | Promise<Response>;

async function call(handler: Handler, db: Db, userId: number, query: Record<string, string>, body: string): Promise<Response> {
	const url = new URL(`/api/admin/data/x?${new URLSearchParams(query)}`, 'http://localhost');
	const request = new Request(url, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream', 'user-agent': 'vitest' } });
	const locals = { db, readDb: db, user: { id: userId, username: 'admin', displayName: 'Admin', role: 'admin', sessionId: 't' }, lang: 'en' as const };
	try {
		return await handler({ request, url, locals, params: {}, getClientAddress: () => '192.0.2.9' } as never);
	} catch (error) {
		const e = asApiError(error);
		return new Response(JSON.stringify({ error: { code: e.code, message: e.messages.en } }), { status: e.status });
	}
}

const ndjson = async (response: Response) =>
	(await response.text())
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as ImportEvent);

describe('admin data upload', () => {
	it('is for admins only', () => {
		expect(decide(accessFor('/api/admin/data/preview', 'POST'), 'planner')).toBe('forbidden');
		expect(decide(accessFor('/admin/data', 'GET'), undefined)).toBe('unauthenticated');
		expect(decide(accessFor('/api/admin/data/import', 'POST'), 'admin')).toBe('ok');
	});

	it('previews without writing, then imports what was previewed, bumps the version and audits the file', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			const { user } = await createTestUser(tx, 'admin');
			const file = collection([square(87.1, 43.8, 0.01), square(87.2, 43.8, 0.01)]);
			const sha256 = createHash('sha256').update(file).digest('hex');
			const before = { count: await countFeatures(tx, coalFire), version: (await layerVersions(tx)).get('coal-fire')?.version };
			const query = { layer: 'coal-fire', mode: 'append', file: 'fires.geojson' };

			const res = await call(previewRoute, tx, user.id, query, file);
			expect(res.status).toBe(200);
			const preview = (await res.json()) as DataPreview;
			expect(preview.file).toEqual({ name: 'fires.geojson', size: Buffer.byteLength(file), sha256 });
			expect(preview.current.count).toBe(before.count);
			expect(preview.summary).toMatchObject({ read: 2, written: 2, deleted: 0, countAfter: before.count + 2 });
			expect(preview.summary!.crs).toMatch(/4326|WGS ?84/i);
			expect(await countFeatures(tx, coalFire)).toBe(before.count);
			expect((await layerVersions(tx)).get('coal-fire')?.version).toBe(before.version);

			// The commit must be of the file previewed.
			expect((await call(importRoute, tx, user.id, { ...query, sha256: '0'.repeat(64) }, file)).status).toBe(409);
			expect(await countFeatures(tx, coalFire)).toBe(before.count);

			const events = await ndjson(await call(importRoute, tx, user.id, { ...query, sha256 }, file));
			const done = events.find((e): e is Extract<ImportEvent, { done: unknown }> => 'done' in e);
			expect(events.some((e) => 'progress' in e)).toBe(true);
			expect(done?.done).toMatchObject({ written: 2, deleted: 0 });
			expect(await countFeatures(tx, coalFire)).toBe(before.count + 2);
			const version = (await layerVersions(tx)).get('coal-fire')?.version;
			expect(version).toBeGreaterThan(before.version!);
			expect(done!.done.version).toBe(version);

			const rows = await tx.query<{ actor_id: number; entity_id: string; after: Record<string, unknown> }>(
				"SELECT actor_id, entity_id, after FROM audit_log WHERE action = 'import' ORDER BY id DESC LIMIT 1"
			);
			expect(rows[0]).toMatchObject({ actor_id: user.id, entity_id: 'coal-fire', after: { files: ['fires.geojson'], bytes: Buffer.byteLength(file), sha256, written: 2 } });
			// The dry run and the refused commit wrote none.
			const [{ n }] = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'import' AND entity_id = 'coal-fire'");
			expect(n).toBe(1);
		});
	});

	it('lists invalid geometries with their places and changes nothing', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			const { user } = await createTestUser(tx, 'admin');
			const count = await countFeatures(tx, coalFire);
			const res = await call(previewRoute, tx, user.id, { layer: 'coal-fire', mode: 'append', file: 'bad.geojson' }, collection([square(87.1, 43.8, 0.01), BOW_TIE]));
			const preview = (await res.json()) as DataPreview;
			expect(preview.summary).toBeUndefined();
			expect(preview.problem!.invalid).toHaveLength(1);
			const [lon, lat] = preview.problem!.invalid[0].location!;
			expect(lon).toBeCloseTo(87.31, 2);
			expect(lat).toBeCloseTo(43.81, 2);
			expect(await countFeatures(tx, coalFire)).toBe(count);

			// With repair, the same file would load.
			const repaired = (await (await call(previewRoute, tx, user.id, { layer: 'coal-fire', mode: 'append', repair: '1', file: 'bad.geojson' }, collection([square(87.1, 43.8, 0.01), BOW_TIE]))).json()) as DataPreview;
			expect(repaired.summary).toMatchObject({ read: 2, repaired: 1 });
		});
	});

	it('refuses an unknown layer, a bad option and an empty file, clearly', async () => {
		const db = await getTestDb();
		const status = async (query: Record<string, string>, body: string) => {
			const r = await call(previewRoute, db, 1, query, body);
			return [r.status, ((await r.json()) as { error: { code: string } }).error.code];
		};
		expect(await status({ layer: 'nope', file: 'a.geojson' }, '{}')).toEqual([400, 'unknown-layer']);
		expect(await status({ layer: 'coal-fire', srs: 'EPSG:abc', file: 'a.geojson' }, '{}')).toEqual([400, 'invalid-upload-option']);
		expect(await status({ layer: 'coal-fire', file: 'a.geojson' }, '')).toEqual([400, 'empty-upload']);
		expect(await status({ layer: 'coal-fire' }, '{}')).toEqual([400, 'invalid-file-name']);
	});
});
