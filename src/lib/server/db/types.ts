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
	close(): Promise<void>;
}
