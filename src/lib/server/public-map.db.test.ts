import { describe, expect, it } from 'vitest';
import { getTestDb, rollbackAfter } from '../../../tests/db';
import { getLayer, LAYERS } from '../layers/registry';
import { featureDetails } from './feature-details';
import { countFeatures, insertFeatures } from './layer-writer';
import { layerStats } from './layer-stats';
import { prefectureOutline } from './prefecture-outline';
import { searchFeatures } from './search';
import { summary } from './summary';

const layer = (id: string) => getLayer(id)!;

describe('layerStats', () => {
	it('counts every layer’s rows and flags the shipped, illustrative data', async () => {
		const db = await getTestDb();
		const sut = await layerStats(db);
		expect(sut.map((s) => s.id)).toEqual(LAYERS.map((l) => l.id));
		const coal = sut.find((s) => s.id === 'coal-fire')!;
		expect(coal.count).toBe(await countFeatures(db, layer('coal-fire')));
		expect(coal.illustrative).toBe(true);
		expect(coal.version).toBeGreaterThan(0);
		expect(Date.parse(coal.updatedAt!)).not.toBeNaN();
	});

	it('drops the illustrative flag once no row of a layer is illustrative', async () => {
		const db = await getTestDb();
		const sut = await rollbackAfter(db, async (tx) => {
			await tx.query('UPDATE coal_fire SET illustrative = false');
			return layerStats(tx);
		});
		expect(sut.find((s) => s.id === 'coal-fire')?.illustrative).toBe(false);
	});
});

describe('searchFeatures', () => {
	it('finds features, towns and counties by Chinese or English name, names that start with the text first', async () => {
		const db = await getTestDb();
		const chinese = await searchFeatures(db, '红三沟');
		expect(chinese[0]).toMatchObject({ layer: 'coal-fire', name: '红三沟火区' });
		expect(chinese[0].bbox[0]).toBeLessThan(chinese[0].bbox[2]);
		const english = await searchFeatures(db, 'manas');
		expect(english[0]).toMatchObject({ layer: 'county', name: '玛纳斯县' });
		expect(english.some((h) => h.layer === 'town')).toBe(true);
	});

	it('treats LIKE wildcards and quotes as text, and returns nothing for blank input', async () => {
		const db = await getTestDb();
		expect(await searchFeatures(db, '%')).toEqual([]);
		expect(await searchFeatures(db, "_'; DROP TABLE coal_fire; --")).toEqual([]);
		expect(await searchFeatures(db, '   ')).toEqual([]);
		expect(await countFeatures(db, layer('coal-fire'))).toBe(26);
	});

	it('caps the number of hits', async () => {
		const db = await getTestDb();
		expect((await searchFeatures(db, '站', 5)).length).toBe(5);
	});
});

describe('summary', () => {
	it('counts coal-fire zones and mine restoration by status from the rows', async () => {
		const db = await getTestDb();
		const sut = await summary(db);
		expect(sut.coalFire.total).toBe(26);
		expect(Object.keys(sut.coalFire.byStatus)).toEqual(['untreated', 'in_treatment', 'extinguished', 'monitoring']);
		const sum = Object.values(sut.coalFire.byStatus).reduce((a, b) => a + b, 0);
		expect(sum).toBe(26);
		const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM coal_fire WHERE status = 'extinguished'");
		expect(sut.coalFire.byStatus.extinguished).toBe(row.n);
		expect(sut.mineRestoration.total).toBe(await countFeatures(db, layer('mine-restoration')));
		expect(sut.mineRestoration.restoredHectares).toBeGreaterThan(0);
	});
});

describe('featureDetails', () => {
	it('gives public attributes, the geodesic area of a polygon and its extent', async () => {
		const db = await getTestDb();
		const sut = await rollbackAfter(db, async (tx) => {
			// A 0.01° square at 44°N: 1112 m × 800 m ≈ 89 ha on the ellipsoid.
			await insertFeatures(tx, layer('coal-fire'), [
				{
					type: 'Feature',
					properties: { name: '测试火区', county: '昌吉市', status: 'untreated', illustrative: false },
					geometry: { type: 'Polygon', coordinates: [[[87, 44], [87.01, 44], [87.01, 44.01], [87, 44.01], [87, 44]]] }
				}
			]);
			const [{ id }] = await tx.query<{ id: number }>("SELECT id FROM coal_fire WHERE name = '测试火区'");
			return featureDetails(tx, layer('coal-fire'), id);
		});
		expect(sut?.properties).toMatchObject({ name: '测试火区', status: 'untreated', county: '昌吉市', illustrative: false });
		expect(sut?.areaM2).toBeGreaterThan(888_000);
		expect(sut?.areaM2).toBeLessThan(896_000);
		expect(sut?.bbox).toEqual([87, 44, 87.01, 44.01]);
		expect(sut?.lengthM).toBeNull();
	});

	it('reads dates as calendar days and numbers as numbers', async () => {
		const db = await getTestDb();
		const [{ id }] = await db.query<{ id: number }>('SELECT id FROM mine_restoration WHERE start_date IS NOT NULL AND restored_ha IS NOT NULL LIMIT 1');
		const sut = await featureDetails(db, layer('mine-restoration'), id);
		expect(sut?.properties.start_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(typeof sut?.properties.restored_ha).toBe('number');
	});

	it('gives the length of a river and nothing for an id that does not exist', async () => {
		const db = await getTestDb();
		const [{ id }] = await db.query<{ id: number }>('SELECT min(id) AS id FROM river');
		expect((await featureDetails(db, layer('river'), id))?.lengthM).toBeGreaterThan(10_000);
		expect(await featureDetails(db, layer('river'), 999_999)).toBeUndefined();
	});
});

describe('prefectureOutline', () => {
	it('is the union of the counties: one outline around all seven', async () => {
		const db = await getTestDb();
		const sut = await prefectureOutline(db);
		expect(sut?.geometry.type).toMatch(/Polygon$/);
		const [row] = await db.query<{ ratio: number }>(
			`SELECT ST_Area(ST_GeomFromGeoJSON($1)::geography) / ST_Area(ST_Union(geom)::geography) AS ratio FROM county`,
			[JSON.stringify(sut?.geometry)]
		);
		expect(row.ratio).toBeGreaterThan(0.99);
		expect(row.ratio).toBeLessThan(1.01);
	});
});
