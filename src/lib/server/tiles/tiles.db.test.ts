import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getTestDb, rollbackAfter } from '../../../../tests/db';
import { getLayer, LAYERS, publicAttributes } from '../../layers/registry';
import type { LayerDef } from '../../layers/types';
import type { Db } from '../db/types';
import { quoteIdent, selectPublicAttributes } from '../serving/columns';
import { IMMUTABLE, SHORT_LIVED } from '../serving/cache-control';
import { currentVersionTag } from '../serving/layer-version';
import { TileCache } from './cache';
import { BUFFER, EXTENT, tileBounds, type TileCoord } from './coordinates';
import { isLowZoom, MIN_FEATURE_UNITS, simplifyUnits, tileAttributes } from './detail';
import { TileDiskCache } from './disk-cache';
import { TileService, tileResponse, type TileParams } from './handler';
import { renderWithEncoder, renderWithPostgis } from './render';
import { encoderTileStatement, postgisTileStatement } from './sql';
import { ATTRIBUTION, tileJsonResponse } from './tilejson';
import { answer } from '../../../../tests/answer';

// A trusted host (loopback): links are built from it (see serving/origin.ts).
const ORIGIN = 'http://localhost';

function tileAt(lon: number, lat: number, zoom: number): TileCoord {
	const n = 2 ** zoom;
	const phi = (lat * Math.PI) / 180;
	return {
		z: zoom,
		x: Math.floor(((lon + 180) / 360) * n),
		y: Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n)
	};
}

/** Tiles that hold the layer's first feature: inside it and on its edge, low and high zoom. */
async function sampleTiles(db: Db, layer: LayerDef): Promise<TileCoord[]> {
	const [p] = await db.query<{ ix: number; iy: number; vx: number; vy: number }>(
		`SELECT ST_X(ST_PointOnSurface(geom)) AS ix, ST_Y(ST_PointOnSurface(geom)) AS iy,
		        ST_X(ST_StartPoint(ST_Boundary(ST_GeometryN(geom, 1)))) AS vx, ST_Y(ST_StartPoint(ST_Boundary(ST_GeometryN(geom, 1)))) AS vy
		 FROM ${quoteIdent(layer.table)} ORDER BY id LIMIT 1`
	);
	const low = Math.max(layer.minzoom, 6);
	const tiles = [tileAt(p.ix, p.iy, low), tileAt(p.ix, p.iy, 10), tileAt(p.ix, p.iy, 14)];
	if (p.vx !== null) tiles.push(tileAt(p.vx, p.vy, 12));
	return tiles;
}

const decode = (bytes: Uint8Array, layer: LayerDef) =>
	bytes.byteLength ? new VectorTile(new Pbf(bytes)).layers[layer.id] : undefined;

interface Shape {
	id: number;
	properties: Record<string, unknown>;
	type: number;
	/** The decoded geometry as GeoJSON in tile coordinates (y down), rings grouped by winding. */
	geometry: string;
}

const ringArea = (ring: { x: number; y: number }[]) => {
	let sum = 0;
	for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) sum += ring[b].x * ring[a].y - ring[a].x * ring[b].y;
	return sum / 2;
};

function toGeoJson(feature: VectorTileFeature): string {
	const parts = feature.loadGeometry().map((ring) => ring.map(({ x, y }) => [x, y]));
	if (feature.type === 1) return JSON.stringify({ type: 'MultiPoint', coordinates: parts.flat() });
	if (feature.type === 2) return JSON.stringify({ type: 'MultiLineString', coordinates: parts });
	// MVT: a positive-area ring starts a polygon, negative ones are its holes.
	const polygons: number[][][][] = [];
	for (const ring of feature.loadGeometry()) {
		const coords = [...ring.map(({ x, y }) => [x, y]), [ring[0].x, ring[0].y]];
		if (ringArea(ring) > 0) polygons.push([coords]);
		else polygons[polygons.length - 1].push(coords);
	}
	return JSON.stringify({ type: 'MultiPolygon', coordinates: polygons });
}

