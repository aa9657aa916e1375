/** A row as the driver returns it. */
export type Row = Record<string, unknown>;

export type Backend = 'embedded' | 'server';

/**
 * The one database interface the app uses. Two implementations: a `pg` Pool for a
 * PostgreSQL/PostGIS server and embedded PGlite + PostGIS. SQL takes `$n` parameters only.
 */
export interface Db {
	readonly backend: Backend;
	/** One statement with `$1…$n` parameters. */
	query<T extends Row = Row>(text: string, values?: readonly unknown[]): Promise<T[]>;
	/** A parameterless script of one or more statements; returns the rows of the last one. */
	exec<T extends Row = Row>(script: string): Promise<T[]>;
	/**
	 * Runs `fn` in a transaction: commit when it resolves, roll back when it throws.
	 * Called on a transaction's Db it nests with a savepoint.
	 */
	transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
	/**
	 * Runs `fn` for a long read that must see the data as of one moment (a download's
	 * version and every batch). `consistent` says whether it does:
	 * - server pool: true — one client in `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`
	 *   (valid on a hot standby too), committed when `fn` ends;
	 * - inside a transaction (server or embedded): false — `fn` runs on that transaction as
	 *   it is, whose isolation is the caller's;
	 * - embedded: false — PGlite has one connection, and a transaction held open for a whole
	 *   download would stop every other request until it ends; the caller checks for itself.
	 */
	readSnapshot<T>(fn: (db: Db, consistent: boolean) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}
