import { readConfig } from './config';
import { openDb, type Db } from './db';
import { openServerDb } from './db/server';
import { migrate } from './db/migrate';
import { seedMissing } from './seed';

let ready: Promise<Db> | undefined;
let replica: Db | undefined;

/**
 * The app's database, opened once per process: migrated on every start, and on the
 * embedded backend seeded on its first start. Progress goes to the console, since the
 * first embedded start takes about 20 s.
 */
export function database(): Promise<Db> {
	ready ??= open().catch((error) => {
		ready = undefined; // try again on the next request, e.g. once the server is back
		throw error;
	});
	return ready;
}

async function open(): Promise<Db> {
	const config = readConfig();
	const log = (message: string) => console.log(`[ecomap] ${message}`);
	if (config.databaseUrl) log('Connecting to the PostGIS server (DATABASE_URL)…');
	else log(`Starting the embedded database in ${config.embeddedDbDir} (the first start takes about 20 s)…`);
	const started = Date.now();
	const db = await openDb(config);
	try {
		await prepareDatabase(db, log);
	} catch (error) {
		// Let go of the embedded folder's lock, so that the retry on the next request can open it.
		await db.close().catch(() => {});
		throw error;
	}
	log(`Database ready (${db.backend}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
	return db;
}

/**
 * What every start does: migrate; on the embedded backend, seed the layers not loaded yet
 * (all of them on the first start; after a start killed midway, the rest).
 */
export async function prepareDatabase(db: Db, log: (message: string) => void): Promise<void> {
	const migration = await migrate(db);
	if (migration.applied.length) log(`Migrated schema ${migration.from} → ${migration.to}.`);
	if (db.backend !== 'embedded') return;
	let announced = false;
	await seedMissing(db, {
		onProgress: (m) => {
			if (!announced) log('Loading the illustrative Changji dataset (示意数据) into the layers not loaded yet…');
			announced = true;
			log(`  ${m}`);
		}
	});
}

/**
 * The database the read routes use: the streaming replica named by DATABASE_READ_URL
 * (a pool opened once; never migrated, it follows the primary), else the primary.
 */
export function readDatabase(): Promise<Db> {
	const config = readConfig();
	if (!config.databaseReadUrl) return database();
	replica ??= openServerDb(config.databaseReadUrl, 10, config.dbTimeouts);
	return Promise.resolve(replica);
}

/** Closes the replica's pool, if one was opened (the process is stopping). */
export async function closeReadDatabase(): Promise<void> {
	await replica?.close();
	replica = undefined;
}

/** For tests and scripts that bring their own database. */
export function useDatabase(db: Db): void {
	ready = Promise.resolve(db);
}