function shapes(bytes: Uint8Array, layer: LayerDef): Map<number, Shape> {
	const out = new Map<number, Shape>();
	const decoded = decode(bytes, layer);
	for (let i = 0; i < (decoded?.length ?? 0); i++) {
		const f = decoded!.feature(i);
		out.set(f.id as number, { id: f.id as number, properties: f.properties, type: f.type, geometry: toGeoJson(f) });
	}
	return out;
}

/**
 * How far apart two tile-coordinate geometries are, measured by PostGIS: the area of
 * their symmetric difference (polygons) or their Hausdorff distance (lines, points).
 * `b` is GeoJSON text or SQL producing a geometry.
 */
async function difference(db: Db, a: string, b: string, kind: LayerDef['geometry']) {
	const [row] = await db.query<{ d: number; area: number; perimeter: number }>(
		`WITH g AS (SELECT ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($1), 0)) AS a, ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($2), 0)) AS b)
		 SELECT ${kind === 'polygon' ? 'ST_Area(ST_SymDifference(a, b))' : 'ST_HausdorffDistance(a, b)'} AS d,
		        ST_Area(b) AS area, ST_Perimeter(b) AS perimeter FROM g`,
		[a, b]
	);
	return row;
}

/**
 * What PostGIS says should be in the tile: exact clips, in tile units (y down), no MVT; with
 * `units`, the larger side of the whole feature's projected box in tile units.
 */
async function reference(db: Db, layer: LayerDef, tile: TileCoord) {
	const { xmin, ymin, xmax, ymax } = tileBounds(tile);
	const scale = EXTENT / (xmax - xmin);
	const margin = (BUFFER / EXTENT) * (xmax - xmin);
	const rows = await db.query<{ id: number; area: number; perimeter: number; units: number; geometry: string } & Record<string, unknown>>(
		`WITH clipped AS (
			SELECT id, ${selectPublicAttributes(layer, 'scalar')},
				ST_Affine(ST_Intersection(ST_Transform(geom, 3857), ST_MakeEnvelope($1, $2, $3, $4, 3857)), $5::float8, 0, 0, -$5::float8, -$6::float8 * $5, $7::float8 * $5) AS g,
				(SELECT greatest(ST_XMax(b) - ST_XMin(b), ST_YMax(b) - ST_YMin(b)) * $5::float8 FROM (SELECT ST_Transform(geom, 3857)::box2d AS b) AS projected) AS units
			FROM ${quoteIdent(layer.table)}
			WHERE geom && ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, 3857), 4326)
		)
		SELECT *, ST_Area(g) AS area, greatest(ST_Perimeter(g), ST_Length(g)) AS perimeter, ST_AsGeoJSON(g) AS geometry
		FROM clipped WHERE NOT ST_IsEmpty(g)`,
		[xmin - margin, ymin - margin, xmax + margin, ymax + margin, scale, xmin, ymax]
	);
	return new Map(rows.map((r) => [r.id, r]));
}

/** The attributes a tile at zoom `z` carries (all public ones from DETAIL_ZOOM), nulls left out. */
const expectedProperties = (layer: LayerDef, row: Record<string, unknown>, z: number) =>
	Object.fromEntries(tileAttributes(layer, z).flatMap((a) => (row[a.name] === null ? [] : [[a.name, row[a.name]]])));

/** Below DETAIL_ZOOM a line or polygon less than a pixel across is left out of the tile. */
const bigEnough = (layer: LayerDef, tile: TileCoord, units: number) =>
	layer.geometry === 'point' || !isLowZoom(tile.z) || units >= MIN_FEATURE_UNITS;

