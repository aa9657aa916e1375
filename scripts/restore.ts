// npm run restore -- <file> [--force] — restore a backup made by `npm run backup` (from either
// backend) into the configured database, all or nothing. Refuses a database that already holds
// data unless --force, and a backup from a newer schema than this app knows.
// Exit codes: 0 restored, 1 the file is damaged or the restore failed, 2 refused / wrong usage.
import { parseArgs } from 'node:util';
import { LocalizedError } from '../src/lib/geo/localized-error';
import { readConfig } from '../src/lib/server/config';
import { verifyBackup } from '../src/lib/server/backup/read-backup';
import { restoreBackup, RestoreRefused } from '../src/lib/server/backup/restore-backup';
import { withDatabase } from './cli';
import { embeddedOwnerNote } from './backup-cli';

const usage = '用法 / Usage: npm run restore -- <file> [--force]';
let parsed;
try {
	parsed = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
} catch (error) {
	console.error(`[ecomap] ${(error as Error).message}\n${usage}`);
	process.exit(2);
}
if (parsed.positionals.length !== 1) {
	console.error(usage);
	process.exit(2);
}
const [file] = parsed.positionals;

if (!readConfig().databaseUrl) console.log(embeddedOwnerNote);
try {
	// Check the file before opening the database, which takes a while on the embedded backend.
	await verifyBackup(file);
	const result = await withDatabase((db) =>
		restoreBackup(db, file, { force: parsed.values.force, onProgress: (m) => console.log(`[ecomap]   ${m}`) })
	);
	for (const r of result.replaced) console.log(`[ecomap]   替换 replaced ${r.table} (${r.rows} 行 rows)`);
	console.log(
		`[ecomap] 恢复完成 / Restored ${file}: ${result.summary.tables.length} 张表 tables, ${result.summary.rows} 行 rows, ` +
			`备份结构版本 backup schema ${result.summary.header.schemaVersion} (${result.summary.header.backend}) → ${result.schemaVersion}`
	);
} catch (error) {
	if (!(error instanceof LocalizedError)) {
		console.error(`[ecomap] 恢复失败，数据库未改动 / Restore failed, the database is unchanged: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	}
	console.error(`[ecomap] ${error.text.zh}`);
	console.error(`[ecomap] ${error.text.en}`);
	process.exit(error instanceof RestoreRefused ? 2 : 1);
}
