import type { LayerDef } from '../../layers/types';
import type { Db } from '../db/types';
import { quoteIdent } from './columns';

/** [west, south, east, north] in WGS84. */
export type Bbox = [number, number, number, number];

/** Used while a layer is empty: the prefecture, roughly (see changji-facts.md). */
export const PREFECTURE_BBOX: Bbox = [85.7, 43.2, 91.4, 46.1];

const extents = new Map<string, { version: number; bbox: Bbox }>();

/** The layer's bounding box, computed once per data version. */
export async function layerExtent(db: Db, layer: LayerDef, version: number): Promise<Bbox> {
	const known = extents.get(layer.id);
	if (known?.version === version) return known.bbox;
	const [row] = await db.query<{ w: number | null; s: number; e: number; n: number }>(
		`SELECT ST_XMin(b) AS w, ST_YMin(b) AS s, ST_XMax(b) AS e, ST_YMax(b) AS n
		 FROM (SELECT ST_Extent(geom) AS b FROM ${quoteIdent(layer.table)}) AS extent`
	);
	const bbox: Bbox = row.w === null ? PREFECTURE_BBOX : [row.w, row.s, row.e, row.n];
	extents.set(layer.id, { version, bbox });
	return bbox;
}
