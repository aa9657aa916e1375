// /healthz through the built app on a PostGIS server database: "ok" on the seeded
// database, "degraded" listing a loaded layer that lost its rows — never the database's
// address. Needs TEST_DATABASE_URL (the embedded folder cannot be changed behind the
// running app's back: it is locked).
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServerDb } from '../src/lib/server/db/server';
import { migrate } from '../src/lib/server/db/migrate';
import { seed } from '../src/lib/server/seed';
import { waitHealthy } from './wait-healthy';

const ROOT = new URL('..', import.meta.url).pathname;
const adminUrl = process.env.TEST_DATABASE_URL;
const name = `ecomap_healthz_${process.pid}`;
const PORT = 3354;
let url: string;
let app: ChildProcess | undefined;

describe.runIf(adminUrl)('/healthz', () => {
	beforeAll(async () => {
		const admin = new pg.Client({ connectionString: adminUrl });
		await admin.connect();
		await admin.query(`CREATE DATABASE ${name}`);
		await admin.end();
		const u = new URL(adminUrl!);
		u.pathname = `/${name}`;
		url = u.toString();
		const db = openServerDb(url, 2);
		await migrate(db);
		await seed(db);
		await db.close();
		app = spawn(process.execPath, ['scripts/start.js'], {
			cwd: ROOT,
			env: { ...process.env, DATABASE_URL: url, PORT: String(PORT), HOST: '127.0.0.1' },
			stdio: 'ignore'
		});
	}, 600_000);

	afterAll(async () => {
		app?.kill('SIGTERM');
		const admin = new pg.Client({ connectionString: adminUrl });
		await admin.connect();
		await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		await admin.end();
	});

	it('says ok, then degraded with the layers that lost their rows', async () => {
		expect(await waitHealthy(`http://127.0.0.1:${PORT}`, 600, 1000)).toBe(true);
		const ok = await fetch(`http://127.0.0.1:${PORT}/healthz`);
		expect(await ok.json()).toMatchObject({ status: 'ok', backend: 'server' });

		const client = new pg.Client({ connectionString: url });
		await client.connect();
		await client.query('DELETE FROM water_source_protection');
		await client.end();
		const degraded = await fetch(`http://127.0.0.1:${PORT}/healthz`);
		const body = await degraded.json();
		expect(body).toMatchObject({ status: 'degraded', backend: 'server', emptyLayers: ['water-source-protection'] });
		expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|5432|postgres:/);
	}, 600_000);
});
