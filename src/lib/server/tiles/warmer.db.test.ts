import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, rollbackAfter } from '../../../../tests/db';
import { getLayer } from '../../layers/registry';
import type { LayerDef } from '../../layers/types';
import type { Db } from '../db/types';
import { currentVersionTag } from '../serving/layer-version';
import { TileCache } from './cache';
import { TileDiskCache } from './disk-cache';
import { TileService, tileResponse } from './handler';
import { warmJobs } from './warm-set';
import { startTileWarmer, TileWarmer, type WarmerOptions } from './warmer';

const coalFire = getLayer('coal-fire')!;
const town = getLayer('town')!; // points, from z4 (coal fires from z6)
const LAYERS = [coalFire, town];

let dir: string;
beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'ecomap-warm-'));
});
afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

const options = (overrides: Partial<WarmerOptions> = {}): WarmerOptions => ({ pollMs: 60_000, quietMs: 0, idle: () => true, log: () => {}, ...overrides });
const diskService = () => new TileService(new TileCache(0), new TileDiskCache(dir));
const warmer = (db: Db, overrides: Partial<WarmerOptions> = {}) => new TileWarmer(() => Promise.resolve(db), diskService(), LAYERS, options(overrides));

/** The file names the warmer must write for a layer: the opening view's tiles. */
const expectedFiles = (layer: LayerDef) =>
	warmJobs([layer])
		.map(({ tile }) => `${tile.z}-${tile.x}-${tile.y}.mvt`)
		.sort();

const filesOf = async (layer: LayerDef, version: string) => (await readdir(join(dir, layer.id, version)).catch(() => [] as string[])).sort();

/** Every warmed file holds what a request to a service without caches answers now. */
async function expectRequestBytes(db: Db, layer: LayerDef, version: string) {
	for (const name of await filesOf(layer, version)) {
		const [z, x, y] = name.replace('.mvt', '').split('-');
		const response = await tileResponse(db, { layer: layer.id, z, x, y }, new Request(`http://localhost/tiles/${layer.id}/${z}/${x}/${y}.mvt`), new TileService(new TileCache(0)));
		expect(response.headers.get('etag'), name).toBe(`"${layer.id}/${version}/${z}/${x}/${y}"`);
		expect(new Uint8Array(await readFile(join(dir, layer.id, version, name))), name).toEqual(new Uint8Array(await response.arrayBuffer()));
	}
}

/** Bumps coal-fire's data version: one more fire in the prefecture. */
const addFire = (tx: Db) =>
	tx.query(
		`INSERT INTO coal_fire (name, status, county, illustrative, geom)
		 VALUES ('warm test', 'untreated', '昌吉市', true, ST_Multi(ST_MakeEnvelope(87.3, 44.0, 87.4, 44.1, 4326)))`
	);

