/**
 * Plans and writes the heavy layers. Planning draws every feature's vertex count, hole count
 * and outline (to learn how far it reaches) and places it; writing redraws each outline from
 * the same seeded stream and streams the file feature by feature, so no layer is ever held
 * whole in memory. Same scale → same bytes.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { frame, round6, type Pos } from '../seed-gen/geom';
import { props } from '../seed-gen/features';
import { rng, type Rng } from '../seed-gen/rng';
import { fractalRing, gauss, holes, minRadius, type KmRing } from './fractal-ring';
import type { HeavyLayer } from './layers';
import { placeDisks } from './placement';

export interface Plan {
	vertices: number;
	holeCount: number;
	holeVertices: number;
	radiusKm: number;
	center: Pos;
}

export interface LayerStats {
	features: number;
	/** Distinct vertices (a ring's closing repeat not counted). */
	vertices: number;
	minVertices: number;
	maxVertices: number;
	holes: number;
	bytes: number;
}

const stream = (layer: HeavyLayer, i: number, part: string): Rng => rng(`heavy/${layer.layerId}/${i}/${part}`);

function logNormalCount(layer: HeavyLayer, r: Rng): number {
	const n = Math.round(layer.medianVertices * Math.exp(layer.sigma * gauss(r)));
	return Math.min(layer.maxVertices, Math.max(layer.minVertices, n));
}

/** The outer ring and holes of feature i at its planned size, km around its centre. */
function rings(layer: HeavyLayer, i: number, plan: Plan): KmRing[] {
	const outerVertices = plan.vertices - plan.holeCount * plan.holeVertices;
	const outer = fractalRing(stream(layer, i, 'ring'), outerVertices, plan.radiusKm);
	if (!plan.holeCount) return [outer];
	return [outer, ...holes(stream(layer, i, 'holes'), plan.holeCount, minRadius(outer), plan.holeVertices)];
}

/** Vertex counts, holes, sizes and places of `count` features. */
export function planLayer(layer: HeavyLayer, count: number): Plan[] {
	const plans = Array.from({ length: count }, (_, k) => {
		const i = k + 1;
		const r = stream(layer, i, 'size');
		const vertices = logNormalCount(layer, r);
		const holeCount = r.next() < layer.holeShare ? r.int(1, 3) : 0;
		const holeVertices = Math.max(24, Math.round(vertices * 0.04));
		return { vertices, holeCount, holeVertices, radiusKm: layer.radiusKmPer1000 * Math.sqrt(vertices / 1000), center: [0, 0] as Pos };
	});
	const reach = plans.map((p, k) => Math.max(...rings(layer, k + 1, p)[0].map(([x, y]) => Math.hypot(x, y))));
	const placed = placeDisks(rng(`heavy/${layer.layerId}/placement/${count}`), reach);
	return plans.map((p, k) => ({ ...p, center: placed[k].center, radiusKm: p.radiusKm * placed[k].scale }));
}

/** A ring as GeoJSON coordinate text: rounded to 1e-6° (~0.1 m), consecutive repeats dropped, closed. */
function ringText(ring: KmRing, toLonLat: (p: Pos) => Pos): { text: string; vertices: number } {
	const parts: string[] = [];
	let last = '';
	for (const p of ring) {
		const [lon, lat] = toLonLat(p);
		const s = `[${round6(lon)},${round6(lat)}]`;
		if (s !== last) parts.push(s);
		last = s;
	}
	if (parts[parts.length - 1] === parts[0]) parts.pop();
	return { text: `[${parts.join(',')},${parts[0]}]`, vertices: parts.length };
}

export interface FeatureText {
	/** The Feature as GeoJSON text. */
	text: string;
	vertices: number;
	holes: number;
}

/** The layer's features one at a time, as GeoJSON text in the importer's format. */
export function* featureTexts(layer: HeavyLayer, plans: Plan[]): Generator<FeatureText> {
	for (let k = 0; k < plans.length; k++) {
		const i = k + 1;
		const plan = plans[k];
		const f = frame(plan.center);
		const polygon = rings(layer, i, plan).map((ring) => ringText(ring, f.toLonLat));
		const properties = props(layer.layerId, layer.attributes(i, plan.center, stream(layer, i, 'attributes')));
		const geometry = `{"type":"MultiPolygon","coordinates":[[${polygon.map((p) => p.text).join(',')}]]}`;
		yield {
			text: `{"type":"Feature","properties":${JSON.stringify(properties)},"geometry":${geometry}}`,
			vertices: polygon.reduce((s, p) => s + p.vertices, 0),
			holes: polygon.length - 1
		};
	}
}

/** Streams the layer's FeatureCollection to `path`, one feature per line. */
export async function writeLayer(layer: HeavyLayer, plans: Plan[], path: string): Promise<LayerStats> {
	const out = createWriteStream(path);
	const stats: LayerStats = { features: 0, vertices: 0, minVertices: Infinity, maxVertices: 0, holes: 0, bytes: 0 };
	const write = async (text: string) => {
		stats.bytes += Buffer.byteLength(text);
		if (!out.write(text)) await once(out, 'drain');
	};
	await write('{"type":"FeatureCollection","features":[\n');
	for (const feature of featureTexts(layer, plans)) {
		await write(`${stats.features ? ',\n' : ''}${feature.text}`);
		stats.features++;
		stats.vertices += feature.vertices;
		stats.minVertices = Math.min(stats.minVertices, feature.vertices);
		stats.maxVertices = Math.max(stats.maxVertices, feature.vertices);
		stats.holes += feature.holes;
	}
	await write('\n]}\n');
	out.end();
	await once(out, 'finish');
	return stats;
}
