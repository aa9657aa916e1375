import { FIELD_LAYERS, type AreaEstimate } from '../../api/field';
import { areaDataLayers, areaTileLayers, layerTiles } from '../../field/area-contents';
import { tileOf, type Bbox } from '../../field/geo';
import { getLayer } from '../../layers/registry';
import type { LayerDef } from '../../layers/types';
import type { Db } from '../db/types';
import { sharedDownloadStore } from '../downloads/store';
import { currentVersionTag } from '../serving/layer-version';
import { BUFFER, EXTENT } from '../tiles/coordinates';
import { renderTile } from '../tiles/render';
import { siteDetail } from './site-detail';

/** Tiles rendered per layer and zoom to measure their mean size: enough for a figure, few enough for PGlite. */
const SAMPLES_PER_ZOOM = 2;
const SITE_SAMPLES = 3;

export interface AreaQuery {
	bbox: Bbox;
	minZoom: number;
	maxZoom: number;
}

const ENVELOPE = 'ST_MakeEnvelope($1, $2, $3, $4, 4326)';

/** Bounding boxes of a layer's features near the area (the tables are in WGS84); `grown` allows for the tiles' buffer. */
async function featureBoxes(db: Db, layer: LayerDef, grown: Bbox): Promise<Bbox[]> {
	const rows = await db.query<{ w: number; s: number; e: number; n: number }>(
		`SELECT ST_XMin(b) AS w, ST_YMin(b) AS s, ST_XMax(b) AS e, ST_YMax(b) AS n
		 FROM (SELECT ST_Envelope(geom) AS b FROM "${layer.table}" WHERE geom && ${ENVELOPE}) x`,
		grown
	);
	return rows.map((r) => [r.w, r.s, r.e, r.n]);
}

/** Fractional web-mercator tile coordinates of a position at zoom z. */
function tileXY([lon, lat]: [number, number], z: number): [number, number] {
	const n = 2 ** z;
	const phi = (Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180;
	return [((lon + 180) / 360) * n, ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n];
}

/** Longitude and latitude of a (fractional) tile corner. */
function tileCorner(x: number, y: number, z: number): [number, number] {
	const n = 2 ** z;
	return [(x / n) * 360 - 180, (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI];
}

/** What the area's tiles at zoom z cover, buffers included: they reach past its box by up to a tile. */
function gridBounds(area: Bbox, z: number): Bbox {
	const margin = BUFFER / EXTENT;
	const [x0, y0] = tileOf([area[0], area[3]], z);
	const [x1, y1] = tileOf([area[2], area[1]], z);
	const [w, n] = tileCorner(x0 - margin, y0 - margin, z);
	const [e, s] = tileCorner(x1 + 1 + margin, y1 + 1 + margin, z);
	return [w, s, e, n];
}

/**
 * The area's tiles at zoom z that some feature box touches, the tile's buffer included (a
 * feature just outside a tile still draws into it); the others come back empty.
 */
function touchedTiles(boxes: Bbox[], area: Bbox, z: number): [number, number][] {
	const margin = BUFFER / EXTENT;
	const [gx0, gy0] = tileOf([area[0], area[3]], z);
	const [gx1, gy1] = tileOf([area[2], area[1]], z);
	const seen = new Map<string, [number, number]>();
	for (const [w, s, e, n] of boxes) {
		const [fx0, fy0] = tileXY([w, n], z);
		const [fx1, fy1] = tileXY([e, s], z);
		const [x0, x1] = [Math.max(gx0, Math.floor(fx0 - margin)), Math.min(gx1, Math.floor(fx1 + margin))];
		const [y0, y1] = [Math.max(gy0, Math.floor(fy0 - margin)), Math.min(gy1, Math.floor(fy1 + margin))];
		for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) seen.set(`${x}/${y}`, [x, y]);
	}
	return [...seen.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** Evenly spaced picks, so a sample is not all from one corner. */
const spread = <T>(items: T[], count: number): T[] =>
	items.length <= count ? items : Array.from({ length: count }, (_, i) => items[Math.floor(((i + 0.5) * items.length) / count)]);

/**
 * What downloading an area would store: tile counts from the tile grid, non-empty tiles
 * from the features' boxes, their size from tiles rendered as a sample (per layer and zoom,
 * since a tile's size depends on both), the data files exactly, site pages from a sample.
 */
export async function estimateArea(db: Db, query: AreaQuery): Promise<AreaEstimate> {
	const estimate: AreaEstimate = { tiles: 0, nonEmptyTiles: 0, tileBytes: 0, sampledTiles: 0, dataBytes: 0, siteBytesEach: 0 };
	for (const id of areaTileLayers()) {
		const layer = getLayer(id)!;
		const grid = layerTiles(id, query.bbox, query.minZoom, query.maxZoom);
		estimate.tiles += grid.length;
		if (grid.length === 0) continue;
		const boxes = await featureBoxes(db, layer, gridBounds(query.bbox, Math.min(...grid.map(([tz]) => tz))));
		for (const z of new Set(grid.map(([tz]) => tz))) {
			const touched = touchedTiles(boxes, query.bbox, z);
			if (touched.length === 0) continue;
			let sampled = 0;
			const sample = spread(touched, SAMPLES_PER_ZOOM);
			for (const [x, y] of sample) sampled += (await renderTile(db, layer, { z, x, y })).bytes.byteLength; // PGlite: one query at a time
			estimate.sampledTiles += sample.length;
			estimate.nonEmptyTiles += touched.length;
			estimate.tileBytes += Math.round((sampled / sample.length) * touched.length);
		}
	}
	for (const id of areaDataLayers()) {
		const layer = getLayer(id)!;
		estimate.dataBytes += (await sharedDownloadStore().file(db, layer, await currentVersionTag(db, layer), 'fgb')).size;
	}
	const sizes: number[] = [];
	for (const id of FIELD_LAYERS) {
		if (sizes.length >= SITE_SAMPLES) break;
		const [row] = await db.query<{ id: number }>(`SELECT id FROM "${getLayer(id)!.table}" WHERE geom && ${ENVELOPE} ORDER BY id LIMIT 1`, query.bbox);
		const detail = row ? await siteDetail(db, id, row.id, 'zh') : undefined;
		if (detail) sizes.push(JSON.stringify(detail).length);
	}
	estimate.siteBytesEach = sizes.length ? Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length) : 0;
	return estimate;
}
