import Postgrator from 'postgrator';
import { MIGRATIONS_DIR } from '../paths';
import type { Db } from './types';

export { MIGRATIONS_DIR };

export interface MigrationResult {
	from: number;
	to: number;
	applied: string[];
}

/**
 * Applies data/migrations/NNN.do.*.sql in order (postgrator records them in
 * `schemaversion`). All pending migrations run in one transaction under an advisory lock,
 * so two processes starting at once cannot both apply them and a failure changes nothing.
 */
export async function migrate(db: Db, migrationsDir = MIGRATIONS_DIR): Promise<MigrationResult> {
	return db.transaction(async (tx) => {
		await tx.query('SELECT pg_advisory_xact_lock(482917)');
		const postgrator = new Postgrator({
			migrationPattern: `${migrationsDir}/*.sql`,
			driver: 'pg',
			schemaTable: 'schemaversion',
			execQuery: async (script) => ({ rows: await tx.exec(script) })
		});
		// A failed statement would abort the transaction, so ask before reading the version.
		const [{ present }] = await tx.query<{ present: boolean }>(
			"SELECT to_regclass('schemaversion') IS NOT NULL AS present"
		);
		const from = present ? await postgrator.getDatabaseVersion() : 0;
		const applied = await postgrator.migrate();
		const to = await postgrator.getDatabaseVersion();
		return { from, to, applied: applied.map((m) => `${m.version} ${m.name}`) };
	});
}
