// Loaded when the comparison opens: it needs the engine's sweep (and GeographicLib with it).
import type { Conflict } from '$lib/check';
import type { ZoneGeometry } from '$lib/check/report';
import { toParts } from '$lib/check/parts';
import { sweepArea } from '$lib/check/sweep';
import type { FootprintPart } from './footprint';

/**
 * The footprint's overlap with each layer as a whole, m²: the area inside the footprint and
 * inside any of the layer's conflicting features — a first-level zone nested in a second-level
 * one counts once, where adding the conflicts' overlaps would count it twice.
 *
 * @example
 * unionOverlapByLayer(parts, result.conflicts, zones); // { 'water-source-protection': 6398.2 }
 */
export function unionOverlapByLayer(
	parts: readonly FootprintPart[],
	conflicts: readonly Conflict[],
	zones: readonly ZoneGeometry[]
): Record<string, number> {
	const footprint = parts.flatMap((p) => toParts(p.geometry).polygons);
	const out: Record<string, number> = {};
	if (!footprint.length) return out;
	const layers = new Set(conflicts.filter((c) => c.relation === 'intersects' && c.overlapM2 > 0).map((c) => c.layer));
	for (const layer of layers) {
		const ids = new Set(conflicts.filter((c) => c.layer === layer && c.relation === 'intersects').map((c) => String(c.featureId)));
		const features = zones.filter((z) => z.layer === layer && ids.has(String(z.featureId))).flatMap((z) => toParts(z.geometry).polygons);
		if (features.length) out[layer] = sweepArea([footprint, features], (w) => w[0] !== 0 && w[1] !== 0).areaM2;
	}
	return out;
}
