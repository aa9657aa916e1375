// A tablet's sync through the built app: photos first (HEAD to skip, PUT by hash, retried),
// then the inspection (PUT under its own id, replayed), and what the public then sees:
// tiles with a new version and the status of record, /api/progress, the /progress page.
import { createHash, randomUUID } from 'node:crypto';
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldSiteDetail, InspectionInput, ProgressResponse } from '../../src/lib/api/field';
import type { Db } from '../../src/lib/server/db/types';
import { freshAppDatabase, startBuiltApp, type BuiltApp } from '../built-app';
import { solidPng } from '../png';
import { createTestUser } from '../users';
import { call } from './client';

let app: BuiltApp;
let cleanup: () => Promise<void>;
let cookie: string;
let fire: { id: number; lon: number; lat: number };

beforeAll(async () => {
	const database = await freshAppDatabase(async (db: Db) => {
		const [row] = await db.query<{ id: number; lon: number; lat: number }>(
			`SELECT id, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM coal_fire WHERE status = 'untreated' ORDER BY id LIMIT 1`
		);
		return { cookie: (await createTestUser(db, 'field')).cookie, fire: row };
	});
	cleanup = database.cleanup;
	({ cookie, fire } = database.prepared);
	app = await startBuiltApp(database.env);
}, 300_000);

afterAll(async () => {
	await app?.stop();
	await cleanup?.();
});

/** The status of the fire zone in its z12 tile, and the tile URL's version, as the public map gets them. */
async function publicTile(): Promise<{ version: string; status: unknown }> {
	const tilejson = (await (await call(app, '/tiles/coal-fire.json')).json()) as { tiles: string[] };
	const z = 12;
	const n = 2 ** z;
	const phi = (fire.lat * Math.PI) / 180;
	const x = Math.floor(((fire.lon + 180) / 360) * n);
	const y = Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n);
	const url = new URL(tilejson.tiles[0].replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y)));
	const response = await call(app, url.pathname + url.search);
	expect(response.status).toBe(200);
	const layer = new VectorTile(new Pbf(new Uint8Array(await response.arrayBuffer()))).layers['coal-fire'];
	let status: unknown;
	for (let i = 0; i < layer.length; i++) if (layer.feature(i).id === fire.id) status = layer.feature(i).properties.status;
	return { version: url.search, status };
}

describe('a field sync through the built app', () => {
	it('uploads a photo once, refuses an oversize one before reading it, syncs an inspection idempotently, and the public sees the status of record', async () => {
		const png = solidPng(64, 48, [90, 140, 60]);
		const sha256 = createHash('sha256').update(png).digest('hex');
		const photoPath = `/api/field/photos/${sha256}`;

		expect((await call(app, photoPath, { method: 'HEAD' })).status).toBe(401);
		expect((await call(app, photoPath, { method: 'HEAD', cookie })).status).toBe(404);
		const upload = () => call(app, photoPath, { method: 'PUT', cookie, body: new Uint8Array(png), headers: { 'content-type': 'image/png' } });
		expect((await upload()).status).toBe(201);
		expect((await upload()).status).toBe(200);
		expect((await call(app, photoPath, { method: 'HEAD', cookie })).status).toBe(200);
		const served = await call(app, photoPath, { cookie });
		expect(createHash('sha256').update(new Uint8Array(await served.arrayBuffer())).digest('hex')).toBe(sha256);
		expect((await call(app, photoPath, { cookie, headers: { 'if-none-match': `"${sha256}"` } })).status).toBe(304);

		const big = Buffer.alloc(9 * 1024 * 1024, 1);
		const tooBig = await call(app, `/api/field/photos/${createHash('sha256').update(big).digest('hex')}`, {
			method: 'PUT',
			cookie,
			body: new Uint8Array(big),
			headers: { 'content-type': 'image/jpeg', 'accept-language': 'zh-CN' }
		});
		expect(tooBig.status).toBe(413);
		expect(((await tooBig.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'photo-too-large', message: expect.stringContaining('照片') });

		const before = await publicTile();
		expect(before.status).toBe('untreated');
		const progressBefore = (await (await call(app, '/api/progress')).json()) as ProgressResponse;

		const id = randomUUID();
		const input: InspectionInput = {
			siteKey: `coal-fire/${fire.id}`,
			baseVersion: null,
			inspectedAt: new Date().toISOString(),
			statusChange: 'extinguished',
			fire: { surfaceTempC: 18, smokeOdour: false },
			photos: [{ sha256, role: 'after', capturedAt: new Date().toISOString(), lon: fire.lon, lat: fire.lat, accuracyM: 6, headingDeg: 270, width: 64, height: 48, bytes: png.length, mime: 'image/png' }]
		};
		const sync = () => call(app, `/api/field/inspections/${id}`, { method: 'PUT', cookie, json: input });
		expect((await call(app, `/api/field/inspections/${id}`, { method: 'PUT', json: input })).status).toBe(401);
		expect((await sync()).status).toBe(201);
		expect((await sync()).status).toBe(200);

		const detail = (await (await call(app, `/api/field/sites/coal-fire/${fire.id}`, { cookie })).json()) as FieldSiteDetail;
		expect(detail.status).toBe('extinguished');
		expect(detail.inspections.map((i) => i.id)).toEqual([id]);
		expect(detail.inspections[0].photos[0]).toMatchObject({ sha256, headingDeg: 270, accuracyM: 6 });

		const after = await publicTile();
		expect(after.version).not.toBe(before.version);
		expect(after.status).toBe('extinguished');
		const progressAfter = (await (await call(app, '/api/progress')).json()) as ProgressResponse;
		expect(progressAfter.coalFire.extinguished).toBe(progressBefore.coalFire.extinguished + 1);

		const page = await call(app, '/progress?lang=en');
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain(`${progressAfter.coalFire.finished} / ${progressAfter.coalFire.total}`);
		expect(html).toContain('data-testid="coal-fire-split"');
		// The seed is illustrative, and the page says so.
		expect(progressAfter.illustrative).toBe(true);
		expect(html).toContain('data-testid="progress-illustrative"');
		expect(html).toMatch(/<figure class="chart[ "]/);
	});
});
