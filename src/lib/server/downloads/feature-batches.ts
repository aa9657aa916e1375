import type { LayerDef } from '../../layers/types';
import type { Db } from '../db/types';
import { quoteIdent } from '../serving/columns';

/** What a download needs to know of every feature before reading any geometry. */
export interface FeatureIndex {
	/** Feature ids, ascending. */
	ids: number[];
	/** [minX, minY, maxX, maxY] of each feature, flat, in the order of `ids`. */
	boxes: Float64Array;
	/** Vertices of each feature: what a batch is measured by. */
	vertices: number[];
}

/** Rows per page of the index query: a few hundred kB of small rows. */
const INDEX_PAGE = 20_000;

/** Every feature's id, box and vertex count, read page by page in id order. */
export async function featureIndex(db: Db, layer: LayerDef): Promise<FeatureIndex> {
	const table = quoteIdent(layer.table);
	const ids: number[] = [];
	const boxes: number[] = [];
	const vertices: number[] = [];
	for (let after = Number.MIN_SAFE_INTEGER; ; ) {
		const page = await db.query<{ id: number; x0: number; y0: number; x1: number; y1: number; n: number }>(
			`SELECT id, ST_XMin(b) AS x0, ST_YMin(b) AS y0, ST_XMax(b) AS x1, ST_YMax(b) AS y1, ST_NPoints(geom) AS n
			 FROM ${table}, LATERAL (SELECT ${table}.geom::box2d AS b) AS extent
			 WHERE id > $1::bigint ORDER BY id LIMIT ${INDEX_PAGE}`,
			[after]
		);
		for (const row of page) {
			ids.push(row.id);
			boxes.push(row.x0, row.y0, row.x1, row.y1);
			vertices.push(row.n);
		}
		if (page.length < INDEX_PAGE) break;
		after = page[page.length - 1].id;
	}
	return { ids, boxes: Float64Array.from(boxes), vertices };
}

/**
 * About this many vertices per query while a download is written, whatever the layer's size:
 * on the embedded backend it bounds the database's own memory, which WebAssembly never gives
 * back once grown; on a server 20,000 was also faster and lower in peak memory than 200,000
 * (README.md in this folder has the figures).
 */
export const BATCH_VERTICES = 20_000;

/**
 * The feature positions of `order` (indexes into FeatureIndex), in that order, cut into runs
 * of about `budget` vertices; a feature bigger than the budget is a batch of its own.
 */
export function* vertexBatches(order: ArrayLike<number>, vertices: readonly number[], budget: number): Generator<number[]> {
	let batch: number[] = [];
	let sum = 0;
	for (let i = 0; i < order.length; i++) {
		const n = vertices[order[i]];
		if (batch.length && sum + n > budget) {
			yield batch;
			batch = [];
			sum = 0;
		}
		batch.push(order[i]);
		sum += n;
	}
	if (batch.length) yield batch;
}
