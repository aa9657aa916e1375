import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltApp, type BuiltApp } from '../../../../tests/built-app';
import { getTestDb } from '../../../../tests/db';
import { LAYERS } from '../../layers/registry';
import type { Db } from '../db/types';
import { quoteIdent } from '../serving/columns';

// GDAL is what QGIS and most GIS tools read our layers with. CI installs gdal-bin; on a
// machine without it these tests are skipped, not faked. They talk to the built app
// (adapter-node) with ORIGIN unset, as README's default install runs: adapter-node then
// believes every request came over https, which once sent GDAL to https:// after page one.
const OGRINFO = ['/usr/bin/ogrinfo', '/usr/local/bin/ogrinfo'].find(existsSync);
const run = promisify(execFile);

let db: Db;
let app: BuiltApp;

beforeAll(async () => {
	db = await getTestDb();
	// README's default install: no ORIGIN, links from the (trusted) Host header.
	app = await startBuiltApp({ ORIGIN: undefined, ADDRESS_HEADER: undefined, XFF_DEPTH: undefined });
});
afterAll(() => app?.stop());

async function ogrinfo(...args: string[]): Promise<string> {
	const { stdout } = await run(OGRINFO!, ['-ro', ...args], {
		maxBuffer: 256 << 20,
		env: { ...process.env, GDAL_HTTP_TIMEOUT: '60', CPL_VSIL_CURL_CACHE_SIZE: '0' }
	});
	return stdout;
}

const counts = async () =>
	Object.fromEntries(
		await Promise.all(
			LAYERS.map(async (l) => [l.id, (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(l.table)}`))[0].n] as const)
		)
	);

describe.skipIf(!OGRINFO)('GDAL (ogrinfo) against the built app, ORIGIN unset', () => {
	it('lists every public layer through the OAPIF driver with the right feature counts', async () => {
		const out = await ogrinfo('-so', '-al', `OAPIF:${app.url}/ogc`);
		const listed = Object.fromEntries([...out.matchAll(/Layer name: (\S+)[\s\S]*?Feature Count: (\d+)/g)].map((m) => [m[1], Number(m[2])]));
		expect(listed).toEqual(await counts());
	});

	it('reads all monitoring stations, more than a page, following next links over plain http', async () => {
		const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM monitoring_station');
		const pageSize = 100;
		expect(n).toBeGreaterThan(pageSize);
		const out = await ogrinfo('-al', '-geom=SUMMARY', '-oo', `PAGE_SIZE=${pageSize}`, `OAPIF:${app.url}/ogc`, 'monitoring-station');
		expect(out.match(/^OGRFeature\(/gm)?.length ?? 0).toBe(n);
	});

	it('reads every public layer in full, page by page', async () => {
		const expected = await counts();
		for (const layer of LAYERS) {
			const out = await ogrinfo('-al', '-geom=SUMMARY', '-oo', 'PAGE_SIZE=50', `OAPIF:${app.url}/ogc`, layer.id);
			const features = out.match(/^OGRFeature\(/gm)?.length ?? 0;
			expect(features, layer.id).toBe(expected[layer.id]);
		}
	});

	it('opens every layer’s FlatGeobuf download with the installed ogrinfo, in full and by bbox', async () => {
		const expected = await counts();
		for (const layer of LAYERS) {
			const out = await ogrinfo('-al', '-q', '-geom=SUMMARY', `/vsicurl/${app.url}/download/${layer.id}.fgb`);
			expect(out.match(/^OGRFeature\(/gm)?.length ?? 0, layer.id).toBe(expected[layer.id]);
		}
		const bbox = [87.0, 43.8, 88.5, 44.5];
		const [{ n }] = await db.query<{ n: number }>(
			'SELECT count(*)::int AS n FROM water_source_protection WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)',
			bbox
		);
		const out = await ogrinfo('-al', '-q', '-geom=NO', '-spat', ...bbox.map(String), `/vsicurl/${app.url}/download/water-source-protection.fgb`);
		expect(out.match(/^OGRFeature\(/gm)?.length ?? 0).toBe(n);
		expect(n).toBeGreaterThan(0);
	});

	it('opens every layer’s GeoJSON download, by /vsicurl/ (ranges of the identity file) and by plain URL (gzip if GDAL asks)', async () => {
		const expected = await counts();
		for (const layer of LAYERS)
			for (const url of [`/vsicurl/${app.url}/download/${layer.id}.geojson`, `${app.url}/download/${layer.id}.geojson`]) {
				const out = await ogrinfo('-al', '-q', '-geom=SUMMARY', url);
				expect(out.match(/^OGRFeature\(/gm)?.length ?? 0, url).toBe(expected[layer.id]);
			}
	});
});
