// npm run seed [-- --force] [--layer <id>] — load the shipped illustrative dataset.
// Refuses to touch a layer that already holds data unless --force is given.
import { parseArgs } from 'node:util';
import { getLayer, LAYERS } from '../src/lib/layers/registry';
import { migrate } from '../src/lib/server/db/migrate';
import { seed } from '../src/lib/server/seed';
import { fail, withDatabase } from './cli';

const { values } = parseArgs({
	options: { force: { type: 'boolean', default: false }, layer: { type: 'string', multiple: true } }
});
const layers = (values.layer ?? LAYERS.map((l) => l.id)).map((id) => getLayer(id) ?? fail(`Unknown layer "${id}". Known: ${LAYERS.map((l) => l.id).join(', ')}`));

const results = await withDatabase(async (db) => {
	await migrate(db);
	return seed(db, { force: values.force, layers, onProgress: (m) => console.log(`[ecomap]   ${m}`) });
}).catch(fail);

const refused = results.filter((r) => r.status === 'refused');
for (const r of refused) console.error(`[ecomap] ${r.layer} already holds ${r.count} features: left unchanged (use --force to replace).`);
console.log(`[ecomap] Seeded ${results.length - refused.length} of ${results.length} layers.`);
if (refused.length) process.exit(2);
