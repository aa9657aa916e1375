import { readdirSync } from 'node:fs';
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
 * `target` stops at that version (a restore first rebuilds the schema its backup was made on).
 */
export async function migrate(db: Db, migrationsDir = MIGRATIONS_DIR, target?: number): Promise<MigrationResult> {
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
		const applied = await postgrator.migrate(target === undefined ? undefined : String(target));
		const to = await postgrator.getDatabaseVersion();
		return { from, to, applied: applied.map((m) => `${m.version} ${m.name}`) };
	});
}

/** The newest schema version the migrations folder can build. */
export function latestMigrationVersion(migrationsDir = MIGRATIONS_DIR): number {
	const versions = readdirSync(migrationsDir).map((name) => /^(\d+)\.do\./.exec(name)?.[1]).filter((v) => v !== undefined);
	return Math.max(0, ...versions.map(Number));
}

/** The schema version a database is at (0 before the first migration). */
export async function schemaVersion(db: Db): Promise<number> {
	const [{ present }] = await db.query<{ present: boolean }>("SELECT to_regclass('schemaversion') IS NOT NULL AS present");
	if (!present) return 0;
	const [row] = await db.query<{ version: number | null }>('SELECT max(version)::int AS version FROM schemaversion');
	return row.version ?? 0;
}
