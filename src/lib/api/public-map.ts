// What the public map's JSON endpoints answer: shared by the server that builds it and the
// browser that reads it.

/** GET /api/layers: what the layer panel shows next to each layer, from the live rows. */
export interface LayerStats {
	id: string;
	count: number;
	/** Any row marked illustrative (示意): the shipped dataset, not a bureau's. */
	illustrative: boolean;
	/** Data version (changes with every write) and when the rows last changed: "the data date". */
	version: number | null;
	updatedAt: string | null;
}

/** GET /api/search?q=: one place found by name. */
export interface SearchHit {
	layer: string;
	id: number;
	name: string;
	nameEn: string | null;
	/** [west, south, east, north] in WGS84. */
	bbox: [number, number, number, number];
}

/** Counts by status of one layer: e.g. how many of the coal-fire zones are extinguished. */
export interface StatusSummary {
	layer: string;
	total: number;
	byStatus: Record<string, number>;
	illustrative: boolean;
}

/** GET /api/summary. */
export interface Summary {
	coalFire: StatusSummary;
	mineRestoration: StatusSummary & { restoredHectares: number };
}

export type AttributeValue = string | number | boolean | string[] | null;

/** GET /api/layers/{layer}/features/{id}: what a feature card needs that a vector tile does not carry. */
export interface FeatureDetails {
	layer: string;
	id: number;
	properties: Record<string, AttributeValue>;
	/** Geodesic area on the WGS84 ellipsoid (m²), polygons only. */
	areaM2: number | null;
	/** Geodesic length (m), lines only. */
	lengthM: number | null;
	/** [west, south, east, north]. */
	bbox: [number, number, number, number];
	/** A point inside the feature, where a card or marker can point. */
	anchor: [number, number];
}
