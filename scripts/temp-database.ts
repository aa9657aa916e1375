// A throw-away database on a PostGIS server, for benches and tests: created under a unique
// name, optionally migrated and seeded, dropped (with any connections left) by drop().
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../src/lib/server/db/migrate';
import { DEFAULT_DB_TIMEOUTS, openServerDb } from '../src/lib/server/db/server';
import type { Db } from '../src/lib/server/db/types';
import { seed } from '../src/lib/server/seed';

/** The admin connection benches use: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else local trust auth. */
export const ADMIN_DATABASE_URL =
	process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TempDatabase {
	name: string;
	url: string;
	drop(): Promise<void>;
}

/**
 * Creates `<prefix>_<pid>_<random>` through `adminUrl` (a role that may create databases).
 * `contents`: 'empty' (no schema at all), 'migrated', or 'seeded' (the shipped dataset);
 * `load`, if given, then adds more (e.g. the heavy layers) before the database is handed over.
 */
export async function createTempDatabase(
	prefix: string,
	contents: 'empty' | 'migrated' | 'seeded',
	adminUrl = ADMIN_DATABASE_URL,
	load?: (db: Db) => Promise<void>
): Promise<TempDatabase> {
	const name = `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	try {
		await admin.query(`CREATE DATABASE ${name}`);
	} finally {
		await admin.end();
	}
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const temp: TempDatabase = {
		name,
		url: url.toString(),
		async drop() {
			const client = new pg.Client({ connectionString: adminUrl });
			await client.connect();
			try {
				await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			} finally {
				await client.end();
			}
		}
	};
	if (contents === 'empty') return temp;
	// No statement bound: loading is not a request (an import batch of heavy data takes seconds).
	const db = openServerDb(temp.url, 2, { ...DEFAULT_DB_TIMEOUTS, statementMs: 0 });
	try {
		await migrate(db);
		if (contents === 'seeded') await seed(db);
		await load?.(db);
	} catch (error) {
		await db.close();
		await temp.drop();
		throw error;
	}
	await db.close();
	return temp;
}