const request = (path: string, headers: Record<string, string> = {}) => new Request(`${ORIGIN}${path}`, { headers });
const params = (layer: string, t: TileCoord): TileParams => ({ layer, z: String(t.z), x: String(t.x), y: String(t.y) });
const freshService = () => new TileService(new TileCache(8 << 20));

describe('vector tiles', () => {
	it('carry the stable id and the attributes for their zoom, and match what PostGIS says is in the tile', async () => {
		const db = await getTestDb();
		let featuresSeen = 0;
		for (const layer of LAYERS) {
			for (const tile of await sampleTiles(db, layer)) {
				const { bytes } = db.backend === 'server' ? await renderWithPostgis(db, layer, tile) : await renderWithEncoder(db, layer, tile);
				const decoded = decode(bytes, layer);
				expect(decoded, `${layer.id} ${JSON.stringify(tile)}`).toBeDefined();
				expect(decoded!.extent).toBe(EXTENT);
				expect(decoded!.version).toBe(2);
				const ref = await reference(db, layer, tile);
				const got = shapes(bytes, layer);
				for (const shape of got.values()) {
					const row = ref.get(shape.id);
					const where = `${layer.id} #${shape.id} in ${JSON.stringify(tile)}`;
					expect(row, `${where}: not in the tile`).toBeDefined();
					expect(bigEnough(layer, tile, row!.units + 1e-6), `${where}: smaller than a pixel`).toBe(true);
					expect(shape.properties, where).toEqual(expectedProperties(layer, row!, tile.z));
					// Grid snapping moves each vertex by ≤ 0.5 unit, simplification by ≤ simplifyUnits more.
					const { d } = await difference(db, shape.geometry, row!.geometry, layer.geometry);
					const moved = 0.5 + simplifyUnits(tile.z);
					const allowed = layer.geometry === 'polygon' ? 0.02 * row!.area + moved * row!.perimeter + 4 : 2 * moved;
					expect(d, `${where}: geometry differs`).toBeLessThanOrEqual(allowed);
					featuresSeen++;
				}
				// Whatever is big enough to draw must be there.
				for (const row of ref.values()) {
					const drawable =
						bigEnough(layer, tile, row.units - 1e-6) && (layer.geometry === 'point' || (layer.geometry === 'polygon' ? row.area > 16 : row.perimeter > 8));
					if (drawable) expect(got.has(row.id), `${layer.id} #${row.id} missing from ${JSON.stringify(tile)}`).toBe(true);
				}
			}
		}
		expect(featuresSeen).toBeGreaterThan(LAYERS.length);
	}, 240_000); // dozens of PostGIS comparisons: about 30 s on PGlite

	it('come out the same from ST_AsMVT and from the JavaScript encoder', async ({ skip }) => {
		const db = await getTestDb();
		// PGlite's PostGIS has no ST_AsMVT; the test above checks its encoder against PostGIS.
		if (db.backend !== 'server') skip();
		for (const layer of LAYERS) {
			for (const tile of await sampleTiles(db, layer)) {
				const postgis = shapes((await renderWithPostgis(db, layer, tile)).bytes, layer);
				const encoder = shapes((await renderWithEncoder(db, layer, tile)).bytes, layer);
				const where = `${layer.id} ${JSON.stringify(tile)}`;
				const big = (id: number, shape: Shape) => shape.type !== 3 || (ref.get(id)?.area ?? 0) > 16;
				const ref = await reference(db, layer, tile);
				const ids = (m: Map<number, Shape>) => [...m].filter(([id, s]) => big(id, s)).map(([id]) => id).sort((a, b) => a - b);
				expect(ids(encoder), where).toEqual(ids(postgis));
				for (const [id, a] of postgis) {
					const b = encoder.get(id);
					if (!b) continue;
					expect(b.properties, where).toEqual(a.properties);
					expect(b.type, where).toBe(a.type);
					const { d, area, perimeter } = await difference(db, b.geometry, a.geometry, layer.geometry);
					const allowed = layer.geometry === 'polygon' ? 0.01 * area + simplifyUnits(tile.z) * perimeter + 4 : 1 + simplifyUnits(tile.z);
					expect(d, `${where} #${id}: geometry differs`).toBeLessThanOrEqual(allowed);
				}
			}
		}
	});

	it('are found through the GiST index on every layer (both statements)', async () => {
		const db = await getTestDb();
		// A detail tile, and a low-zoom one whose statement also weighs each feature's size.
		const tiles = [tileAt(87.3, 44.0, 10), tileAt(87.3, 44.0, 6)];
		for (const layer of LAYERS) {
			for (const statement of tiles.flatMap((tile) => [postgisTileStatement(layer, tile), encoderTileStatement(layer, tile)])) {
				const plan = await rollbackAfter(db, async (tx) => {
					// The seed tables are small enough that the planner would rather scan them;
					// this asks whether the predicate *can* use the index, not what is cheapest.
					await tx.exec('SET LOCAL enable_seqscan = off');
					const [row] = await tx.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.values);
					return JSON.stringify(row['QUERY PLAN']);
				});
				expect(plan, layer.id).toContain(`"Index Name":"${layer.table}_geom_gist"`);
				expect(plan, layer.id).toMatch(/"Index Cond":"\(geom && /);
			}
		}
	});

	it('are served with ETags, 304s, versioned immutable URLs, and 204 when empty', async () => {
		const db = await getTestDb();
		const layer = getLayer('coal-fire')!;
		const [tile] = await sampleTiles(db, layer);
		const version = await currentVersionTag(db, layer);
		const service = freshService();
		const path = `/tiles/coal-fire/${tile.z}/${tile.x}/${tile.y}.mvt`;

		const first = await tileResponse(db, params('coal-fire', tile), request(`${path}?v=${version}`), service);
		expect(first.status).toBe(200);
		expect(first.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
		expect(first.headers.get('cache-control')).toBe(IMMUTABLE);
		expect(first.headers.get('x-tile-cache')).toBe('miss');
		const etag = first.headers.get('etag')!;
		expect(etag).toContain(version);
		const body = new Uint8Array(await first.arrayBuffer());
		expect(Number(first.headers.get('content-length'))).toBe(body.byteLength);
		expect(decode(body, layer)!.length).toBeGreaterThan(0);

		const again = await tileResponse(db, params('coal-fire', tile), request(path), service);
		expect(again.headers.get('x-tile-cache')).toBe('hit');
		expect(again.headers.get('cache-control')).toBe(SHORT_LIVED);
		expect(new Uint8Array(await again.arrayBuffer())).toEqual(body);
		const stale = await tileResponse(db, params('coal-fire', tile), request(`${path}?v=1-00000000`), service);
		expect(stale.headers.get('cache-control')).toBe(SHORT_LIVED);

		const revalidated = await tileResponse(db, params('coal-fire', tile), request(path, { 'if-none-match': `W/${etag}, "other"` }), service);
		expect(revalidated.status).toBe(304);
		expect(revalidated.headers.get('etag')).toBe(etag);
		expect(await revalidated.text()).toBe('');

		// Far west of Changji, in the ocean of the grid: no feature.
		const empty = await tileResponse(db, params('coal-fire', { z: 10, x: 0, y: 0 }), request('/tiles/coal-fire/10/0/0.mvt'), service);
		expect(empty.status).toBe(204);
		expect(empty.headers.get('etag')).toBeTruthy();
	});

	it('change the moment the layer’s data changes, and no stale tile is served', async () => {
		const db = await getTestDb();
		const layer = getLayer('coal-fire')!;
		const [{ id }] = await db.query<{ id: number }>('SELECT id FROM coal_fire ORDER BY id LIMIT 1');
		// A tile from DETAIL_ZOOM on: it carries the name.
		const tile = (await sampleTiles(db, layer)).find((t) => !isLowZoom(t.z))!;
		const service = freshService();
		const path = `/tiles/coal-fire/${tile.z}/${tile.x}/${tile.y}.mvt`;
		const before = await tileResponse(db, params('coal-fire', tile), request(path), service);
		const etag = before.headers.get('etag')!;
		const original = shapes(new Uint8Array(await before.arrayBuffer()), layer).get(id)!;

		await rollbackAfter(db, async (tx) => {
			await tx.query("UPDATE coal_fire SET name = '已更名 renamed' WHERE id = $1", [id]);
			const after = await tileResponse(tx, params('coal-fire', tile), request(path, { 'if-none-match': etag }), service);
			expect(after.status).toBe(200);
			expect(after.headers.get('etag')).not.toBe(etag);
			expect(after.headers.get('x-tile-cache')).toBe('miss');
			expect(shapes(new Uint8Array(await after.arrayBuffer()), layer).get(id)!.properties.name).toBe('已更名 renamed');
			// A second change, asked for without If-None-Match: still no stale tile.
			await tx.query("UPDATE coal_fire SET name = '再更名 renamed again' WHERE id = $1", [id]);
			const again = await tileResponse(tx, params('coal-fire', tile), request(path), service);
			expect(again.headers.get('etag')).not.toBe(after.headers.get('etag'));
			expect(shapes(new Uint8Array(await again.arrayBuffer()), layer).get(id)!.properties.name).toBe('再更名 renamed again');
		});

		const restored = await tileResponse(db, params('coal-fire', tile), request(path), service);
		expect(restored.headers.get('etag')).toBe(etag);
		expect(shapes(new Uint8Array(await restored.arrayBuffer()), layer).get(id)!.properties).toEqual(original.properties);
	});

	it('answer bad requests with 404 and 400 and a JSON reason', async () => {
		const db = await getTestDb();
		const cases: [TileParams, number, string][] = [
			[{ layer: 'no-such-layer', z: '6', x: '1', y: '1' }, 404, 'unknown-layer'],
			[{ layer: 'county', z: 'six', x: '1', y: '1' }, 400, 'invalid-tile'],
			[{ layer: 'county', z: '6', x: '1.5', y: '1' }, 400, 'invalid-tile'],
			[{ layer: 'county', z: '6', x: '1', y: '-1' }, 400, 'invalid-tile'],
			[{ layer: 'county', z: '6', x: '64', y: '1' }, 400, 'invalid-tile'],
			[{ layer: 'county', z: '6', x: '1', y: '64' }, 400, 'invalid-tile'],
			[{ layer: 'coal-fire', z: '3', x: '1', y: '1' }, 400, 'invalid-tile'],
			[{ layer: 'county', z: '15', x: '1', y: '1' }, 400, 'invalid-tile']
		];
		for (const [p, status, code] of cases) {
			const response = await answer(tileResponse(db, p, request('/tiles/x'), freshService()));
			expect(response.status, JSON.stringify(p)).toBe(status);
			const body = (await response.json()) as { error: { code: string; message: string } };
			expect(body.error.code).toBe(code);
			expect(body.error.message.length).toBeGreaterThan(5);
		}
	});
});

/** Inserts coal-fire squares near Changji (lon/lat boxes), as the importer would, inside `tx`. */
async function insertBoxes(tx: Db, boxes: { name: string; w: number; h: number }[]): Promise<Map<string, number>> {
	const ids = new Map<string, number>();
	for (const { name, w, h } of boxes) {
		const [{ id }] = await tx.query<{ id: number }>(
			`INSERT INTO coal_fire (name, status, county, illustrative, geom)
			 VALUES ($1, 'untreated', '昌吉市', true, ST_Multi(ST_MakeEnvelope(87.3, 44.0, 87.3 + $2::float8, 44.0 + $3::float8, 4326))) RETURNING id`,
			[name, w, h]
		);
		ids.set(name, id);
	}
	return ids;
}

describe('low-zoom tiles', () => {
	it('carry only what the style reads and leave out features under a pixel, the same from both encoders', async () => {
		const db = await getTestDb();
		const layer = getLayer('coal-fire')!;
		const low = tileAt(87.3, 44.0, 6); // one tile unit ≈ 0.0014° of longitude
		const detail = tileAt(87.3, 44.0, 12);
		await rollbackAfter(db, async (tx) => {
			const ids = await insertBoxes(tx, [
				{ name: 'speck', w: 0.002, h: 0.002 }, // ≈ 1.5 units at z6: left out
				{ name: 'sliver', w: 0.02, h: 0.001 }, // ≈ 15 units long, under one unit wide: kept
				{ name: 'block', w: 0.05, h: 0.05 }
			]);
			const renderers = db.backend === 'server' ? [renderWithPostgis, renderWithEncoder] : [renderWithEncoder];
			const seen: number[][] = [];
			for (const render of renderers) {
				const lowShapes = shapes((await render(tx, layer, low)).bytes, layer);
				expect(lowShapes.has(ids.get('speck')!), render.name).toBe(false);
				expect(lowShapes.has(ids.get('sliver')!), render.name).toBe(true);
				expect(lowShapes.get(ids.get('block')!)!.properties, render.name).toEqual({ status: 'untreated' });
				for (const shape of lowShapes.values()) expect(Object.keys(shape.properties).every((k) => k === 'status'), render.name).toBe(true);
				seen.push([...lowShapes.keys()].sort((a, b) => a - b));

				const detailShapes = shapes((await render(tx, layer, detail)).bytes, layer);
				const speck = detailShapes.get(ids.get('speck')!);
				expect(speck?.properties, render.name).toEqual(expectedProperties(layer, { name: 'speck', status: 'untreated', county: '昌吉市', illustrative: true }, detail.z));
			}
			// ST_AsMVT and the JavaScript encoder keep and drop the same features.
			if (seen.length === 2) expect(seen[1]).toEqual(seen[0]);
		});
	});

	it('are kept on disk per version, served from there by a new process, and dropped when the data change', async () => {
		const db = await getTestDb();
		const layer = getLayer('coal-fire')!;
		const dir = await mkdtemp(join(tmpdir(), 'ecomap-tiles-'));
		try {
			const tile = tileAt(87.3, 44.0, 7);
			const path = `/tiles/coal-fire/${tile.z}/${tile.x}/${tile.y}.mvt`;
			const service = () => new TileService(new TileCache(0), new TileDiskCache(dir));
			const tag = await currentVersionTag(db, layer);
			const first = await tileResponse(db, params('coal-fire', tile), request(path), service());
			expect(first.headers.get('x-tile-cache')).toBe('miss');
			const body = new Uint8Array(await first.arrayBuffer());
			expect(await readdir(join(dir, 'coal-fire', tag))).toEqual([`${tile.z}-${tile.x}-${tile.y}.mvt`]);

			// A restarted process reads it from disk: what is there is what it serves.
			const again = await tileResponse(db, params('coal-fire', tile), request(path), service());
			expect(again.headers.get('x-tile-cache')).toBe('disk');
			expect(new Uint8Array(await again.arrayBuffer())).toEqual(body);
			await writeFile(join(dir, 'coal-fire', tag, `${tile.z}-${tile.x}-${tile.y}.mvt`), 'on disk');
			expect(await (await tileResponse(db, params('coal-fire', tile), request(path), service())).text()).toBe('on disk');

			// Detail tiles stay in memory only.
			const detail = tileAt(87.3, 44.0, 12);
			await (await tileResponse(db, params('coal-fire', detail), request('/tiles/x'), service())).arrayBuffer();
			expect(await readdir(join(dir, 'coal-fire', tag))).toHaveLength(1);

			await rollbackAfter(db, async (tx) => {
				await insertBoxes(tx, [{ name: 'new fire', w: 0.1, h: 0.1 }]);
				const changed = await tileResponse(tx, params('coal-fire', tile), request(path), service());
				expect(changed.headers.get('x-tile-cache')).toBe('miss');
				expect(new Uint8Array(await changed.arrayBuffer())).not.toEqual(body);
				const newTag = await currentVersionTag(tx, layer);
				await expect.poll(() => readdir(join(dir, 'coal-fire'))).toEqual([newTag]);
			});
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});

const tileJsonSchema = z.object({
	tilejson: z.literal('3.0.0'),
	tiles: z.array(z.string().url()).min(1),
	minzoom: z.number().int().min(0).max(30),
	maxzoom: z.number().int().min(0).max(30),
	bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]),
	center: z.tuple([z.number(), z.number(), z.number()]),
	attribution: z.string(),
	vector_layers: z.array(z.object({ id: z.string(), fields: z.record(z.string(), z.string()), minzoom: z.number(), maxzoom: z.number() })).length(1)
});

describe('TileJSON', () => {
	it('describes every layer with a versioned tiles URL, its fields, bounds and the illustrative-data notice', async () => {
		const db = await getTestDb();
		for (const layer of LAYERS) {
			const response = await tileJsonResponse(db, layer.id, request(`/tiles/${layer.id}.json`));
			expect(response.status).toBe(200);
			const doc = tileJsonSchema.parse(await response.json());
			const version = await currentVersionTag(db, layer);
			expect(doc.tiles[0]).toBe(`${ORIGIN}/tiles/${layer.id}/{z}/{x}/{y}.mvt?v=${version}`);
			expect([doc.minzoom, doc.maxzoom]).toEqual([layer.minzoom, layer.maxzoom]);
			expect(doc.vector_layers[0].id).toBe(layer.id);
			expect(Object.keys(doc.vector_layers[0].fields).sort()).toEqual(publicAttributes(layer).map((a) => a.name).sort());
			expect(doc.attribution).toBe(ATTRIBUTION);
			expect(doc.attribution).toContain('示意');
			const [w, s, e, n] = doc.bounds;
			const [extent] = await db.query<{ w: number; s: number; e: number; n: number }>(
				`SELECT ST_XMin(b) AS w, ST_YMin(b) AS s, ST_XMax(b) AS e, ST_YMax(b) AS n FROM (SELECT ST_Extent(geom) AS b FROM ${quoteIdent(layer.table)}) q`
			);
			expect([w, s, e, n]).toEqual([extent.w, extent.s, extent.e, extent.n]);
			expect(doc.center[0]).toBeGreaterThanOrEqual(w);
			expect(doc.center[0]).toBeLessThanOrEqual(e);
			expect(doc.center[2]).toBeGreaterThanOrEqual(doc.minzoom);
		}
	});

	it('revalidates with 304, and its tiles URL serves immutable tiles', async () => {
		const db = await getTestDb();
		const first = await tileJsonResponse(db, 'county', request('/tiles/county.json'));
		expect(first.headers.get('cache-control')).toBe('no-cache');
		const etag = first.headers.get('etag')!;
		const doc = tileJsonSchema.parse(await first.json());
		expect((await tileJsonResponse(db, 'county', request('/tiles/county.json', { 'if-none-match': etag }))).status).toBe(304);

		const tile = tileAt(87.3, 44.0, 8);
		const url = new URL(doc.tiles[0].replace('{z}', String(tile.z)).replace('{x}', String(tile.x)).replace('{y}', String(tile.y)));
		const response = await tileResponse(db, params('county', tile), request(`${url.pathname}${url.search}`), freshService());
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe(IMMUTABLE);
		expect((await answer(tileJsonResponse(db, 'nope', request('/tiles/nope.json')))).status).toBe(404);
	});
});
