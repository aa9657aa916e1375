import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTestDb } from '../../../../tests/db';
import { LAYERS } from '../../layers/registry';
import type { Db } from '../db/types';
import { quoteIdent } from '../serving/columns';
import { serveWebHandler } from '../serving/node-http';
import { downloadResponse } from '../downloads/handler';
import { DownloadStore } from '../downloads/store';
import { ogcResponse } from './router';

// GDAL is what QGIS and most GIS tools read our layers with. CI installs gdal-bin; on a
// machine without it these tests are skipped, not faked.
const OGRINFO = ['/usr/bin/ogrinfo', '/usr/local/bin/ogrinfo'].find(existsSync);
const run = promisify(execFile);

let db: Db;
let server: Awaited<ReturnType<typeof serveWebHandler>>;

beforeAll(async () => {
	db = await getTestDb();
	const store = new DownloadStore(null);
	// The route handlers over plain node:http; ogrinfo runs as a child process, asynchronously,
	// so this process keeps answering it.
	server = await serveWebHandler(async (request) => {
		const path = new URL(request.url).pathname;
		const download = /^\/download\/([^/]+)\.fgb$/.exec(path);
		if (download) return downloadResponse(db, download[1], 'fgb', request, store);
		return ogcResponse(db, request, path.replace(/^\/ogc\/?/, ''));
	});
});
afterAll(() => server?.close());

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

describe.skipIf(!OGRINFO)('GDAL (ogrinfo)', () => {
	it('lists every public layer through the OAPIF driver with the right feature counts', async () => {
		const out = await ogrinfo('-so', '-al', `OAPIF:${server.url}/ogc`);
		const listed = Object.fromEntries([...out.matchAll(/Layer name: (\S+)[\s\S]*?Feature Count: (\d+)/g)].map((m) => [m[1], Number(m[2])]));
		expect(listed).toEqual(await counts());
	});

	it('reads every public layer in full, page by page', async () => {
		const expected = await counts();
		for (const layer of LAYERS) {
			const out = await ogrinfo('-al', '-geom=SUMMARY', `OAPIF:${server.url}/ogc`, layer.id);
			const features = out.match(/^OGRFeature\(/gm)?.length ?? 0;
			expect(features, layer.id).toBe(expected[layer.id]);
		}
	});

	it('reads only a bbox of the FlatGeobuf download through /vsicurl/', async () => {
		const bbox = [87.0, 43.8, 88.5, 44.5];
		const [{ n }] = await db.query<{ n: number }>(
			'SELECT count(*)::int AS n FROM water_source_protection WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)',
			bbox
		);
		const out = await ogrinfo('-al', '-q', '-geom=NO', '-spat', ...bbox.map(String), `/vsicurl/${server.url}/download/water-source-protection.fgb`);
		expect(out.match(/^OGRFeature\(/gm)?.length ?? 0).toBe(n);
		expect(n).toBeGreaterThan(0);
	});
});
