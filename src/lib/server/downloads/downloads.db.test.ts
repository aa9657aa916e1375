import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { geojson as fgb } from 'flatgeobuf';
import type { FeatureCollection } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTestDb, rollbackAfter } from '../../../../tests/db';
import { getLayer, LAYERS, publicAttributes } from '../../layers/registry';
import type { Db } from '../db/types';
import { quoteIdent } from '../serving/columns';
import { IMMUTABLE, SHORT_LIVED } from '../serving/cache-control';
import { currentVersionTag } from '../serving/layer-version';
import { serveWebHandler } from '../serving/node-http';
import type { DownloadFormat } from './generate';
import { downloadResponse } from './handler';
import { DownloadStore } from './store';

let db: Db;
let server: Awaited<ReturnType<typeof serveWebHandler>>;
const store = new DownloadStore(null);

beforeAll(async () => {
	db = await getTestDb();
	// The same handler the route uses, over plain node:http, for real range-reading clients.
	server = await serveWebHandler(async (request) => {
		const match = /^\/download\/([^/]+)\.(fgb|geojson)$/.exec(new URL(request.url).pathname);
		if (!match) return new Response('not found', { status: 404 });
		return downloadResponse(db, match[1], match[2] as DownloadFormat, request, store);
	});
});
afterAll(() => server?.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });

// flatgeobuf's HTTP reader logs every range request it makes on console.debug.
const quietly = async <T>(fn: () => Promise<T>): Promise<T> => {
	const debug = console.debug;
	console.debug = () => {};
	try {
		return await fn();
	} finally {
		console.debug = debug;
	}
};

