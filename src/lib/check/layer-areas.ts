import type { LayerDef, ProjectType } from '$lib/layers/types';
import { sweepArea } from './sweep';
import type { Conflict, LayerArea, LevelArea, OutsideFinding, PolygonCoords } from './types';

/** A feature the footprint overlaps with area, and its polygons near the footprint. */
export interface AreaHit {
	conflict: Conflict;
	polygons: readonly PolygonCoords[];
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
const pct = (m2: number, of: number) => (of > 0 ? round((m2 / of) * 100, 4) : 0);

/**
 * The footprint's overlap with each layer as a whole, and per level the area in that level
 * and in no stricter one — so nested zones (一级 ⊂ 二级 ⊂ 准) and overlapping features count
 * once and the figures never exceed the footprint.
 *
 * Levels are the rule's clause keys in the order the rule lists them (strictest first); a
 * feature counts in the level its conflict resolved to. The levels add up to the union within
 * the bow of sub-segments (~1e-5); each figure is what PostGIS measures on the polygon it
 * builds. The sweep measures the boolean combinations without building polygons; a layer met
 * by one feature needs none.
 *
 * @example
 * layerArea(layer, footprintPolygons, fpAreaM2, hits).levels; // [{ level: 'first', areaM2: 812.4, pct: 8.1 }, { level: 'second', … }]
 */
export function layerArea(layer: LayerDef, footprint: readonly PolygonCoords[], footprintM2: number, hits: readonly AreaHit[]): LayerArea {
	const hasLevels = layer.zoning?.levelAttribute !== undefined;
	if (hits.length === 1) {
		const { conflict } = hits[0];
		const area: LayerArea = { layer: layer.id, unionM2: conflict.overlapM2, unionPct: conflict.overlapPct };
		if (hasLevels) area.levels = [{ level: conflict.clause, areaM2: conflict.overlapM2, pct: conflict.overlapPct }];
		return area;
	}
	const order = Object.keys(layer.zoning?.clauses ?? {});
	const levelKeys = [...new Set(hits.map((h) => h.conflict.clause))].sort((a, b) => rank(order, a) - rank(order, b));
	const sets = [footprint, ...levelKeys.map((k) => hits.filter((h) => h.conflict.clause === k).flatMap((h) => h.polygons))];
	const levels: LevelArea[] = levelKeys.map((level, i) => {
		// Set 0 is the footprint; set i + 1 this level; sets 1 … i the stricter levels.
		const areaM2 = sweepArea(sets, (w) => {
			if (w[0] === 0 || w[i + 1] === 0) return false;
			for (let j = 1; j <= i; j++) if (w[j] !== 0) return false;
			return true;
		}).areaM2;
		return { level, areaM2: round(areaM2, 2), pct: pct(areaM2, footprintM2) };
	});
	// Measured as one region, not as the sum of the levels: PostGIS's union has no vertex where
	// a level boundary met the footprint's edge, and a sub-segment's geodesic bows less than the
	// whole edge's (a few m² per km² apart). One level is the union already.
	const unionM2 =
		levels.length === 1
			? levels[0].areaM2
			: sweepArea(sets, (w) => {
					if (w[0] === 0) return false;
					for (let j = 1; j < w.length; j++) if (w[j] !== 0) return true;
					return false;
				}).areaM2;
	const area: LayerArea = { layer: layer.id, unionM2: round(unionM2, 2), unionPct: pct(unionM2, footprintM2) };
	if (hasLevels) area.levels = levels;
	return area;
}

const rank = (order: readonly string[], key: string) => {
	const i = order.indexOf(key);
	return i < 0 ? order.length : i;
};

/**
 * What lying outside the layer means for this project type, if its rule says: a polygon
 * footprint with at least the layer's sliver area outside the union of the features it
 * overlaps, or a footprint of lines or points that meets no feature of the layer (how much
 * of a line lies outside is not measured).
 */
export function outsideFinding(
	layer: LayerDef,
	projectType: ProjectType,
	footprint: { areaM2: number; hasPolygons: boolean },
	unionM2: number,
	meets: boolean
): OutsideFinding | undefined {
	const rule = layer.zoning?.outside;
	const severity = rule?.byProjectType[projectType];
	if (!rule || !severity) return undefined;
	const outsideM2 = footprint.hasPolygons ? Math.max(0, footprint.areaM2 - unionM2) : 0;
	const fires = footprint.hasPolygons ? outsideM2 >= (layer.zoning?.sliverM2 ?? 1) : !meets;
	if (!fires) return undefined;
	return {
		layer: layer.id,
		severity,
		outsideM2: round(outsideM2, 2),
		outsidePct: pct(outsideM2, footprint.areaM2),
		whole: !meets,
		rule: { basis: rule.basis, text: rule.text }
	};
}
