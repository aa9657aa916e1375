import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { StyleSpecification } from 'maplibre-gl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltApp, type BuiltApp } from '../../../../tests/built-app';
import { LAYERS } from '../../layers/registry';

// What browsers on other sites, GIS tools and shared caches see of the public resources,
// through the built app (adapter-node) with ORIGIN unset: CORS, compression, Range,
// links built only from trusted hosts, /style.json and OGC API – Tiles.

let app: BuiltApp;
beforeAll(async () => {
	// README's default install: no ORIGIN, links from the (trusted) Host header.
	app = await startBuiltApp({ ORIGIN: undefined, ADDRESS_HEADER: undefined, XFF_DEPTH: undefined });
});
afterAll(() => app?.stop());

interface RawResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

/** A request as a client sends it, with any Host header and no automatic decompression (unlike fetch). */
function raw(path: string, headers: Record<string, string> = {}, method = 'GET', base = app.url): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
		});
		req.on('error', reject);
		req.end();
	});
}

const header = (r: RawResponse, name: string) => String(r.headers[name] ?? '');
const json = <T = unknown>(r: RawResponse) => JSON.parse(r.body.toString()) as T;

describe('CORS preflight', () => {
	const paths = ['/tiles/coal-fire/8/190/94.mvt', '/tiles/coal-fire.json', '/ogc/collections', '/download/river.fgb', '/style.json'];
	it.each(paths)('OPTIONS %s answers 204 with the CORS headers a range reader needs', async (path) => {
		const r = await raw(path, { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'range, if-none-match' }, 'OPTIONS');
		expect(r.status).toBe(204);
		expect(header(r, 'access-control-allow-origin')).toBe('*');
		expect(header(r, 'access-control-allow-methods')).toMatch(/GET/);
		expect(header(r, 'access-control-allow-methods')).toMatch(/HEAD/);
		expect(header(r, 'access-control-allow-headers').toLowerCase()).toEqual(expect.stringContaining('range'));
		expect(header(r, 'access-control-allow-headers').toLowerCase()).toEqual(expect.stringContaining('if-none-match'));
	});

	it('leaves the app’s own API alone', async () => {
		const r = await raw('/api/check', { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' }, 'OPTIONS');
		expect(header(r, 'access-control-allow-origin')).toBe('');
	});
});

describe('compression', () => {
	const cases: [string, string][] = [
		['/ogc/collections/monitoring-station/items?f=json&limit=200', 'application/geo+json'],
		['/ogc/collections?f=html', 'text/html'],
		['/style.json', 'application/json'],
		['/', 'text/html']
	];
	it.each(cases)('%s comes as br or gzip by Accept-Encoding, with Vary, and the same bytes', async (path, type) => {
		const plain = await raw(path, { 'accept-encoding': 'identity' });
		expect(plain.status).toBe(200);
		expect(header(plain, 'content-type')).toContain(type);
		expect(header(plain, 'content-encoding')).toBe('');
		const br = await raw(path, { 'accept-encoding': 'gzip, deflate, br' });
		const gz = await raw(path, { 'accept-encoding': 'gzip' });
		expect(header(br, 'content-encoding')).toBe('br');
		expect(header(gz, 'content-encoding')).toBe('gzip');
		for (const r of [plain, br, gz]) expect(header(r, 'vary').toLowerCase()).toContain('accept-encoding');
		expect(br.body.byteLength).toBeLessThan(plain.body.byteLength);
		// A page carries a fresh CSP nonce on every request: the rest must be the same bytes.
		const text = (b: Buffer) => b.toString().replace(/"timeStamp":"[^"]+"/, '').replace(/nonce="[^"]+"/g, 'nonce=""');
		expect(text(brotliDecompressSync(br.body))).toBe(text(plain.body));
		expect(text(gunzipSync(gz.body))).toBe(text(plain.body));
	});

	it('gives a compressed tile its own entity tag, and revalidates it with 304', async () => {
		const tilejson = json<{ tiles: string[] }>(await raw('/tiles/county.json'));
		const path = new URL(tilejson.tiles[0].replace('{z}/{x}/{y}', '6/47/23')).pathname + new URL(tilejson.tiles[0]).search;
		const plain = await raw(path);
		const gz = await raw(path, { 'accept-encoding': 'gzip' });
		expect(header(gz, 'content-encoding')).toBe('gzip');
		expect(header(gz, 'etag')).not.toBe(header(plain, 'etag'));
		expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
		const again = await raw(path, { 'accept-encoding': 'gzip', 'if-none-match': header(gz, 'etag') });
		expect(again.status).toBe(304);
		expect(header(again, 'etag')).toBe(header(gz, 'etag'));
	});

	it('keeps Range reads of the downloads working (206 of the identity bytes)', async () => {
		for (const file of ['river.fgb', 'county.geojson']) {
			const whole = await raw(`/download/${file}`);
			const part = await raw(`/download/${file}`, { range: 'bytes=0-99', 'accept-encoding': 'gzip, br' });
			expect(part.status, file).toBe(206);
			expect(header(part, 'content-encoding')).toBe('');
			expect(header(part, 'content-range')).toBe(`bytes 0-99/${whole.body.byteLength}`);
			expect(part.body.equals(whole.body.subarray(0, 100))).toBe(true);
		}
	});
});

describe('links come from trusted hosts only (ORIGIN unset)', () => {
	it('builds every link from the request’s host over plain http', async () => {
		const host = `localhost:${app.port}`;
		const items = json<{ links: { rel: string; href: string }[] }>(await raw('/ogc/collections/monitoring-station/items?limit=100', { host }));
		const tilejson = json<{ tiles: string[] }>(await raw('/tiles/river.json', { host }));
		const hrefs = [...items.links.map((l) => l.href), ...tilejson.tiles];
		expect(items.links.map((l) => l.rel)).toContain('next');
		for (const href of hrefs) expect(href.startsWith(`http://${host}/`), href).toBe(true);
		const html = (await raw('/ogc/collections/monitoring-station/items?f=html', { host })).body.toString();
		expect(html).toContain(`href="http://${host}/ogc/collections/monitoring-station/items?f=html&amp;limit=100&amp;offset=100" rel="next"`);
	});

	it('does not reflect a forged Host into TileJSON, OGC or style links', async () => {
		const forged = { host: 'evil.example' };
		for (const path of ['/tiles/river.json', '/ogc/collections', '/ogc/collections/river/items', '/ogc/collections/river/tiles/WebMercatorQuad']) {
			const r = await raw(path, forged);
			expect(r.status, path).toBe(421);
			expect(r.body.toString()).not.toContain('http://evil.example');
			expect(json<{ error: { code: string } }>(r).error.code).toBe('untrusted-host');
		}
		const style = await raw('/style.json', forged);
		expect(style.status).toBe(200);
		expect(style.body.toString()).not.toContain('evil.example');
	});
	// TRUSTED_HOSTS and PROTOCOL_HEADER: serving/origin.test.ts.
});

describe('/style.json', () => {
	it('is a valid MapLibre style with every public layer from versioned tile sources', async () => {
		const r = await raw('/style.json');
		expect(r.status).toBe(200);
		const style = json<StyleSpecification>(r);
		expect(validateStyleMin(style)).toEqual([]);
		for (const layer of LAYERS) {
			const source = style.sources[layer.id];
			expect(source?.type, layer.id).toBe('vector');
			const tiles = source?.type === 'vector' ? (source.tiles ?? []) : [];
			expect(tiles[0]).toMatch(new RegExp(`^${app.url.replace('127.0.0.1', '127\\.0\\.0\\.1')}/tiles/${layer.id}/\\{z\\}/\\{x\\}/\\{y\\}\\.mvt\\?v=`));
			expect(style.layers.some((l) => 'source' in l && l.source === layer.id), layer.id).toBe(true);
		}
		expect(style.sources['basemap:landscape']).toBeDefined();
	});

	it('answers a revalidation with 304 while no layer has changed', async () => {
		const first = await raw('/style.json');
		expect((await raw('/style.json', { 'if-none-match': header(first, 'etag') })).status).toBe(304);
	});
});

describe('OGC API – Tiles', () => {
	type Links = { links: { rel: string; href: string; type?: string; templated?: boolean }[] };
	const link = (doc: Links, rel: string) => doc.links.find((l) => l.rel === rel)?.href;

	it('declares the tiles conformance classes, not datetime, and links the tiling schemes', async () => {
		const conformance = json<{ conformsTo: string[] }>(await raw('/ogc/conformance'));
		expect(conformance.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core');
		expect(conformance.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt');
		expect(conformance.conformsTo.some((c) => c.endsWith('/conf/datetime'))).toBe(false);
		const landing = json<Links>(await raw('/ogc'));
		const schemes = link(landing, 'http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes');
		const list = json<{ tileMatrixSets: { id: string }[] }>(await raw(new URL(schemes!).pathname));
		expect(list.tileMatrixSets.map((t) => t.id)).toEqual(['WebMercatorQuad']);
	});

	it('leads from a collection to its tileset and to tiles that are the /tiles ones', async () => {
		const collection = json<Links>(await raw('/ogc/collections/county'));
		const tilesets = json<{ tilesets: Links[] }>(await raw(new URL(link(collection, 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector')!).pathname));
		const tileset = json<Links & { dataType: string; tileMatrixSetURI: string; tileMatrixSetLimits: { tileMatrix: string }[] }>(
			await raw(new URL(link(tilesets.tilesets[0], 'self')!).pathname)
		);
		expect(tileset.dataType).toBe('vector');
		expect(tileset.tileMatrixSetURI).toBe('http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad');
		expect(tileset.tileMatrixSetLimits.length).toBeGreaterThan(0);
		const template = tileset.links.find((l) => l.rel === 'item')!;
		expect(template.templated).toBe(true);
		expect(template.href.startsWith(`${app.url}/`)).toBe(true);
		const url = new URL(template.href.replace('{tileMatrix}', '6').replace('{tileRow}', '23').replace('{tileCol}', '47'));
		const ogcTile = await raw(url.pathname + url.search);
		const tilejson = json<{ tiles: string[] }>(await raw('/tiles/county.json'));
		const plain = new URL(tilejson.tiles[0].replace('{z}/{x}/{y}', '6/47/23'));
		const tile = await raw(plain.pathname + plain.search);
		expect(ogcTile.status).toBe(200);
		expect(header(ogcTile, 'content-type')).toBe('application/vnd.mapbox-vector-tile');
		expect(ogcTile.body.byteLength).toBeGreaterThan(0);
		expect(ogcTile.body.equals(tile.body)).toBe(true);
	});

	it('says datetime is not supported for tiles', async () => {
		const r = await raw('/ogc/collections/county/tiles/WebMercatorQuad/6/23/47?datetime=2024-01-01');
		expect(r.status).toBe(400);
		expect(json<{ error: { message: string } }>(r).error.message).toContain('datetime');
	});
});
