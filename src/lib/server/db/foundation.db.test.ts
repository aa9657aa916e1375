import { describe, expect, it } from 'vitest';
import { getTestDb, rollbackAfter } from '../../../../tests/db';
import { LAYERS, getLayer } from '../../layers/registry';
import { migrate } from './migrate';
import { openEmbeddedDb } from './embedded';
import { countFeatures, deleteAllFeatures, insertFeatures, layerVersions } from '../layer-writer';
import { seed } from '../seed';

const layer = (id: string) => getLayer(id)!;

describe('schema and seed', () => {
	it('migrates an empty database from scratch, once', async () => {
		const db = await getTestDb();
		if (db.backend === 'embedded') {
			// A brand-new embedded database goes from version 0 to the latest.
			const fresh = await openEmbeddedDb({ dataDir: 'memory://' });
			try {
				const first = await migrate(fresh);
				expect(first.from).toBe(0);
				expect(first.applied.length).toBeGreaterThan(0);
				expect((await migrate(fresh)).applied).toEqual([]);
			} finally {
				await fresh.close();
			}
		} else {
			// The server test database was migrated from empty by the global setup.
			const result = await migrate(db);
			expect(result.applied).toEqual([]);
			expect(result.to).toBeGreaterThan(0);
		}
	});

	it('holds exactly 7 reserves, 26 coal fires and 39 water sources', async () => {
		const db = await getTestDb();
		expect(await countFeatures(db, layer('sand-closure-reserve'))).toBe(7);
		expect(await countFeatures(db, layer('coal-fire'))).toBe(26);
		const [sources] = await db.query<{ n: number }>(
			'SELECT count(DISTINCT source_id)::int AS n FROM water_source_protection'
		);
		expect(sources.n).toBe(39);
		const [stations] = await db.query<{ automatic: number; micro: number }>(
			`SELECT count(*) FILTER (WHERE kind = 'automatic')::int AS automatic,
			        count(*) FILTER (WHERE kind = 'micro')::int AS micro FROM monitoring_station`
		);
		expect(stations).toEqual({ automatic: 70, micro: 385 });
	});

	it('has every layer seeded, valid, typed, GiST-indexed and marked illustrative', async () => {
		const db = await getTestDb();
		for (const def of LAYERS) {
			const [row] = await db.query<{ n: number; invalid: number; real: number; srid: number }>(
				`SELECT count(*)::int AS n,
				        count(*) FILTER (WHERE NOT ST_IsValid(geom))::int AS invalid,
				        count(*) FILTER (WHERE NOT illustrative)::int AS real,
				        max(ST_SRID(geom))::int AS srid
				 FROM "${def.table}"`
			);
			expect(row.n, def.id).toBeGreaterThan(0);
			expect(row.invalid, def.id).toBe(0);
			expect(row.real, def.id).toBe(0);
			expect(row.srid, def.id).toBe(4326);
			const [column] = await db.query<{ type: string }>(
				`SELECT type FROM geometry_columns WHERE f_table_name = $1 AND f_geometry_column = 'geom'`,
				[def.table]
			);
			expect(column.type, def.id).toBe(def.geometryType.toUpperCase());
			const indexes = await db.query<{ indexdef: string }>('SELECT indexdef FROM pg_indexes WHERE tablename = $1', [def.table]);
			expect(indexes.some((i) => /USING gist \(geom\)/i.test(i.indexdef)), def.id).toBe(true);
		}
	});

	it('rejects an invalid geometry and changes nothing', async () => {
		const db = await getTestDb();
		const def = layer('coal-fire');
		const before = await countFeatures(db, def);
		const bowtie = {
			type: 'Feature' as const,
			properties: { name: '测试', status: 'untreated' },
			geometry: { type: 'Polygon' as const, coordinates: [[[88, 44], [88.1, 44.1], [88.1, 44], [88, 44.1], [88, 44]]] }
		};
		await expect(db.transaction((tx) => insertFeatures(tx, def, [bowtie]))).rejects.toThrow();
		expect(await countFeatures(db, def)).toBe(before);
	});

	it('changes a layer’s data version whenever its rows change, and only that layer’s', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			const before = await layerVersions(tx);
			await deleteAllFeatures(tx, layer('coal-fire'));
			const after = await layerVersions(tx);
			expect(after.get('coal-fire')!.version).toBeGreaterThan(before.get('coal-fire')!.version);
			expect(after.get('county')!.version).toBe(before.get('county')!.version);
		});
		expect(await countFeatures(db, layer('coal-fire'))).toBe(26);
	});

	it('refuses to seed a layer that holds data unless forced', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			const reserves = [layer('sand-closure-reserve')];
			expect(await seed(tx, { layers: reserves })).toEqual([{ layer: 'sand-closure-reserve', status: 'refused', count: 7 }]);
			expect(await seed(tx, { layers: reserves, force: true })).toEqual([{ layer: 'sand-closure-reserve', status: 'loaded', count: 7 }]);
			expect(await countFeatures(tx, reserves[0])).toBe(7);
		});
	});
});
