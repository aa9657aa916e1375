import type { Feature, Geometry, Position } from 'geojson';
import type { LayerDef, Localized, ProjectType, Severity } from '../layers/types';

/** Verdict of a check: the strongest severity among the conflicts, or `clear`. */
export type Verdict = Severity | 'clear';

/** A ring as GeoJSON writes it: closed (first position repeated last), [lon, lat]. */
export type Ring = Position[];
/** A polygon: outer ring first, then holes. */
export type PolygonCoords = Ring[];

/**
 * A geometry taken apart: every polygon, line and point it contains, in WGS84 [lon, lat]
 * (any Z dropped), rings closed. Footprints and candidate features are both held this way.
 */
export interface Parts {
	polygons: PolygonCoords[];
	lines: Position[][];
	points: Position[];
	/** [minLon, minLat, maxLon, maxLat]; undefined when there is nothing. */
	bbox: BBox | undefined;
}

export type BBox = [number, number, number, number];

/** What a planner may hand in as a footprint (drawn, uploaded or typed). */
export type FootprintInput = Geometry | Feature | { type: 'FeatureCollection'; features: Feature[] };

/** A validated footprint, ready for `runCheck`. Obtain it from `validateFootprint`. */
export interface Footprint {
	readonly kind: 'footprint';
	readonly parts: Parts;
}

export type FootprintErrorCode =
	| 'invalid-geojson'
	| 'unsupported-geometry'
	| 'empty'
	| 'invalid-coordinate'
	| 'projected-coordinates'
	| 'swapped-coordinates'
	| 'out-of-range'
	| 'too-few-points'
	| 'ring-not-closed'
	| 'zero-area'
	| 'self-intersection'
	| 'hole-outside-shell'
	| 'overlapping-parts';

/** Why a footprint cannot be checked, in words a planner understands. */
export interface FootprintError {
	code: FootprintErrorCode;
	message: Localized;
	/** Where the problem is, [lon, lat] (or the raw coordinate when it is not lon/lat). */
	location?: Position;
	/** 0-based index of the part (polygon, line or point) in input order. */
	part?: number;
	/** 0-based ring index inside the polygon: 0 is the outer ring. */
	ring?: number;
	/** Whether `repairFootprint` can fix it. */
	repairable: boolean;
}

export type ValidationResult = { ok: true; footprint: Footprint } | { ok: false; error: FootprintError };

export type RepairResult =
	| { ok: true; geometry: Geometry; changes: Localized[] }
	| { ok: false; error: FootprintError };

/**
 * A feature of a zoning layer near the footprint, as the spatial index returns it: WGS84, with
 * an `id` (or `properties.id`), the layer's name attribute and level attribute in `properties`.
 * Expected to be valid (the importer makes it so); an invalid one does not make the engine
 * throw, but its overlap is that of the union its rings' winding defines.
 */
export type CandidateFeature = Feature<Geometry | null>;

export interface CandidateSet {
	layerId: string;
	features: readonly CandidateFeature[];
}

/**
 * How polygon overlaps are computed.
 * - `sweep`: the slab sweep in `sweep.ts` only — no polygon is built, nothing can throw or loop;
 *   5–30× faster on real layers. The check of record and the preview.
 * - `turf`: `turf.intersect` (polyclip-ts) builds the overlap polygon and GeographicLib measures
 *   it; if polyclip throws or returns an impossible area the sweep runs instead. The tests'
 *   second opinion.
 */
export type ClippingMode = 'turf' | 'sweep';

/**
 * Which algorithm produced an overlap area: `rings` — the boundaries do not meet, so whole
 * rings inside the other geometry add up (no clipping); `turf`; `fallback-sweep` — turf failed
 * and the sweep answered; `sweep`; `none` — no polygon overlap was measured (nearby, or a
 * line or point footprint).
 */
export type ClipPath = 'rings' | 'turf' | 'fallback-sweep' | 'sweep' | 'none';