describe('FlatGeobuf download', () => {
	it('reads just a bbox over HTTP range requests and gets exactly the features PostGIS finds there', async () => {
		for (const layer of LAYERS.filter((l) => ['water-source-protection', 'monitoring-station', 'river', 'county'].includes(l.id))) {
			const [box] = await db.query<{ w: number; s: number; e: number; n: number }>(
				`SELECT ST_XMin(b) AS w, ST_YMin(b) AS s, ST_XMax(b) AS e, ST_YMax(b) AS n FROM (
					SELECT ST_Expand(ST_Envelope(ST_Collect(geom)), -0.35 * (ST_XMax(ST_Collect(geom)) - ST_XMin(ST_Collect(geom)))) AS b
					FROM ${quoteIdent(layer.table)}) q`
			);
			const rect = { minX: box.w, minY: box.s, maxX: box.e, maxY: box.n };
			// FlatGeobuf's index selects features whose bounding box meets the rectangle: that is `&&`.
			const expected = await db.query<{ id: number }>(
				`SELECT id FROM ${quoteIdent(layer.table)} WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326) ORDER BY id`,
				[box.w, box.s, box.e, box.n]
			);
			const ids: number[] = [];
			await quietly(async () => {
				for await (const feature of fgb.deserialize(`${server.url}/download/${layer.id}.fgb`, { rect }))
					ids.push(feature.properties!.id as number);
			});
			expect(ids.sort((a, b) => a - b), layer.id).toEqual(expected.map((r) => r.id));
			expect(ids.length, layer.id).toBeGreaterThan(0);
		}
	});

	it('holds every feature with its id and public attributes only', async () => {
		for (const layer of [getLayer('mine-restoration')!, getLayer('monitoring-station')!]) {
			const bytes = new Uint8Array(await (await get(`/download/${layer.id}.fgb`)).arrayBuffer());
			const features = [];
			for await (const f of fgb.deserialize(bytes)) features.push(f);
			const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(layer.table)}`);
			expect(features.length).toBe(n);
			const names = ['id', ...publicAttributes(layer).map((a) => a.name)].sort();
			for (const f of features) expect(Object.keys(f.properties!).every((k) => names.includes(k)), layer.id).toBe(true);
			expect(new Set(features.map((f) => f.properties!.id)).size).toBe(n);
		}
	});

	it('answers Range with 206, a suffix range, 416 past the end, and the whole file for a stale If-Range', async () => {
		const whole = await get('/download/coal-fire.fgb');
		expect(whole.status).toBe(200);
		expect(whole.headers.get('accept-ranges')).toBe('bytes');
		expect(whole.headers.get('content-type')).toBe('application/flatgeobuf');
		const bytes = new Uint8Array(await whole.arrayBuffer());
		const size = bytes.byteLength;
		expect([...bytes.subarray(0, 3)]).toEqual([0x66, 0x67, 0x62]); // "fgb"
		const etag = whole.headers.get('etag')!;

		const part = await get('/download/coal-fire.fgb', { range: 'bytes=8-107' });
		expect(part.status).toBe(206);
		expect(part.headers.get('content-range')).toBe(`bytes 8-107/${size}`);
		expect(part.headers.get('content-length')).toBe('100');
		expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.subarray(8, 108));

		const tail = await get('/download/coal-fire.fgb', { range: 'bytes=-10' });
		expect(tail.headers.get('content-range')).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
		expect(new Uint8Array(await tail.arrayBuffer())).toEqual(bytes.subarray(size - 10));

		const beyond = await get('/download/coal-fire.fgb', { range: `bytes=${size}-` });
		expect(beyond.status).toBe(416);
		expect(beyond.headers.get('content-range')).toBe(`bytes */${size}`);
		expect(((await beyond.json()) as { error: { code: string } }).error.code).toBe('range-not-satisfiable');

		const staleIfRange = await get('/download/coal-fire.fgb', { range: 'bytes=0-9', 'if-range': '"old"' });
		expect(staleIfRange.status).toBe(200);
		expect((await staleIfRange.arrayBuffer()).byteLength).toBe(size);
		const sameIfRange = await get('/download/coal-fire.fgb', { range: 'bytes=0-9', 'if-range': etag });
		expect(sameIfRange.status).toBe(206);
		await sameIfRange.arrayBuffer();

		const head = await fetch(`${server.url}/download/coal-fire.fgb`, { method: 'HEAD' });
		expect(head.headers.get('content-length')).toBe(String(size));
		expect((await get('/download/coal-fire.fgb', { 'if-none-match': etag })).status).toBe(304);
	});

	it('is immutable under its versioned URL and short-lived otherwise', async () => {
		const tag = await currentVersionTag(db, getLayer('town')!);
		const versioned = await get(`/download/town.fgb?v=${tag}`);
		expect(versioned.headers.get('cache-control')).toBe(IMMUTABLE);
		await versioned.arrayBuffer();
		const plain = await get('/download/town.fgb');
		expect(plain.headers.get('cache-control')).toBe(SHORT_LIVED);
		await plain.arrayBuffer();
	});

	it('is regenerated when the layer’s data changes', async () => {
		const layer = getLayer('coal-fire')!;
		const request = () => new Request('http://ecomap.test/download/coal-fire.fgb');
		const before = await downloadResponse(db, 'coal-fire', 'fgb', request(), store);
		const count = async (response: Response) => {
			let n = 0;
			for await (const _ of fgb.deserialize(new Uint8Array(await response.arrayBuffer()))) n++;
			return n;
		};
		const n = await count(before);
		await rollbackAfter(db, async (tx) => {
			await tx.query(`DELETE FROM ${quoteIdent(layer.table)} WHERE id = (SELECT min(id) FROM ${quoteIdent(layer.table)})`);
			const after = await downloadResponse(tx, 'coal-fire', 'fgb', request(), store);
			expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
			expect(await count(after)).toBe(n - 1);
			// An emptied layer is still a valid, empty file with the layer's columns.
			await tx.query(`DELETE FROM ${quoteIdent(layer.table)}`);
			const empty = new Uint8Array(await (await downloadResponse(tx, 'coal-fire', 'fgb', request(), store)).arrayBuffer());
			const header: string[] = [];
			let features = 0;
			for await (const _ of fgb.deserialize(empty, { headerMetaFn: (meta) => header.push(...(meta.columns ?? []).map((c) => c.name)) })) features++;
			expect(features).toBe(0);
			expect(header).toEqual(['id', ...publicAttributes(layer).map((a) => a.name)]);
		});
		expect(await count(await downloadResponse(db, 'coal-fire', 'fgb', request(), store))).toBe(n);
	});

	it('keeps generated files on disk and reuses them after a restart', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'ecomap-downloads-'));
		try {
			const layer = getLayer('lake')!;
			const tag = await currentVersionTag(db, layer);
			const first = await new DownloadStore(dir).get(db, layer, tag, 'geojson');
			expect(await readdir(dir)).toEqual([`lake.${tag}.geojson`]);
			// A new store (a restarted process) serves what is on disk instead of regenerating.
			await writeFile(join(dir, `lake.${tag}.geojson`), 'from disk');
			expect(new TextDecoder().decode(await new DownloadStore(dir).get(db, layer, tag, 'geojson'))).toBe('from disk');
			expect(first.byteLength).toBeGreaterThan(100);
			// A newer version replaces the old file.
			await new DownloadStore(dir).get(db, layer, `${tag}x`, 'geojson');
			expect(await readdir(dir)).toEqual([`lake.${tag}x.geojson`]);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});

describe('GeoJSON download', () => {
	it('holds every feature of the layer with its id and public attributes', async () => {
		for (const layer of LAYERS) {
			const response = await get(`/download/${layer.id}.geojson`);
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toBe('application/geo+json');
			expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${layer.id}.geojson"`);
			const doc = (await response.json()) as FeatureCollection;
			const rows = await db.query<{ id: number }>(`SELECT id FROM ${quoteIdent(layer.table)} ORDER BY id`);
			expect(doc.type).toBe('FeatureCollection');
			expect(doc.features.map((f) => f.id)).toEqual(rows.map((r) => r.id));
			expect(Object.keys(doc.features[0].properties!).sort()).toEqual(publicAttributes(layer).map((a) => a.name).sort());
		}
	});

	it('answers an unknown layer with 404', async () => {
		const response = await get('/download/nowhere.geojson');
		expect(response.status).toBe(404);
		expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unknown-layer');
	});
});
