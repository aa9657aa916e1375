// DATABASE_READ_URL against a streaming replica this test makes itself (a primary cluster,
// then `pg_basebackup -R` into a second one — never the shared server), with replay paused
// to make the replica lag: read routes read the replica, and a versioned URL never carries
// another version's bytes — a URL naming a version the replica has not reached is answered
// from the primary.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLayer } from '../../src/lib/layers/registry';
import { migrate } from '../../src/lib/server/db/migrate';
import { openServerDb } from '../../src/lib/server/db/server';
import { IMMUTABLE } from '../../src/lib/server/serving/cache-control';
import { seed } from '../../src/lib/server/seed';
import { footprintIn, importThrough, redlineSquare, tileAt, tileNames } from '../scale-out';
import { createTestUser } from '../users';
import { BuiltApp } from './app';
import { canRunCluster, TempCluster } from './pg-cluster';

const PRIMARY_PORT = Number(process.env.FAULTS_PG_PORT ?? 55433) + 2;
const REPLICA_PORT = PRIMARY_PORT + 1;
const APP_PORT = Number(process.env.FAULTS_APP_PORT ?? 3551) + 2;
const LAYER = 'ecological-redline';
const NAME = '副本延迟测试红线';
const LON = 89.61;
const LAT = 45.37;
const TILE = tileAt(LON + 0.01, LAT + 0.01, 13);
const tilePath = (version?: string) => `/tiles/${LAYER}/${TILE.z}/${TILE.x}/${TILE.y}.mvt${version ? `?v=${encodeURIComponent(version)}` : ''}`;

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return (await client.query<T>(text)).rows;
	} finally {
		await client.end();
	}
}

