import type { Config } from '../config';
import type { Db } from './types';
import { openServerDb } from './server';
import { openEmbeddedDb } from './embedded';

export type { Db, Row, Backend } from './types';

/** Opens the backend the configuration names: a server when DATABASE_URL is set, else embedded. */
export async function openDb(config: Pick<Config, 'databaseUrl' | 'embeddedDbDir'> & Partial<Pick<Config, 'dbTimeouts'>>): Promise<Db> {
	if (config.databaseUrl) return openServerDb(config.databaseUrl, 10, config.dbTimeouts);
	return openEmbeddedDb({ dataDir: config.embeddedDbDir });
}
