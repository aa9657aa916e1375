import type { LayerDef } from '../../layers/types';
import { DEFAULT_VISIBLE, PREFECTURE_BOUNDS } from '../../map/draw-order';
import { tilesCovering, type TileCoord } from './coordinates';

/**
 * The zooms the opening map asks for, most asked first. The public map opens fitted to the
 * prefecture (5.8° of longitude): with 512-pixel vector tiles that is zoom 5.4 on a 360-pixel
 * phone, 7.3 on a 1280-pixel screen and 8.3 on a 2560-pixel one, so it fetches z5–z8 tiles;
 * style.json opens at zoom 6.5 (z6 tiles). Four zooms over the prefecture are 27 tiles a layer.
 */
export const WARM_ZOOMS: readonly number[] = [6, 7, 5, 8];

export interface WarmJob {
	layer: LayerDef;
	tile: TileCoord;
}

/**
 * The tiles of the opening view of `layers`: every tile over the prefecture at WARM_ZOOMS
 * within each layer's zooms, in the order the map is likely to want them — zoom by zoom,
 * and within a zoom the layers shown at first before the others.
 */
export function warmJobs(layers: readonly LayerDef[]): WarmJob[] {
	const visibleFirst = [...layers].sort((a, b) => Number(!DEFAULT_VISIBLE.includes(a.id)) - Number(!DEFAULT_VISIBLE.includes(b.id)));
	const jobs: WarmJob[] = [];
	for (const z of WARM_ZOOMS) {
		for (const layer of visibleFirst)
			if (z >= layer.minzoom && z <= layer.maxzoom) for (const tile of tilesCovering(PREFECTURE_BOUNDS, z)) jobs.push({ layer, tile });
	}
	return jobs;
}
