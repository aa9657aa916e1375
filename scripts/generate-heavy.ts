// npm run generate:heavy [-- --scale 0.1] [--out .heavy] [--load [--database-url <url>]]
// Writes a deterministic, realistic-size illustrative (示意) dataset for benches: about 3,000
// ecological-redline polygons with 6.3 M vertices (200–30,000 each, log-normal, fractal
// outlines, ~790 holes, ~150 MB GeoJSON) and 500 control units with ~1 M vertices, inside
// the prefecture, as <out>/<layer-id>.geojson in the importer's format (`npm run import`
// accepts them). Not committed: .heavy/ is ignored. --scale multiplies the feature counts.
// --load then imports both files into the database (replacing those two layers): the one
// given by --database-url, else DATABASE_URL, else the embedded one.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HEAVY_LAYERS } from './heavy-gen/layers';
import { planLayer, writeLayer } from './heavy-gen/generate';
import { HEAVY_DIR, loadHeavy } from './heavy-gen/load';
import { migrate } from '../src/lib/server/db/migrate';
import { fail, withDatabase } from './cli';

const { values } = parseArgs({
	options: {
		scale: { type: 'string', default: '1' },
		out: { type: 'string', default: HEAVY_DIR },
		load: { type: 'boolean', default: false },
		'database-url': { type: 'string' }
	}
});
const scale = Number(values.scale);
if (!(scale > 0 && scale <= 1)) fail(`--scale must be in (0, 1], not ${values.scale}`);

const t0 = Date.now();
mkdirSync(values.out, { recursive: true });
for (const layer of HEAVY_LAYERS) {
	const count = Math.max(1, Math.round(layer.count * scale));
	const plans = planLayer(layer, count);
	const path = join(values.out, `${layer.layerId}.geojson`);
	const s = await writeLayer(layer, plans, path);
	console.log(
		`[heavy] ${path}: ${s.features} features, ${s.vertices.toLocaleString('en-US')} vertices (${s.minVertices}–${s.maxVertices} each), ` +
			`${s.holes} holes, ${(s.bytes / 1e6).toFixed(1)} MB (${((Date.now() - t0) / 1000).toFixed(1)} s)`
	);
}
if (values.load) {
	if (values['database-url']) process.env.DATABASE_URL = values['database-url'];
	await withDatabase(async (db) => {
		await migrate(db);
		await loadHeavy(db, values.out, (m) => console.log(`[heavy] ${m}`));
	}).catch(fail);
}