describe('tile warming', () => {
	it('writes exactly the opening view of every layer at its version, the bytes a request gets; skips what is kept; follows a change', async () => {
		const db = await getTestDb();
		const coalTag = await currentVersionTag(db, coalFire);
		const townTag = await currentVersionTag(db, town);

		// The prefecture is 2 tiles at z5, 2×2 at z6, 3×2 at z7 and 5×3 at z8; coal fires start at z6.
		expect(expectedFiles(town).filter((name) => name.startsWith('5-'))).toEqual(['5-23-11.mvt', '5-24-11.mvt']);
		expect([expectedFiles(coalFire).length, expectedFiles(town).length]).toEqual([25, 27]);

		const first = await warmer(db).pass();
		expect(await readdir(dir).then((names) => names.sort())).toEqual([coalFire.id, town.id].sort());
		expect(await filesOf(coalFire, coalTag)).toEqual(expectedFiles(coalFire));
		expect(await filesOf(town, townTag)).toEqual(expectedFiles(town));
		expect(first.map((s) => [s.layer, s.rendered, s.kept, s.stale])).toEqual([
			[coalFire.id, expectedFiles(coalFire).length, 0, false],
			[town.id, expectedFiles(town).length, 0, false]
		]);
		await expectRequestBytes(db, coalFire, coalTag);
		await expectRequestBytes(db, town, townTag);

		// A restarted process finds the tiles of these versions on disk and renders none.
		const sut = warmer(db);
		const restarted = await sut.pass();
		expect(restarted.map((s) => [s.rendered, s.kept])).toEqual([
			[0, expectedFiles(coalFire).length],
			[0, expectedFiles(town).length]
		]);
		expect(await sut.pass()).toEqual([]); // nothing changed since

		await rollbackAfter(db, async (tx) => {
			await addFire(tx);
			const newTag = await currentVersionTag(tx, coalFire);
			const changed = await new TileWarmer(() => Promise.resolve(tx), diskService(), LAYERS, options()).pass();
			expect(changed.map((s) => [s.layer, s.version, s.rendered])).toEqual([
				[coalFire.id, newTag, expectedFiles(coalFire).length],
				[town.id, townTag, 0]
			]);
			expect(await filesOf(coalFire, newTag)).toEqual(expectedFiles(coalFire));
			await expectRequestBytes(tx, coalFire, newTag);
		});
	});

	it('never writes the tiles of newer data under the version it set out to warm', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			const oldTag = await currentVersionTag(tx, coalFire);
			// The layer changes right after the warmer has read the versions, before its first render.
			let changed = false;
			const racing: Db = {
				...tx,
				query: async (text, values) => {
					const rows = await tx.query(text, values);
					if (!changed && text.includes('FROM layer_version') && !text.includes('WHERE')) {
						changed = true;
						await addFire(tx);
					}
					return rows as never;
				}
			};
			const sut = new TileWarmer(() => Promise.resolve(racing), diskService(), [coalFire], options());
			const [report] = await sut.pass();
			const newTag = await currentVersionTag(tx, coalFire);
			expect(changed).toBe(true);
			expect(report).toMatchObject({ version: oldTag, rendered: 0, stale: true });
			expect(await filesOf(coalFire, oldTag)).toEqual([]);
			// The one tile rendered is kept under the version it was read at.
			expect(await filesOf(coalFire, newTag)).toHaveLength(1);
			await expectRequestBytes(tx, coalFire, newTag);

			// The next poll warms the new version whole.
			const [next] = await sut.pass();
			expect(next).toMatchObject({ version: newTag, rendered: expectedFiles(coalFire).length - 1, kept: 1, stale: false });
			expect(await filesOf(coalFire, newTag)).toEqual(expectedFiles(coalFire));
		});
	});

	it('waits for the app to be idle before each tile when told to', async () => {
		const db = await getTestDb();
		const events: string[] = [];
		let busy = 3;
		const sut = new TileWarmer(() => Promise.resolve(db), diskService(), [coalFire], options({ quietMs: 1, idle: () => (events.push(busy > 0 ? 'busy' : 'idle'), busy-- <= 0) }));
		const [report] = await sut.pass();
		expect(events.slice(0, 4)).toEqual(['busy', 'busy', 'busy', 'idle']);
		expect(events.filter((e) => e === 'idle')).toHaveLength(report.rendered);
	});

	it('is not started when TILE_WARM=0 or when there is no cache to fill', async () => {
		const db = await getTestDb();
		const base = { tileDir: dir, tileCacheBytes: 0, databaseUrl: undefined };
		const service = diskService();
		expect(startTileWarmer({ ...base, tileWarm: false }, () => Promise.resolve(db), service, () => true)).toBeNull();
		expect(startTileWarmer({ ...base, tileDir: null, tileWarm: true }, () => Promise.resolve(db), service, () => true)).toBeNull();
		expect(await readdir(dir)).toEqual([]);
		// Otherwise it starts at once (and stops after the tile it is on).
		const started = startTileWarmer({ ...base, tileWarm: true }, () => Promise.resolve(db), service, () => true);
		expect(started).toBeInstanceOf(TileWarmer);
		await started!.stop();
	});
});
