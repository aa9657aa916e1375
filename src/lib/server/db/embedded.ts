import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Db, Row } from './types';
import { withSavepoint } from './savepoint';
import { lockDataDir, type DataDirLock } from './data-dir-lock';

type Queryable = Pick<Transaction, 'query' | 'exec'>;

// Same number handling as the server backend.
const parsers = {
	[types.INT8]: (v: string) => Number(v),
	[types.NUMERIC]: (v: string) => Number(v)
};

function queryableDb(q: Queryable, close: () => Promise<void>): Db {
	const db: Db = {
		backend: 'embedded',
		async query<T extends Row>(text: string, values?: readonly unknown[]) {
			const result = await q.query<T>(text, values as unknown[] | undefined, { parsers });
			return result.rows;
		},
		async exec<T extends Row>(script: string) {
			const results = await q.exec(script, { parsers });
			return (results[results.length - 1]?.rows ?? []) as T[];
		},
		transaction: (fn) => withSavepoint(db, fn),
		readSnapshot: (fn) => fn(db, false),
		close
	};
	return db;
}

export interface EmbeddedOptions {
	/** Data directory; `memory://` for a throw-away database. */
	dataDir: string;
	/** A tarball made by `dumpDataDir()`, to start from a copy. */
	loadDataDir?: Blob | File;
}

/**
 * Embedded PGlite with PostGIS. Starting takes seconds; share one instance per process. A
 * folder is locked for this process until `close()` (see data-dir-lock.ts): opening a folder
 * another process holds throws DatabaseInUse.
 */
export async function openEmbeddedDb(options: EmbeddedOptions): Promise<Db & { pglite: PGlite }> {
	let lock: DataDirLock | undefined;
	if (!options.dataDir.startsWith('memory://')) lock = lockDataDir(options.dataDir);
	let pglite: PGlite;
	try {
		pglite = await PGlite.create(options.dataDir, {
			extensions: { postgis },
			loadDataDir: options.loadDataDir
		});
		await pglite.exec('CREATE EXTENSION IF NOT EXISTS postgis');
	} catch (error) {
		lock?.release();
		throw error;
	}
	const close = async () => {
		try {
			if (!pglite.closed) await pglite.close();
		} finally {
			lock?.release();
		}
	};
	const base = queryableDb(pglite, close);
	return {
		...base,
		pglite,
		// PGlite serialises transactions itself: other queries wait until this one ends.
		transaction: (fn) => pglite.transaction((tx) => fn(queryableDb(tx, base.close)))
	};
}
