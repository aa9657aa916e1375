import pg from 'pg';
import type { DbTimeouts } from '../config';
import type { Db, Row } from './types';
import { withSavepoint } from './savepoint';
import { isDatabaseUnavailable } from './unavailable';

type Queryable = Pick<pg.PoolClient, 'query'>;

// Return int8 and numeric as JS numbers like the embedded backend does; our counts,
// ids and areas are far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

function lastRows<T>(result: pg.QueryResult | pg.QueryResult[]): T[] {
	const last = Array.isArray(result) ? result[result.length - 1] : result;
	return (last?.rows ?? []) as T[];
}

function clientDb(client: Queryable): Db {
	const db: Db = {
		backend: 'server',
		async query<T extends Row>(text: string, values?: readonly unknown[]) {
			const result = await client.query(text, values as unknown[] | undefined);
			return result.rows as T[];
		},
		async exec<T extends Row>(script: string) {
			return lastRows<T>(await client.query(script));
		},
		transaction: (fn) => withSavepoint(db, fn),
		readSnapshot: (fn) => fn(db, false),
		async close() {
			throw new Error('close() is not available inside a transaction');
		}
	};
	return db;
}

/** `fn` in a transaction begun with `begin` on one pooled client: commit when it resolves, roll back when it throws. */
async function onOneClient<T>(pool: pg.Pool, begin: string, fn: (tx: Db) => Promise<T>): Promise<T> {
	const client = await pool.connect();
	let failed: unknown;
	try {
		await client.query(begin);
		const result = await fn(clientDb(client));
		await client.query('COMMIT');
		return result;
	} catch (error) {
		failed = error;
		await client.query('ROLLBACK').catch(() => {});
		throw error;
	} finally {
		// A client whose connection broke must not go back to the pool.
		client.release(failed !== undefined && isDatabaseUnavailable(failed) ? (failed as Error) : undefined);
	}
}

/** Bounds that keep a stopped or frozen server from hanging requests (config.ts documents them). */
export const DEFAULT_DB_TIMEOUTS: DbTimeouts = { connectMs: 3000, statementMs: 15_000, idleMs: 30_000 };

/**
 * A `pg` Pool against a PostgreSQL server with PostGIS. A connection that fails or times out
 * is dropped from the pool (pg-pool discards clients released with an error), so the pool
 * reconnects by itself once the server is back.
 */
export function openServerDb(connectionString: string, max = 10, timeouts: DbTimeouts = DEFAULT_DB_TIMEOUTS): Db {
	const pool = new pg.Pool({
		connectionString,
		max,
		connectionTimeoutMillis: timeouts.connectMs,
		idleTimeoutMillis: timeouts.idleMs,
		// The server cancels a slow statement; the client stops waiting for a server that
		// cannot answer at all (frozen, or the network gone) after the same time.
		statement_timeout: timeouts.statementMs || undefined,
		query_timeout: timeouts.statementMs || undefined,
		keepAlive: true
	});
	// An idle client that loses its connection must not crash the process.
	pool.on('error', (error) => console.error('[db] idle client error:', error.message));
	return {
		backend: 'server',
		async query<T extends Row>(text: string, values?: readonly unknown[]) {
			const result = await pool.query(text, values as unknown[] | undefined);
			return result.rows as T[];
		},
		async exec<T extends Row>(script: string) {
			return lastRows<T>(await pool.query(script));
		},
		transaction: (fn) => onOneClient(pool, 'BEGIN', fn),
		readSnapshot: (fn) => onOneClient(pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', (tx) => fn(tx, true)),
		close: () => pool.end()
	};
}
