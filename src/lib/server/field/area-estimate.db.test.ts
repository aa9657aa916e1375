import { beforeAll, describe, expect, it } from 'vitest';
import { getTestDb } from '../../../../tests/db';
import { areaDataLayers, areaTileLayers, layerTiles } from '../../field/area-contents';
import type { Bbox } from '../../field/geo';
import { getLayer } from '../../layers/registry';
import type { Db } from '../db/types';
import { sharedDownloadStore } from '../downloads/store';
import { currentVersionTag } from '../serving/layer-version';
import { renderTile } from '../tiles/render';
import { estimateArea } from './area-estimate';

// The size shown before an offline download, against what rendering every tile of the
// area gives on the seeded database.

let db: Db;
beforeAll(async () => {
	db = await getTestDb();
});

/** The extent of Fukang's field sites, as the tablet's "by county" download takes it. */
async function fukangBox(): Promise<Bbox> {
	const [row] = await db.query<{ w: number; s: number; e: number; n: number }>(
		`SELECT ST_XMin(b) AS w, ST_YMin(b) AS s, ST_XMax(b) AS e, ST_YMax(b) AS n FROM (SELECT ST_Extent(geom)::geometry AS b FROM (
			SELECT geom FROM mine_restoration WHERE county = '阜康市' UNION ALL SELECT geom FROM coal_fire WHERE county = '阜康市'
			UNION ALL SELECT geom FROM sand_closure_reserve WHERE county = '阜康市' UNION ALL SELECT geom FROM water_source_protection WHERE county = '阜康市') g) x`
	);
	return [row.w, row.s, row.e, row.n];
}

describe('offline area size estimate', () => {
	it('counts the tiles the download asks for, finds every non-empty one, and is within 0.67–1.5× of the bytes every tile really has', async () => {
		const bbox = await fukangBox();
		const query = { bbox, minZoom: 6, maxZoom: 10 };
		const sut = await estimateArea(db, query);

		let tiles = 0;
		let nonEmpty = 0;
		let bytes = 0;
		for (const id of areaTileLayers()) {
			const layer = getLayer(id)!;
			for (const [z, x, y] of layerTiles(id, bbox, query.minZoom, query.maxZoom)) {
				const size = (await renderTile(db, layer, { z, x, y })).bytes.byteLength;
				tiles += 1;
				if (size > 0) nonEmpty += 1;
				bytes += size;
			}
		}
		console.log(`[area estimate] Fukang z6–10: ${tiles} tiles, ${nonEmpty} non-empty (estimated ${sut.nonEmptyTiles}), ${bytes} B rendered vs ${sut.tileBytes} B estimated from ${sut.sampledTiles} samples; ratio ${(sut.tileBytes / bytes).toFixed(2)}; the old 6 KB/tile rule said ${tiles * 6000} B`);
		expect(sut.tiles).toBe(tiles);
		// A box-touching tile may still come out empty, never the other way round.
		expect(sut.nonEmptyTiles).toBeGreaterThanOrEqual(nonEmpty);
		expect(sut.tileBytes / bytes).toBeGreaterThan(0.67);
		expect(sut.tileBytes / bytes).toBeLessThan(1.5);

		let data = 0;
		for (const id of areaDataLayers()) {
			const layer = getLayer(id)!;
			data += (await sharedDownloadStore().file(db, layer, await currentVersionTag(db, layer), 'fgb')).size;
		}
		expect(sut.dataBytes).toBe(data);
		expect(sut.siteBytesEach).toBeGreaterThan(200);
	});

	it('an area with no features costs no tile bytes', async () => {
		const sut = await estimateArea(db, { bbox: [80.0, 30.0, 80.2, 30.2], minZoom: 8, maxZoom: 10 });
		expect(sut.tiles).toBeGreaterThan(0);
		expect(sut).toMatchObject({ nonEmptyTiles: 0, tileBytes: 0, sampledTiles: 0, siteBytesEach: 0 });
	});
});
