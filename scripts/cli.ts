import { LocalizedError } from '../src/lib/geo/localized-error';
import { readConfig } from '../src/lib/server/config';
import { openDb, type Db } from '../src/lib/server/db';

/** Opens the configured database for a command-line script and always closes it. */
export async function withDatabase<T>(fn: (db: Db) => Promise<T>): Promise<T> {
	const config = readConfig();
	console.log(
		config.databaseUrl
			? '[ecomap] Using the PostGIS server from DATABASE_URL.'
			: `[ecomap] Using the embedded database in ${config.embeddedDbDir} (starting takes a few seconds, about 20 s the first time)…`
	);
	// An import or migration may run long single statements: the statement bound is for requests.
	const db = await openDb({ ...config, dbTimeouts: { ...config.dbTimeouts, statementMs: 0 } });
	try {
		return await fn(db);
	} finally {
		await db.close();
	}
}

/** Prints a failure for a person, not a stack trace, and exits non-zero. */
export function fail(error: unknown): never {
	if (error instanceof LocalizedError) console.error(`[ecomap] ${error.text.zh}\n[ecomap] ${error.text.en}`);
	else console.error(`[ecomap] ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
}
