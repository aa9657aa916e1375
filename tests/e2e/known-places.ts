import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import { getLayer } from '../../src/lib/layers/registry';

/**
 * Known places for the browser tests, taken from the shipped dataset (data/seed) that the
 * test server is seeded with: a point well inside one feature of a layer, under no other
 * feature drawn above it, and clear of the lines and labels that could change its colour.
 */
type Area = Feature<Polygon | MultiPolygon>;

function seed<G extends Polygon | MultiPolygon | Point | LineString | MultiLineString>(layerId: string): Feature<G>[] {
	return (JSON.parse(readFileSync(`data/seed/${layerId}.geojson`, 'utf8')) as FeatureCollection<G>).features;
}

export interface KnownPlace {
	layer: string;
	name: string;
	point: [number, number];
	/** The registry colour the feature is filled with, and its opacity. */
	fill: string;
	fillOpacity: number;
}

/**
 * Fill layers shown by default, bottom to top as the map stacks them (the control units
 * start hidden). Layers below the one under test only tint what it is blended over.
 */
const FILLS_BOTTOM_UP = ['lake', 'ecological-redline', 'sand-closure-reserve', 'water-source-protection', 'mine-restoration', 'coal-fire'];

/** Kilometres from a point to the nearest edge of an area (inside or out). */
const toEdge = (point: Feature<Point>, area: Area) => Math.abs(turf.pointToPolygonDistance(point, area, { units: 'kilometers' }));

function clearPoint(feature: Area, others: Area[], marginKm: number): [number, number] | undefined {
	const towns = seed<Point>('town');
	const rivers = seed<LineString | MultiLineString>('river').flatMap((r) => turf.flatten(r).features);
	const counties = seed<Polygon | MultiPolygon>('county');
	const [w, s, e, n] = turf.bbox(feature);
	const candidates = [turf.centerOfMass(feature), turf.pointOnFeature(feature)];
	// Then a grid over the feature's extent, for shapes whose centre lies near an edge.
	for (let i = 1; i < 8; i++) for (let j = 1; j < 8; j++) candidates.push(turf.point([w + ((e - w) * i) / 8, s + ((n - s) * j) / 8]));
	const found = candidates.find(
		(p) =>
			turf.booleanPointInPolygon(p, feature) &&
			toEdge(p, feature) >= marginKm &&
			!others.some((o) => turf.booleanPointInPolygon(p, o)) &&
			counties.every((c) => toEdge(p, c) >= 0.3) &&
			rivers.every((r) => turf.pointToLineDistance(p, r) >= 1.5) &&
			towns.every((t) => turf.distance(p, t) >= 6)
	);
	return found?.geometry.coordinates as [number, number] | undefined;
}

/** A clear place in `layerId`, on the first of its features that has one. */
export function knownPlace(layerId: string, marginKm = 0.3): KnownPlace {
	const layer = getLayer(layerId);
	if (!layer || layer.style.kind !== 'fill') throw new Error(`${layerId} is not a fill layer`);
	const style = layer.style;
	const features = seed<Polygon | MultiPolygon>(layerId);
	const above = FILLS_BOTTOM_UP.slice(FILLS_BOTTOM_UP.indexOf(layerId) + 1).flatMap((id) => seed<Polygon | MultiPolygon>(id));
	for (const [index, feature] of features.entries()) {
		const point = clearPoint(feature, [...features.filter((_, i) => i !== index), ...above], marginKm);
		if (!point) continue;
		const value = style.byAttribute ? String(feature.properties?.[style.byAttribute.attribute]) : undefined;
		return {
			layer: layerId,
			name: String(feature.properties?.name),
			point,
			fill: (value && style.byAttribute?.colors[value]) || style.fill,
			fillOpacity: style.fillOpacity
		};
	}
	throw new Error(`No clear place found in ${layerId}`);
}
