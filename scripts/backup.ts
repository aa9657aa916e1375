// npm run backup [-- <file>] — write the whole database (every app table and sequence) to one
// gzip file that restores on either backend. Default file: .data/backups/ecomap-<time>.ecomap-backup.gz.
// Embedded backend: stop the app first (one process owns the data folder), or use a server.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../src/lib/server/config';
import { writeBackup } from '../src/lib/server/backup/write-backup';
import { fail, withDatabase } from './cli';
import { embeddedOwnerNote } from './backup-cli';

const { positionals } = parseArgs({ allowPositionals: true, options: {} });
if (positionals.length > 1) fail('用法 / Usage: npm run backup [-- <file>]');
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
const file = positionals[0] ?? join('.data', 'backups', `ecomap-${stamp}.ecomap-backup.gz`);
mkdirSync(dirname(file), { recursive: true });

if (!readConfig().databaseUrl) console.log(embeddedOwnerNote);
const summary = await withDatabase((db) => writeBackup(db, file, (m) => console.log(`[ecomap]   ${m}`))).catch(fail);
console.log(
	`[ecomap] 备份完成 / Backup written: ${file}\n` +
		`[ecomap]   结构版本 schema version ${summary.header.schemaVersion}, ${summary.tables.length} 张表 tables, ${summary.rows} 行 rows`
);