/** Waits until the replica has replayed everything the primary has written so far. */
async function caughtUp(primary: string, replica: string): Promise<void> {
	const [{ lsn }] = await sql<{ lsn: string }>(primary, 'SELECT pg_current_wal_lsn()::text AS lsn');
	for (let i = 0; i < 300; i++) {
		const [{ behind }] = await sql<{ behind: boolean }>(replica, `SELECT pg_last_wal_replay_lsn() < '${lsn}'::pg_lsn AS behind`);
		if (!behind) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error('the replica did not catch up within 30 s');
}

describe.skipIf(!canRunCluster())('DATABASE_READ_URL: read routes on a lagging streaming replica', () => {
	let primary: TempCluster;
	let replica: TempCluster;
	let app: BuiltApp;
	let cookie: string;
	let tileJsonVersion: () => Promise<string>;

	/** POST /api/check of a footprint inside the imported square. */
	const checkInSquare = async () => {
		const response = await fetch(`${app.origin}/api/check`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ footprint: footprintIn(LON, LAT) })
		});
		return (await response.json()) as { dataVersions: Record<string, string>; conflicts: { name: string | null }[] };
	};

	beforeAll(async () => {
		primary = new TempCluster(PRIMARY_PORT);
		primary.start();
		const db = openServerDb(primary.url, 2);
		try {
			await migrate(db);
			await seed(db, { layers: [getLayer(LAYER)!] });
			cookie = (await createTestUser(db, 'admin')).cookie;
		} finally {
			await db.close();
		}
		replica = new TempCluster(REPLICA_PORT, { replicaOf: primary });
		replica.start();
		await caughtUp(primary.url, replica.url);
		app = new BuiltApp(APP_PORT, {
			DATABASE_URL: primary.url,
			DATABASE_READ_URL: replica.url,
			DOWNLOADS_DIR: join(primary.dir, 'downloads'),
			CHECK_RATE_LIMIT: '0',
			ACCESS_LOG: '0'
		});
		await app.start();
		tileJsonVersion = async () => {
			const tilejson = (await (await fetch(`${app.origin}/tiles/${LAYER}.json`)).json()) as { tiles: string[] };
			return new URL(tilejson.tiles[0].replace(/\{[xyz]\}/g, '0')).searchParams.get('v')!;
		};
	}, 420_000); // two clusters, a base backup and the app, on a shared machine

	afterAll(async () => {
		await app?.stop();
		replica?.destroy();
		primary?.destroy();
	});

	it('is a real standby that replays the primary', async () => {
		const [{ standby }] = await sql<{ standby: boolean }>(replica.url, 'SELECT pg_is_in_recovery() AS standby');
		expect(standby).toBe(true);
		expect(execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })).toMatch(/walreceiver/);
	});

	it('while the replica lags an import: reads come from the replica, versioned URLs stay true', async () => {
		const before = await tileJsonVersion();
		const oldTile = await fetch(`${app.origin}${tilePath(before)}`);
		expect(await tileNames(oldTile, LAYER)).not.toContain(NAME);

		await sql(replica.url, 'SELECT pg_wal_replay_pause()');
		const [{ state }] = await sql<{ state: string }>(replica.url, 'SELECT pg_get_wal_replay_pause_state() AS state');
		expect(state).toBe('paused');

		const done = await importThrough(app.origin, cookie, LAYER, redlineSquare(NAME, LON, LAT));
		// TileJSON hands out the primary's version: the new one.
		const after = await tileJsonVersion();
		expect(after.startsWith(`${done.version}-`)).toBe(true);

		// Unversioned reads show the replica as it is: the old data, cached briefly.
		const unversioned = await fetch(`${app.origin}${tilePath()}`);
		expect(unversioned.headers.get('cache-control')).not.toBe(IMMUTABLE);
		expect(unversioned.headers.get('etag')).toContain(`/${before}/`);
		expect(await tileNames(unversioned, LAYER)).not.toContain(NAME);
		const items = (await (await fetch(`${app.origin}/ogc/collections/${LAYER}/items?f=json&limit=1000`)).json()) as { features: { properties: { name: string } }[] };
		expect(items.features.map((f) => f.properties.name)).not.toContain(NAME);
		const search = await (await fetch(`${app.origin}/api/search?q=${encodeURIComponent(NAME)}`)).text();
		expect(search).not.toContain(NAME);

		// The URL naming the new version gets the new bytes (from the primary), immutable.
		const fresh = await fetch(`${app.origin}${tilePath(after)}`);
		expect(fresh.headers.get('cache-control')).toBe(IMMUTABLE);
		expect(fresh.headers.get('etag')).toContain(`/${after}/`);
		expect(await tileNames(fresh, LAYER)).toEqual([NAME]);
		const download = await fetch(`${app.origin}/download/${LAYER}.geojson?v=${encodeURIComponent(after)}`);
		expect(download.headers.get('cache-control')).toBe(IMMUTABLE);
		expect(await download.text()).toContain(NAME);
		// The URL naming the old version, which the replica holds, keeps its old bytes.
		const old = await fetch(`${app.origin}${tilePath(before)}`);
		expect(old.headers.get('cache-control')).toBe(IMMUTABLE);
		expect(await tileNames(old, LAYER)).not.toContain(NAME);

		// The live check reads the replica, and says which data it checked against.
		const check = await checkInSquare();
		expect(after.startsWith(`${check.dataVersions[LAYER]}-`)).toBe(false);
		expect(check.conflicts.map((c) => c.name)).not.toContain(NAME);

		// Once the replica has replayed the import, unversioned reads and the check see it.
		await sql(replica.url, 'SELECT pg_wal_replay_resume()');
		await caughtUp(primary.url, replica.url);
		const caught = await fetch(`${app.origin}${tilePath()}`);
		expect(caught.headers.get('etag')).toContain(`/${after}/`);
		expect(await tileNames(caught, LAYER)).toEqual([NAME]);
		const checked = await checkInSquare();
		expect(checked.dataVersions[LAYER]).toBe(String(done.version));
		expect(checked.conflicts.map((c) => c.name)).toContain(NAME);
	});
});
