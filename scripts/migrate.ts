// npm run migrate — apply pending migrations from data/migrations on the configured backend.
import { migrate } from '../src/lib/server/db/migrate';
import { fail, withDatabase } from './cli';

await withDatabase(async (db) => {
	const result = await migrate(db);
	if (result.applied.length === 0) console.log(`[ecomap] Schema is up to date (version ${result.to}).`);
	else console.log(`[ecomap] Migrated ${result.from} → ${result.to}: ${result.applied.join(', ')}`);
}).catch(fail);
