import type { Db } from './types';

let savepointCounter = 0;

/** Nested transaction on an open one: a savepoint that is released or rolled back. */
export async function withSavepoint<T>(tx: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
	const name = `sp_${++savepointCounter}`;
	await tx.exec(`SAVEPOINT ${name}`);
	try {
		const result = await fn(tx);
		await tx.exec(`RELEASE SAVEPOINT ${name}`);
		return result;
	} catch (error) {
		await tx.exec(`ROLLBACK TO SAVEPOINT ${name}`);
		throw error;
	}
}
