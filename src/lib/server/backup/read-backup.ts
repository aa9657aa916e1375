import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { L, LocalizedError } from '../../geo/localized-error';
import {
	BACKUP_FORMAT,
	BACKUP_FORMAT_VERSION,
	type BackupHeader,
	type BackupSummary,
	type SequenceState,
	type TableEnd,
	type TableStart,
	type Trailer
} from './format';

/** What reading a backup yields, in file order; rows come in batches of their raw JSON lines. */
export type BackupEvent =
	| { kind: 'header'; header: BackupHeader }
	| { kind: 'table'; start: TableStart }
	| { kind: 'rows'; table: string; lines: string[] }
	| { kind: 'end'; end: TableEnd }
	| { kind: 'sequences'; sequences: SequenceState[] }
	| { kind: 'complete'; trailer: Trailer };

const ROWS_PER_BATCH = 500;

const damaged = (path: string, why: { zh: string; en: string }) =>
	new LocalizedError(L(`备份文件 ${path} 无法使用：${why.zh}`, `The backup file ${path} cannot be used: ${why.en}`));

/**
 * Reads a backup and checks it as it goes: format, order of records, every table's row count
 * and SHA-256, and the trailer that proves nothing was cut off. Throws a LocalizedError
 * on the first problem.
 */
export async function* readBackup(path: string): AsyncGenerator<BackupEvent> {
	await access(path).catch(() => {
		throw new LocalizedError(L(`找不到备份文件 ${path}`, `Backup file not found: ${path}`));
	});
	const file = createReadStream(path);
	const gunzip = createGunzip();
	const lines = createInterface({ input: file.pipe(gunzip), crlfDelay: Infinity });
	// A file that is not gzip or is cut off fails in decompression: report it as damaged.
	let streamError: Error | undefined;
	gunzip.on('error', (error) => {
		streamError = error;
		lines.close();
	});
	let lineNumber = 0;
	let header: BackupHeader | undefined;
	let table: { start: TableStart; hash: ReturnType<typeof createHash>; rows: number; batch: string[] } | undefined;
	let sequencesSeen = false;
	let complete: Trailer | undefined;
	let totalRows = 0;
	let tables = 0;
	const problem = (zh: string, en: string) => damaged(path, L(`第 ${lineNumber} 行：${zh}`, `line ${lineNumber}: ${en}`));

	try {
		for await (const line of lines) {
			lineNumber++;
			if (complete) throw problem('文件结尾之后还有内容', 'there is content after the end of the backup');
			if (!header) {
				header = parseHeader(line, problem);
				yield { kind: 'header', header };
				continue;
			}
			if (table && line.startsWith('[')) {
				let values: unknown;
				try {
					values = JSON.parse(line);
				} catch {
					throw problem('行数据不是有效的 JSON', 'a row is not valid JSON');
				}
				if (!Array.isArray(values) || values.length !== table.start.columns.length || !values.every((v) => v === null || typeof v === 'string'))
					throw problem(`行数据与表 ${table.start.table} 的列不符`, `a row does not match the columns of ${table.start.table}`);
				table.hash.update(`${line}\n`);
				table.rows++;
				table.batch.push(line);
				if (table.batch.length >= ROWS_PER_BATCH) {
					yield { kind: 'rows', table: table.start.table, lines: table.batch };
					table.batch = [];
				}
				continue;
			}
			const record = parseRecord(line, problem);
			if (table) {
				if (typeof record.end !== 'string' || record.end !== table.start.table)
					throw problem(`表 ${table.start.table} 的数据没有正常结束`, `the rows of ${table.start.table} do not end properly`);
				const end = record as unknown as TableEnd;
				if (end.rows !== table.rows || end.sha256 !== table.hash.digest('hex'))
					throw problem(`表 ${table.start.table} 的行数或校验和不符（文件已损坏）`, `row count or checksum of ${table.start.table} does not match (the file is damaged)`);
				if (table.batch.length) yield { kind: 'rows', table: table.start.table, lines: table.batch };
				yield { kind: 'end', end };
				totalRows += table.rows;
				tables++;
				table = undefined;
			} else if (typeof record.table === 'string' && Array.isArray(record.columns) && !sequencesSeen) {
				const start = record as unknown as TableStart;
				table = { start, hash: createHash('sha256'), rows: 0, batch: [] };
				yield { kind: 'table', start };
			} else if (Array.isArray(record.sequences) && !sequencesSeen) {
				sequencesSeen = true;
				yield { kind: 'sequences', sequences: record.sequences as SequenceState[] };
			} else if (record.complete === true && sequencesSeen) {
				complete = record as unknown as Trailer;
				if (complete.tables !== tables || complete.rows !== totalRows)
					throw problem('结尾记录的表数或行数不符', 'the table or row count at the end does not match');
				yield { kind: 'complete', trailer: complete };
			} else {
				throw problem('无法识别的记录', 'unexpected record');
			}
		}
	} catch (error) {
		if (error instanceof LocalizedError) throw error;
		streamError = error instanceof Error ? error : new Error(String(error));
	} finally {
		// Also when the reader stops early (a restore that failed): release the file.
		lines.close();
		gunzip.destroy();
		file.destroy();
	}
	if (streamError)
		throw damaged(
			path,
			L(`文件不完整或已损坏（${streamError.message}）`, `the file is truncated or damaged (${streamError.message})`)
		);
	if (!header) throw damaged(path, L('文件为空', 'the file is empty'));
	if (!complete) throw damaged(path, L('文件不完整（缺少结尾记录，可能被截断）', 'the file is incomplete (no end record: it was probably cut off)'));
}

function parseRecord(line: string, problem: (zh: string, en: string) => LocalizedError): Record<string, unknown> {
	let record: unknown;
	try {
		record = JSON.parse(line);
	} catch {
		throw problem('不是有效的 JSON', 'not valid JSON');
	}
	if (typeof record !== 'object' || record === null || Array.isArray(record)) throw problem('无法识别的记录', 'unexpected record');
	return record as Record<string, unknown>;
}

function parseHeader(line: string, problem: (zh: string, en: string) => LocalizedError): BackupHeader {
	let record: Record<string, unknown>;
	try {
		record = parseRecord(line, problem);
	} catch {
		throw problem('这不是昌吉生态一张图的备份文件', 'this is not a Changji EcoMap backup file');
	}
	if (record.format !== BACKUP_FORMAT) throw problem('这不是昌吉生态一张图的备份文件', 'this is not a Changji EcoMap backup file');
	if (record.formatVersion !== BACKUP_FORMAT_VERSION || typeof record.schemaVersion !== 'number')
		throw problem(
			`备份格式版本 ${String(record.formatVersion)} 不受此版本程序支持`,
			`backup format version ${String(record.formatVersion)} is not supported by this version of the app`
		);
	return record as unknown as BackupHeader;
}

/** Reads the whole backup once and checks it (see readBackup) without touching any database. */
export async function verifyBackup(path: string): Promise<BackupSummary> {
	let header: BackupHeader | undefined;
	const summary: Omit<BackupSummary, 'header'> = { tables: [], sequences: [], rows: 0 };
	for await (const event of readBackup(path)) {
		if (event.kind === 'header') header = event.header;
		else if (event.kind === 'table') summary.tables.push({ table: event.start.table, columns: event.start.columns, rows: 0 });
		else if (event.kind === 'end') {
			summary.tables[summary.tables.length - 1].rows = event.end.rows;
			summary.rows += event.end.rows;
		} else if (event.kind === 'sequences') summary.sequences = event.sequences;
	}
	// readBackup throws unless the file had a header and a trailer.
	return { header: header!, ...summary };
}
