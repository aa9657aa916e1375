/**
 * The backup file: gzip-compressed JSON lines, the same on both backends, so a backup of
 * the embedded database restores onto a server and the other way round.
 *
 *   {"format":"changji-ecomap-backup","formatVersion":1,"schemaVersion":1,…}   header
 *   {"table":"\"public\".\"coal_fire\"","columns":[{"name":"id","type":"integer"},…]}
 *   ["1","C-01",…,"0106000020E6100000…"]      one row: each column's text form or null
 *   {"end":"\"public\".\"coal_fire\"","rows":26,"sha256":"…"}   count and hash of the row lines
 *   …one section per table, referenced tables first…
 *   {"sequences":[{"name":"\"public\".\"coal_fire_id_seq\"","lastValue":26,"startValue":1}]}
 *   {"complete":true,"tables":12,"rows":1234}                         trailer: nothing was cut off
 */
import type { BackupColumn } from './catalog';

export const BACKUP_FORMAT = 'changji-ecomap-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupHeader {
	format: typeof BACKUP_FORMAT;
	formatVersion: number;
	/** The migration version the database was at: the restore rebuilds this schema first. */
	schemaVersion: number;
	createdAt: string;
	backend: 'embedded' | 'server';
	postgis: string;
}

export interface TableStart {
	table: string;
	columns: BackupColumn[];
}

export interface TableEnd {
	end: string;
	rows: number;
	sha256: string;
}

export interface SequenceState {
	name: string;
	lastValue: number | null;
	startValue: number;
}

export interface Trailer {
	complete: true;
	tables: number;
	rows: number;
}

/** What a verified backup holds, table by table. */
export interface BackupSummary {
	header: BackupHeader;
	tables: { table: string; columns: BackupColumn[]; rows: number }[];
	sequences: SequenceState[];
	rows: number;
}
