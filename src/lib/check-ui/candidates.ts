import type { Geometry, Position } from 'geojson';
import type { BBox, CandidateFeature, CandidateSet } from '$lib/check';
import { bboxBowM, growBBoxByMetres, indexBowM } from '$lib/check/bow';
import { bboxesOverlap, expandBBox } from '$lib/check/parts';
import type { LayerDef } from '$lib/layers/types';

/** Reads the features of one layer whose bbox meets `rect`. */
export type ReadRect = (layerId: string, rect: BBox) => Promise<CandidateFeature[]>;

/**
 * The browser's spatial index: `/download/{layer}.fgb` is FlatGeobuf with a packed R-tree,
 * served with HTTP Range, so the client reads the header, walks the index and fetches only
 * the features of the rectangle. The reader is imported on first use.
 */
export const readFlatGeobufRect: ReadRect = async (layerId, [minX, minY, maxX, maxY]) => {
	const { deserialize } = await import('flatgeobuf/lib/mjs/geojson.js');
	const features: CandidateFeature[] = [];
	const url = new URL(`/download/${encodeURIComponent(layerId)}.fgb`, window.location.href).href;
	for await (const feature of deserialize(url, { rect: { minX, minY, maxX, maxY } })) {
		// The reader numbers features by their place in the file (Hilbert order); the database id
		// is the `id` column, which the report, the API and the map all use.
		const id: unknown = feature.properties?.id;
		features.push({
			type: 'Feature',
			id: typeof id === 'number' || typeof id === 'string' ? id : undefined,
			properties: feature.properties ?? {},
			geometry: feature.geometry as Geometry | null
		});
	}
	return features;
};

interface Indexed {
	feature: CandidateFeature;
	bbox: BBox | undefined;
}

interface Region {
	bbox: BBox;
	features: Promise<Indexed[]>;
}

/** [west, south, east, north] of any geometry; undefined for none. */
export function geometryBBox(geometry: Geometry | null): BBox | undefined {
	if (!geometry) return undefined;
	const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
	const visit = (p: Position) => {
		if (p[0] < box[0]) box[0] = p[0];
		if (p[1] < box[1]) box[1] = p[1];
		if (p[0] > box[2]) box[2] = p[0];
		if (p[1] > box[3]) box[3] = p[1];
	};
	const walk = (g: Geometry) => {
		switch (g.type) {
			case 'Point':
				return visit(g.coordinates);
			case 'MultiPoint':
			case 'LineString':
				return g.coordinates.forEach(visit);
			case 'MultiLineString':
			case 'Polygon':
				return g.coordinates.forEach((l) => l.forEach(visit));
			case 'MultiPolygon':
				return g.coordinates.forEach((p) => p.forEach((l) => l.forEach(visit)));
			case 'GeometryCollection':
				return g.geometries.forEach(walk);
		}
	};
	walk(geometry);
	return box[0] <= box[2] ? box : undefined;
}

const contains = (outer: BBox, inner: BBox) => outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];

/** The bbox grown by `metres` on every side (at its latitude farthest from the equator, where a degree of longitude is shortest). */
export function growByMetres(bbox: BBox, metres: number): BBox {
	// 1 % more than the ellipsoid says, so rounding never drops a feature at exactly bufferM.
	return growBBoxByMetres(bbox, metres * 1.01);
}

/** A regional read is this much larger than asked for, so the next edits nearby need no request. */
function readArea(needed: BBox): BBox {
	const dLon = Math.max((needed[2] - needed[0]) * 0.5, 0.02);
	const dLat = Math.max((needed[3] - needed[1]) * 0.5, 0.015);
	return expandBBox(needed, dLon, dLat);
}

/**
 * Candidates for the live check, per zoning layer: the features whose bbox meets the
 * footprint's bbox grown by the layer's `bufferM` and by the bows of long edges (what the
 * server's query would find, a few more at most — the engine measures them all). Reads are cached per layer and region;
 * a footprint inside a region read before needs no request.
 */
export class CandidateLoader {
	readonly #regions = new Map<string, Region[]>();

	constructor(
		private readonly read: ReadRect = readFlatGeobufRect,
		private readonly maxRegionsPerLayer = 24
	) {}

	#region(layerId: string, needed: BBox): Region {
		const regions = this.#regions.get(layerId) ?? [];
		const found = regions.find((r) => contains(r.bbox, needed));
		if (found) return found;
		const bbox = readArea(needed);
		const region: Region = {
			bbox,
			features: this.read(layerId, bbox).then(
				(features) => features.map((feature) => ({ feature, bbox: geometryBBox(feature.geometry) })),
				(error: unknown) => {
					// Forget a failed read, so the next check asks again.
					const list = this.#regions.get(layerId);
					if (list) this.#regions.set(layerId, list.filter((r) => r !== region));
					throw error;
				}
			)
		};
		this.#regions.set(layerId, [...regions, region].slice(-this.maxRegionsPerLayer));
		return region;
	}

	/** The candidate features of every zoning layer for a footprint with this bbox. */
	async candidates(layers: readonly LayerDef[], footprint: BBox): Promise<CandidateSet[]> {
		return Promise.all(
			layers.map(async (layer) => {
				// Geodesic edges bow off their [lon, lat] lines (check/bow.ts): the footprint's (bounded
				// by its bbox's diagonal), and a feature's — the read allows for edges up to
				// LONG_EDGE_M, each feature then for its own.
				const reach = growByMetres(footprint, (layer.zoning?.bufferM ?? 0) + bboxBowM(footprint));
				const indexed = await this.#region(layer.id, growBBoxByMetres(reach, indexBowM(footprint))).features;
				const features = indexed
					.filter((f) => f.bbox && bboxesOverlap(growBBoxByMetres(f.bbox, bboxBowM(f.bbox)), reach))
					.map((f) => f.feature);
				return { layerId: layer.id, features };
			})
		);
	}

	/** Starts reading a region (the map's view, where the planner is about to draw); errors wait for a real check. */
	prefetch(layers: readonly LayerDef[], bbox: BBox): void {
		for (const layer of layers) this.#region(layer.id, bbox).features.catch(() => undefined);
	}

	/** A feature read before, by layer and id (for highlighting and the report map). */
	async feature(layerId: string, featureId: string | number): Promise<CandidateFeature | undefined> {
		for (const region of this.#regions.get(layerId) ?? []) {
			const indexed = await region.features.catch(() => [] as Indexed[]);
			const hit = indexed.find((f) => String(f.feature.id ?? f.feature.properties?.id) === String(featureId));
			if (hit) return hit.feature;
		}
		return undefined;
	}
}
