import { L, LocalizedError } from '../../geo/localized-error';
import type { Db } from '../db/types';
import { latestMigrationVersion, migrate, MIGRATIONS_DIR, schemaVersion } from '../db/migrate';
import { quoteIdent } from '../serving/columns';
import { appTables, type BackupTable } from './catalog';
import type { BackupSummary } from './format';
import { readBackup, verifyBackup } from './read-backup';

/** Tables the migrations themselves fill: rows there do not make a database "hold data". */
const MIGRATION_BOOKKEEPING = new Set(['schemaversion', 'layer_version']);

export interface RestoreOptions {
	/** Replace the rows of a database that already holds data. */
	force?: boolean;
	migrationsDir?: string;
	onProgress?: (message: string) => void;
}

export interface RestoreResult {
	summary: BackupSummary;
	/** Tables that held rows before and were replaced (only with `force`). */
	replaced: { table: string; rows: number }[];
	/** The schema version after the restore: the backup's, then migrated to the newest. */
	schemaVersion: number;
}

/** Refused before anything was written; the exit code of `npm run restore` tells it apart. */
export class RestoreRefused extends LocalizedError {}

/**
 * Restores a backup made by writeBackup, in one transaction: checks the whole file first;
 * builds the backup's schema version with the migrations; refuses a database that holds data
 * unless `force`; loads every table (user triggers off, so no audit or version rows are made
 * by the load); sets the sequences; migrates to the newest version; and moves every layer's
 * data version past anything a cache has seen. Any failure leaves the database as it was.
 */
export async function restoreBackup(db: Db, path: string, options: RestoreOptions = {}): Promise<RestoreResult> {
	const migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
	const summary = await verifyBackup(path);
	const version = summary.header.schemaVersion;
	const newest = latestMigrationVersion(migrationsDir);
	if (version > newest)
		throw new RestoreRefused(
			L(
				`备份来自更新的数据库结构（版本 ${version}），本程序只支持到版本 ${newest}：请先升级程序再恢复。`,
				`The backup was made on a newer schema (version ${version}) than this app knows (${newest}): upgrade the app, then restore.`
			)
		);

	return db.transaction(async (tx) => {
		const current = await schemaVersion(tx);
		if (current > version)
			throw new RestoreRefused(
				L(
					`目标数据库的结构版本（${current}）比备份（${version}）新：请恢复到一个空数据库。`,
					`The target database is on a newer schema (version ${current}) than the backup (${version}): restore into an empty database.`
				)
			);
		await migrate(tx, migrationsDir, version);
		const targets = new Map((await appTables(tx)).map((t) => [t.sql, t]));
		const tables = summary.tables.map((backed) => matchTable(backed, targets.get(backed.table)));

		const replaced: RestoreResult['replaced'] = [];
		for (const table of targets.values()) {
			if (MIGRATION_BOOKKEEPING.has(table.name)) continue;
			const [{ n }] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table.sql}`);
			if (n > 0) replaced.push({ table: table.sql, rows: n });
		}
		if (replaced.length && !options.force)
			throw new RestoreRefused(
				L(
					`目标数据库已有数据（${replaced.map((r) => `${r.table} ${r.rows} 行`).join('，')}），未做任何改动。确认要替换请加 --force。`,
					`The target database already holds data (${replaced.map((r) => `${r.table}: ${r.rows} rows`).join(', ')}); nothing was changed. Add --force to replace it.`
				)
			);
		const [{ seen }] = await tx.query<{ seen: number }>('SELECT coalesce(max(version), 0) AS seen FROM layer_version');

		for (const t of tables) await tx.exec(`ALTER TABLE ${t.sql} DISABLE TRIGGER USER`);
		if (tables.length) await tx.exec(`TRUNCATE ${tables.map((t) => t.sql).join(', ')}`);
		for await (const event of readBackup(path)) {
			if (event.kind === 'rows') await tx.query(insertSql(targets.get(event.table)!), [`[${event.lines.join(',')}]`]);
			else if (event.kind === 'end') options.onProgress?.(`${event.end.end}: ${event.end.rows}`);
			else if (event.kind === 'sequences')
				for (const s of event.sequences) {
					const [{ present }] = await tx.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [s.name]);
					if (present) await tx.query('SELECT setval($1::regclass, $2, $3)', [s.name, s.lastValue ?? s.startValue, s.lastValue !== null]);
				}
		}
		for (const t of tables) await tx.exec(`ALTER TABLE ${t.sql} ENABLE TRIGGER USER`);

		const upgraded = await migrate(tx, migrationsDir);
		// Tile caches, downloads and check reports key on layer versions: every layer gets a
		// version newer than both the backup's and anything this database handed out before.
		await tx.query(
			`UPDATE layer_version SET updated_at = now(),
				version = greatest(version + 1, $1::bigint + 1, (extract(epoch FROM clock_timestamp()) * 1000)::bigint)`,
			[seen]
		);
		return { summary, replaced, schemaVersion: upgraded.to };
	});
}

/** The target table for a backed-up one, which must have the same columns of the same types. */
function matchTable(backed: BackupSummary['tables'][number], target: BackupTable | undefined): BackupTable {
	if (!target)
		throw new RestoreRefused(
			L(`备份中的表 ${backed.table} 在目标数据库中不存在。`, `The backup's table ${backed.table} does not exist in the target database.`)
		);
	const describe = (columns: { name: string; type: string }[]) => columns.map((c) => `${c.name} ${c.type}`).join(', ');
	if (describe(backed.columns) !== describe(target.columns))
		throw new RestoreRefused(
			L(
				`表 ${backed.table} 的列与备份不符：备份 (${describe(backed.columns)})，数据库 (${describe(target.columns)})。`,
				`The columns of ${backed.table} differ from the backup: backup (${describe(backed.columns)}), database (${describe(target.columns)}).`
			)
		);
	return target;
}

/** Rows arrive as one JSON array of row arrays; each value is cast from its text form. */
function insertSql(table: BackupTable): string {
	const columns = table.columns.map((c) => quoteIdent(c.name)).join(', ');
	const values = table.columns.map((c, i) => `(r->>${i})::${c.type}`).join(', ');
	return `INSERT INTO ${table.sql} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${values} FROM json_array_elements($1::json) AS r`;
}