export interface CheckInput {
	/** Validated footprint, or raw GeoJSON that is validated first (throws `FootprintInvalidError`). */
	footprint: Footprint | FootprintInput;
	projectType: ProjectType;
	candidates: readonly CandidateSet[];
	/** Layer definitions from the registry; candidates name them by id. */
	layers: readonly LayerDef[];
	/** Data version per layer id, copied into the result so a report says what it was checked against. */
	dataVersions?: Readonly<Record<string, string>>;
	/** How polygon overlaps are computed; default `turf`. */
	clipping?: ClippingMode;
}

export type Relation = 'intersects' | 'nearby';

export interface Conflict {
	layer: string;
	featureId: string | number;
	name: string | null;
	relation: Relation;
	/** Ellipsoidal area of footprint ∩ feature, m² (0 for line and point footprints). */
	overlapM2: number;
	/** overlapM2 / footprint area × 100; 0 when the footprint has no area. */
	overlapPct: number;
	/** Geodesic length of the footprint's lines inside the feature, m (line footprints only). */
	overlapLengthM?: number;
	/** Shortest geodesic distance, m: 0 when intersecting. */
	distanceM: number;
	severity: Severity;
	/** Value of the layer's level attribute on the feature, when the layer has one. */
	level?: string;
	/** Key of the rule clause that applied (`default`, or a level). */
	clause: string;
	/** False when the feature's level was missing or unknown and the strictest clause was assumed. */
	levelKnown: boolean;
	rule: { basis: Localized; text: Localized };
	clipping: ClipPath;
}

/**
 * An overlap too small to count — below the layer's `sliverM2` and below half the footprint's
 * area — such as where two boundaries digitised separately disagree by centimetres: ignored,
 * but reported so the user knows.
 */
export interface Sliver {
	layer: string;
	featureId: string | number;
	name: string | null;
	overlapM2: number;
	sliverM2: number;
}

/** The footprint's area in one level of a zoning layer, where nested levels count once. */
export interface LevelArea {
	/** The clause key the features of this level resolved to (`first`, `priority` … or `default`). */
	level: string;
	/**
	 * Ellipsoidal area, m², inside features of this level and inside no feature of a stricter
	 * level (the rule lists levels strictest first): 二级 here excludes what lies in 一级.
	 */
	areaM2: number;
	/** areaM2 / footprint area × 100. */
	pct: number;
}

/**
 * The footprint's overlap with a zoning layer as a whole: overlapping features (nested zones,
 * neighbouring sources) count once, so it never exceeds the footprint.
 */
export interface LayerArea {
	layer: string;
	/** Ellipsoidal area of footprint ∩ (union of the layer's intersecting features), m². */
	unionM2: number;
	unionPct: number;
	/**
	 * Layers with levels: the union split by level, each part in its strictest level. They add
	 * up to unionM2 within ~1e-5 (each piece's cut edges are geodesics of their own).
	 */
	levels?: LevelArea[];
}

/**
 * A footprint lying (partly) outside every feature of a layer whose rule gives that a meaning
 * for the project type — e.g. buildings outside the urban development boundary.
 */
export interface OutsideFinding {
	layer: string;
	severity: Severity;
	/** Footprint area outside the layer's features, m² (0 for a footprint of lines or points). */
	outsideM2: number;
	outsidePct: number;
	/** No part of the footprint meets the layer. */
	whole: boolean;
	rule: { basis: Localized; text: Localized };
}

export interface EngineInfo {
	version: string;
	clipping: ClippingMode;
	/** How many overlaps each algorithm computed. */
	paths: Partial<Record<ClipPath, number>>;
	/** Every case where turf failed and the sweep took over, with turf's error. */
	fallbacks: { layer: string; featureId: string | number; reason: string }[];
	candidatesTested: number;
	durationMs: number;
}

export interface CheckResult {
	verdict: Verdict;
	projectType: ProjectType;
	footprint: {
		areaM2: number;
		lengthM: number;
		perimeterM: number;
		bbox: BBox;
	};
	conflicts: Conflict[];
	slivers: Sliver[];
	/**
	 * Per zoning layer the footprint overlaps: the union and the exclusive area per level.
	 * Absent from answers saved before it existed (engine < 1.1).
	 */
	layerAreas?: LayerArea[];
	/** Findings for lying outside a layer (engine ≥ 1.1; absent from older saved answers). */
	outside?: OutsideFinding[];
	dataVersions: Record<string, string>;
	engine: EngineInfo;
}
