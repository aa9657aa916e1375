import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { geojson as fgb } from 'flatgeobuf';
import type { FeatureCollection } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDatabase } from '../../../../scripts/temp-database';
import { getTestDb, rollbackAfter } from '../../../../tests/db';
import { getLayer, LAYERS, publicAttributes } from '../../layers/registry';
import { openServerDb } from '../db/server';
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
let dir: string;
let store: DownloadStore;

beforeAll(async () => {
	db = await getTestDb();
	dir = await mkdtemp(join(tmpdir(), 'ecomap-downloads-'));
	store = new DownloadStore(dir);
	// The same handler the route uses, over plain node:http, for real range-reading clients.
	server = await serveWebHandler(async (request) => {
		const match = /^\/download\/([^/]+)\.(fgb|geojson)$/.exec(new URL(request.url).pathname);
		if (!match) return new Response('not found', { status: 404 });
		return downloadResponse(db, match[1], match[2] as DownloadFormat, request, store);
	});
});
afterAll(async () => {
	await server?.close();
	await rm(dir, { recursive: true, force: true });
});

/** `db`, counting the read snapshots a download is written in: one per generation. */
function counting(inner: Db): Db & { generations: number } {
	const counted: Db & { generations: number } = {
		...inner,
		generations: 0,
		readSnapshot: (fn) => {
			counted.generations++;
			return inner.readSnapshot(fn);
		}
	};
	return counted;
}

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

	it('is written to disk once per version, however many first requests arrive together, and served from there', async () => {
		const folder = await mkdtemp(join(tmpdir(), 'ecomap-downloads-'));
		try {
			const layer = getLayer('lake')!;
			const tag = await currentVersionTag(db, layer);
			const sut = new DownloadStore(folder);
			const spy = counting(db);
			const request = () => new Request('http://ecomap.test/download/lake.fgb');
			const responses = await Promise.all(Array.from({ length: 6 }, () => downloadResponse(spy, 'lake', 'fgb', request(), sut)));
			expect(spy.generations).toBe(1);
			expect(await readdir(folder)).toEqual([`lake.${tag}.fgb`]);
			const onDisk = new Uint8Array(await readFile(join(folder, `lake.${tag}.fgb`)));
			for (const response of responses) expect(new Uint8Array(await response.arrayBuffer())).toEqual(onDisk);

			// GeoJSON gets its gzip copy beside it, written in the same generation.
			const texts = await Promise.all(
				Array.from({ length: 4 }, (_, i) =>
					downloadResponse(spy, 'lake', 'geojson', new Request('http://ecomap.test/download/lake.geojson', { headers: i % 2 ? { 'accept-encoding': 'gzip' } : {} }), sut)
				)
			);
			expect(spy.generations).toBe(2);
			expect((await readdir(folder)).sort()).toEqual([`lake.${tag}.fgb`, `lake.${tag}.geojson`, `lake.${tag}.geojson.gz`]);
			const plain = await readFile(join(folder, `lake.${tag}.geojson`));
			expect(gunzipSync(await readFile(join(folder, `lake.${tag}.geojson.gz`)))).toEqual(plain);
			for (const [i, response] of texts.entries()) {
				expect(response.headers.get('content-encoding')).toBe(i % 2 ? 'gzip' : null);
				expect(response.headers.get('vary')).toBe('Accept-Encoding');
				const bytes = Buffer.from(await response.arrayBuffer());
				expect(i % 2 ? gunzipSync(bytes) : bytes).toEqual(plain);
			}

			// A new store (a restarted process) serves what is on disk instead of generating again.
			await writeFile(join(folder, `lake.${tag}.fgb`), 'from disk');
			const again = counting(db);
			const restarted = await downloadResponse(again, 'lake', 'fgb', new Request('http://ecomap.test/download/lake.fgb', { headers: { range: 'bytes=5-8' } }), new DownloadStore(folder));
			expect(again.generations).toBe(0);
			expect(restarted.status).toBe(206);
			expect(await restarted.text()).toBe('disk');
		} finally {
			await rm(folder, { recursive: true, force: true });
		}
	});

	it('is generated anew when the data change, and the old version’s file is removed', async () => {
		const folder = await mkdtemp(join(tmpdir(), 'ecomap-downloads-'));
		try {
			const layer = getLayer('coal-fire')!;
			const sut = new DownloadStore(folder);
			const tag = await currentVersionTag(db, layer);
			const request = () => new Request('http://ecomap.test/download/coal-fire.geojson');
			const before = (await (await downloadResponse(db, 'coal-fire', 'geojson', request(), sut)).json()) as FeatureCollection;
			await (await downloadResponse(db, 'coal-fire', 'fgb', new Request('http://ecomap.test/download/coal-fire.fgb'), sut)).arrayBuffer();
			await rollbackAfter(db, async (tx) => {
				// What an import does to the layer: rows change, the version moves on.
				await tx.query(`DELETE FROM coal_fire WHERE id = (SELECT min(id) FROM coal_fire)`);
				const newTag = await currentVersionTag(tx, layer);
				const after = (await (await downloadResponse(tx, 'coal-fire', 'geojson', request(), sut)).json()) as FeatureCollection;
				expect(after.features.length).toBe(before.features.length - 1);
				expect((await readdir(folder)).sort()).toEqual([`coal-fire.${tag}.fgb`, `coal-fire.${newTag}.geojson`, `coal-fire.${newTag}.geojson.gz`]);
			});
			expect(tag).toBe(await currentVersionTag(db, layer));
		} finally {
			await rm(folder, { recursive: true, force: true });
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

describe('a change committed while a download is written', () => {
	it('server: never gets into the file (one snapshot); embedded: the file is dropped and written again at the new version', async () => {
		// On the server a database of its own: the change is really committed, for other connections to see.
		const temp = db.backend === 'server' ? await createTempDatabase('ecomap_dl_race', 'seeded') : undefined;
		const target = temp ? openServerDb(temp.url, 3) : db;
		const folder = await mkdtemp(join(tmpdir(), 'ecomap-downloads-'));
		const layer = getLayer('coal-fire')!;
		const table = quoteIdent(layer.table);
		const ids = (await target.query<{ id: number }>(`SELECT id FROM ${table} ORDER BY id`)).map((r) => r.id);
		const last = ids[ids.length - 1];
		if (!temp) await target.exec(`CREATE TEMP TABLE race_saved AS SELECT * FROM ${table} WHERE id = ${last}`);
		try {
			const oldTag = await currentVersionTag(target, layer);
			let batches = 0;
			// One feature per batch; after the first, an import-like change commits on another connection.
			const sut = new DownloadStore(folder, {
				batchVertices: 1,
				afterBatch: async () => {
					if (++batches === 1) await target.query(`DELETE FROM ${table} WHERE id = $1`, [last]);
				}
			});
			const request = () => new Request('http://ecomap.test/download/coal-fire.geojson');
			const response = await downloadResponse(target, 'coal-fire', 'geojson', request(), sut);
			const newTag = await currentVersionTag(target, layer);
			expect(newTag).not.toBe(oldTag);
			const served = ((await response.json()) as FeatureCollection).features.map((f) => f.id);
			if (target.backend === 'server') {
				// Wholly the old version, under the old version's tag.
				expect(batches).toBe(ids.length);
				expect(served).toEqual(ids);
				expect(response.headers.get('etag')).toContain(oldTag);
				expect((await readdir(folder)).sort()).toEqual([`coal-fire.${oldTag}.geojson`, `coal-fire.${oldTag}.geojson.gz`]);
			} else {
				// The first file mixed versions and was thrown away; the handler asked again at the new one.
				expect(batches).toBe(ids.length + ids.length - 1);
				expect(served).toEqual(ids.slice(0, -1));
				expect(response.headers.get('etag')).toContain(newTag);
				expect((await readdir(folder)).sort()).toEqual([`coal-fire.${newTag}.geojson`, `coal-fire.${newTag}.geojson.gz`]);
			}
		} finally {
			if (!temp) {
				// Put the row back (generated columns are computed again).
				const [{ columns }] = await target.query<{ columns: string }>(
					`SELECT string_agg(quote_ident(column_name), ',') AS columns FROM information_schema.columns WHERE table_name = $1 AND is_generated = 'NEVER'`,
					[layer.table]
				);
				await target.exec(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM race_saved; DROP TABLE race_saved`);
			}
			if (temp) await target.close();
			await temp?.drop();
			await rm(folder, { recursive: true, force: true });
		}
	}, 300_000); // migrating and seeding the server's own database takes a while on a loaded machine
});
