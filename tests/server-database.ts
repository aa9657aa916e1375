import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../src/lib/server/db/migrate';
import { openServerDb } from '../src/lib/server/db/server';
import { seed } from '../src/lib/server/seed';

/**
 * A new, migrated and seeded database on the PostGIS server of TEST_DATABASE_URL (an admin
 * connection that may create databases), with a `drop` for the end.
 */
export async function createSeededServerDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
	const adminUrl = process.env.TEST_DATABASE_URL;
	if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
	const name = `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	await admin.query(`CREATE DATABASE ${name}`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const db = openServerDb(url.toString(), 2);
	try {
		await migrate(db);
		await seed(db);
	} finally {
		await db.close();
	}
	return {
		url: url.toString(),
		drop: async () => {
			await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await admin.end();
		}
	};
}
