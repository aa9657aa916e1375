import { describe, expect, it } from 'vitest';
import { getTestDb, rollbackAfter } from '../../../tests/db';
import { getLayer } from '../layers/registry';
import { deleteAllFeatures } from './layer-writer';
import { loadedLayers, unexpectedlyEmptyLayers } from './layer-loads';

const layer = (id: string) => getLayer(id)!;

describe('unexpectedly empty layers (/healthz)', () => {
	it('lists none on the seeded database, which records every layer as loaded', async () => {
		const db = await getTestDb();
		expect(await unexpectedlyEmptyLayers(db)).toEqual([]);
		expect((await loadedLayers(db)).has('water-source-protection')).toBe(true);
	});

	it('lists a loaded layer that lost its rows', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			await deleteAllFeatures(tx, layer('water-source-protection'));
			expect(await unexpectedlyEmptyLayers(tx)).toEqual(['water-source-protection']);
		});
	});

	it('expects a never-loaded empty layer only on the embedded backend, whose start seeds every layer', async () => {
		const db = await getTestDb();
		await rollbackAfter(db, async (tx) => {
			await deleteAllFeatures(tx, layer('lake'));
			await tx.query("DELETE FROM layer_load WHERE layer = 'lake'");
			expect(await unexpectedlyEmptyLayers(tx)).toEqual(db.backend === 'embedded' ? ['lake'] : []);
		});
	});
});
