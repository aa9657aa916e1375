import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Db } from '../db/types';
import { schemaVersion } from '../db/migrate';
import { appSequences, appTables, rowTextSql } from './catalog';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupHeader, type BackupSummary, type SequenceState } from './format';

const FETCH_ROWS = 1000;

/**
 * Writes every app table (see appTables) and sequence to `path` from one consistent snapshot.
 * The file appears only when complete: it is written beside as `.partial` and renamed.
 */
export async function writeBackup(db: Db, path: string, onProgress?: (message: string) => void): Promise<BackupSummary> {
	const partial = `${path}.partial`;
	const gzip = createGzip();
	const written = pipeline(gzip, createWriteStream(partial));
	const write = async (record: unknown) => {
		if (!gzip.write(`${typeof record === 'string' ? record : JSON.stringify(record)}\n`)) await once(gzip, 'drain');
	};
	try {
		const summary = await db.transaction(async (tx) => {
			// One snapshot for all tables, as pg_dump takes: rows written meanwhile are not half in.
			await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
			const [{ postgis }] = await tx.query<{ postgis: string }>('SELECT postgis_lib_version() AS postgis');
			const header: BackupHeader = {
				format: BACKUP_FORMAT,
				formatVersion: BACKUP_FORMAT_VERSION,
				schemaVersion: await schemaVersion(tx),
				createdAt: new Date().toISOString(),
				backend: db.backend,
				postgis
			};
			await write(header);
			const result: BackupSummary = { header, tables: [], sequences: [], rows: 0 };
			for (const table of await appTables(tx)) {
				await write({ table: table.sql, columns: table.columns });
				const hash = createHash('sha256');
				let rows = 0;
				await tx.exec(`DECLARE backup_rows NO SCROLL CURSOR FOR ${rowTextSql(table)}`);
				for (;;) {
					const batch = await tx.query<{ line: string }>(`FETCH ${FETCH_ROWS} FROM backup_rows`);
					for (const { line } of batch) {
						hash.update(`${line}\n`);
						await write(line);
					}
					rows += batch.length;
					if (batch.length < FETCH_ROWS) break;
				}
				await tx.exec('CLOSE backup_rows');
				await write({ end: table.sql, rows, sha256: hash.digest('hex') });
				result.tables.push({ table: table.sql, columns: table.columns, rows });
				result.rows += rows;
				onProgress?.(`${table.sql}: ${rows}`);
			}
			result.sequences = (await appSequences(tx)).map((s): SequenceState => ({ name: s.sql, lastValue: s.lastValue, startValue: s.startValue }));
			await write({ sequences: result.sequences });
			await write({ complete: true, tables: result.tables.length, rows: result.rows });
			return result;
		});
		gzip.end();
		await written;
		await rename(partial, path);
		return summary;
	} catch (error) {
		gzip.destroy();
		await written.catch(() => undefined);
		await rm(partial, { force: true });
		throw error;
	}
}
