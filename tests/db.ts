import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { openEmbeddedDb } from '../src/lib/server/db/embedded';
import { DEFAULT_DB_TIMEOUTS, openServerDb } from '../src/lib/server/db/server';
import type { Db } from '../src/lib/server/db/types';

let shared: Promise<Db> | undefined;

/**
 * The project's seeded test database (embedded or server, per vitest project), one per
 * worker. Tests that write must do so inside `rollbackAfter` so others see the seed as is.
 */
export function getTestDb(): Promise<Db> {
	shared ??= open();
	return shared;
}

async function open(): Promise<Db> {
	const testDb = inject('testDb');
	// Like the command-line scripts, tests run without the request statement bound: the PostGIS
	// truth of a 2,000-vertex footprint may take longer than a request may on a loaded machine.
	if (testDb.backend === 'server') return openServerDb(testDb.url, 4, { ...DEFAULT_DB_TIMEOUTS, statementMs: 0 });
	const tarball = readFileSync(testDb.template);
	return openEmbeddedDb({ dataDir: 'memory://', loadDataDir: new Blob([tarball]) });
}

class Rollback extends Error {}

/** Runs `fn` in a transaction that is always rolled back; returns what `fn` returned. */
export async function rollbackAfter<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
	let result: T | undefined;
	await db
		.transaction(async (tx) => {
			result = await fn(tx);
			throw new Rollback();
		})
		.catch((error) => {
			if (!(error instanceof Rollback)) throw error;
		});
	return result as T;
}
