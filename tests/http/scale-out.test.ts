// Two app processes on one PostgreSQL database, as behind a load balancer: a session opened
// through one works on the other, and an import through one is served by the other at once —
// tiles, OGC items, downloads and the check — because what a process keeps (tile cache,
// downloads, the check's data state) is keyed by the data version it reads from the
// database on every request. The embedded database belongs to one process: server only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { IMMUTABLE } from '../../src/lib/server/serving/cache-control';
import { freshAppDatabase, startBuiltApp, type BuiltApp } from '../built-app';
import { footprintIn, importThrough, redlineSquare, tileAt, tileNames } from '../scale-out';
import { createTestUser } from '../users';
import { call } from './client';

const NAME = '两进程导入测试红线';
const LON = 89.61;
const LAT = 45.37;
const TILE = tileAt(LON + 0.01, LAT + 0.01, 13);
const tilePath = (version: string) => `/tiles/ecological-redline/${TILE.z}/${TILE.x}/${TILE.y}.mvt?v=${encodeURIComponent(version)}`;

describe.skipIf(inject('testDb').backend !== 'server')('two app processes on one database', () => {
	let a: BuiltApp;
	let b: BuiltApp;
	let cookie: string;
	let cleanup: () => Promise<void>;
	const downloadsB = mkdtempSync(join(tmpdir(), 'ecomap-downloads-b-'));

	const version = async (app: BuiltApp) => {
		const tilejson = (await (await call(app, '/tiles/ecological-redline.json')).json()) as { tiles: string[] };
		return new URL(tilejson.tiles[0].replace(/\{[xyz]\}/g, '0')).searchParams.get('v')!;
	};

	beforeAll(async () => {
		const database = await freshAppDatabase(async (db) => (await createTestUser(db, 'admin')).cookie);
		cleanup = database.cleanup;
		cookie = database.prepared;
		// Each process with its own downloads folder, as on two machines.
		[a, b] = await Promise.all([startBuiltApp(database.env), startBuiltApp({ ...database.env, DOWNLOADS_DIR: downloadsB })]);
	}, 300_000);

	afterAll(async () => {
		await Promise.all([a?.stop(), b?.stop()]);
		await cleanup?.();
		rmSync(downloadsB, { recursive: true, force: true });
	});

	it('shares sessions: the cookie of one is signed in on the other', async () => {
		for (const app of [a, b]) {
			const me = (await (await call(app, '/api/auth/me', { cookie })).json()) as { user: { role: string } | null };
			expect(me.user?.role).toBe('admin');
		}
	});

	it('serves an import through A from B at once: tiles, OGC items, downloads, the check', async () => {
		// B has everything cached at the old version first.
		const before = await version(b);
		expect(await tileNames(await call(b, tilePath(before)), 'ecological-redline')).not.toContain(NAME);
		expect(await (await call(b, '/download/ecological-redline.geojson')).text()).not.toContain(NAME);

		const done = await importThrough(a.origin, cookie, 'ecological-redline', redlineSquare(NAME, LON, LAT)).catch((error: Error) => {
			throw new Error(`${error.message}\n${a.output()}`);
		});
		expect(done.written).toBe(1);

		const after = await version(b);
		expect(after).not.toBe(before);
		expect(after.startsWith(`${done.version}-`)).toBe(true);
		const tile = await call(b, tilePath(after));
		expect(tile.headers.get('cache-control')).toBe(IMMUTABLE);
		expect(await tileNames(tile, 'ecological-redline')).toEqual([NAME]);
		// The old URL no longer promises anything: its answer is the new data, cached for a minute.
		const stale = await call(b, tilePath(before));
		expect(stale.headers.get('cache-control')).not.toBe(IMMUTABLE);
		expect(await tileNames(stale, 'ecological-redline')).toEqual([NAME]);

		const items = (await (await call(b, '/ogc/collections/ecological-redline/items?f=json')).json()) as {
			numberMatched: number;
			features: { properties: { name: string } }[];
		};
		expect(items.numberMatched).toBe(1);
		expect(items.features[0].properties.name).toBe(NAME);

		const download = await call(b, `/download/ecological-redline.geojson?v=${encodeURIComponent(after)}`);
		expect(download.headers.get('etag')).toContain(after);
		expect(await download.text()).toContain(NAME);

		const check = await call(b, '/api/check', { json: { footprint: footprintIn(LON, LAT) } });
		expect(check.status).toBe(200);
		const answer = (await check.json()) as { dataVersions: Record<string, string>; conflicts: { name: string | null }[] };
		expect(answer.dataVersions['ecological-redline']).toBe(String(done.version));
		expect(answer.conflicts.map((c) => c.name)).toContain(NAME);
	});
});
