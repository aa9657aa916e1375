import { quoteIdent } from '../serving/columns';
import type { Db } from '../db/types';

/** A column as the backup reads and writes it: by name, cast from text to `type`. */
export interface BackupColumn {
	name: string;
	/** format_type(): `integer`, `geometry(MultiPolygon,4326)`, `text[]` … */
	type: string;
}

export interface BackupTable {
	oid: number;
	schema: string;
	name: string;
	/** `"schema"."name"`, for SQL. */
	sql: string;
	/** Stored columns in table order; generated columns are left out (PostgreSQL computes them). */
	columns: BackupColumn[];
	primaryKey: string[];
}

export interface BackupSequence {
	/** `"schema"."name"`, passed to setval() as a regclass parameter. */
	sql: string;
	lastValue: number | null;
	startValue: number;
}

/**
 * The app's own tables: every table in a non-system schema that no extension owns (so
 * PostGIS's spatial_ref_sys is left out). Migrations added by anyone are picked up without
 * a list to keep. Names come from the catalog, never from a request or a backup file.
 */
export async function appTables(db: Db): Promise<BackupTable[]> {
	const tables = await db.query<{ oid: number; schema: string; name: string }>(
		`SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name
		 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		 WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
		   AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
		   AND NOT EXISTS (SELECT 1 FROM pg_depend d
		                   WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
		 ORDER BY n.nspname, c.relname`
	);
	const result: BackupTable[] = [];
	for (const t of tables) {
		const columns = await db.query<{ name: string; type: string }>(
			`SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
			 WHERE attrelid = $1 AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
			 ORDER BY attnum`,
			[t.oid]
		);
		const key = await db.query<{ name: string }>(
			`SELECT a.attname AS name FROM pg_index i
			 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey::int2[])
			 WHERE i.indrelid = $1 AND i.indisprimary
			 ORDER BY array_position(i.indkey::int2[], a.attnum)`,
			[t.oid]
		);
		result.push({ ...t, sql: `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`, columns, primaryKey: key.map((k) => k.name) });
	}
	return inLoadOrder(result, await foreignKeys(db));
}

async function foreignKeys(db: Db): Promise<{ from: number; to: number }[]> {
	return db.query<{ from: number; to: number }>(
		`SELECT conrelid::int AS "from", confrelid::int AS "to" FROM pg_constraint WHERE contype = 'f' AND conrelid <> confrelid`
	);
}

/** Referenced tables before the tables that reference them, so rows load without breaking a foreign key. */
function inLoadOrder(tables: BackupTable[], references: { from: number; to: number }[]): BackupTable[] {
	const byOid = new Map(tables.map((t) => [t.oid, t]));
	const ordered: BackupTable[] = [];
	const state = new Map<number, 'visiting' | 'done'>();
	const visit = (table: BackupTable) => {
		if (state.get(table.oid)) return; // done, or a cycle: keep the order we have
		state.set(table.oid, 'visiting');
		for (const r of references) if (r.from === table.oid && byOid.has(r.to)) visit(byOid.get(r.to)!);
		state.set(table.oid, 'done');
		ordered.push(table);
	};
	tables.forEach(visit);
	return ordered;
}

/** Sequences of the app's schemas (identity and serial columns), with where they stand. */
export async function appSequences(db: Db): Promise<BackupSequence[]> {
	const rows = await db.query<{ schema: string; name: string; last_value: number | null; start_value: number }>(
		`SELECT s.schemaname AS schema, s.sequencename AS name, s.last_value, s.start_value
		 FROM pg_sequences s
		 JOIN pg_namespace n ON n.nspname = s.schemaname
		 JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = s.sequencename
		 WHERE s.schemaname <> 'information_schema' AND s.schemaname NOT LIKE 'pg\\_%'
		   AND NOT EXISTS (SELECT 1 FROM pg_depend d
		                   WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
		 ORDER BY 1, 2`
	);
	return rows.map((r) => ({ sql: `${quoteIdent(r.schema)}.${quoteIdent(r.name)}`, lastValue: r.last_value, startValue: r.start_value }));
}

/** One row as a JSON array of each column's text form (geometry: hex EWKB, bytea: \x hex). */
export function rowTextSql(table: BackupTable): string {
	const values = table.columns.map((c) => `${quoteIdent(c.name)}::text`).join(', ');
	const order = table.primaryKey.length ? ` ORDER BY ${table.primaryKey.map(quoteIdent).join(', ')}` : '';
	return `SELECT to_json(ARRAY[${values}]::text[])::text AS line FROM ${table.sql}${order}`;
}
