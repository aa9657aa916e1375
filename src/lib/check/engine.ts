import type { LayerDef, ZoningRule } from '$lib/layers/types';
import { bboxBowM, edgesNear, growBBoxByMetres, partsBowM } from './bow';
import { cropParts, overlapArea } from './clip';
import { layerArea, outsideFinding, type AreaHit } from './layer-areas';
import { lensesNear, meetsLenses } from './lens';
import { distanceWithin } from './distance';
import { lineLength, polygonMeasure } from './geodesic';
import { bboxesOverlap, expandBBox, toParts } from './parts';
import {
	findContact,
	lineLengthInside,
	prepare,
	separateRingsOverlap,
	someVertexIn,
	type Prepared
} from './relate';
import { conflictSeverity, resolveClause, severityRank, verdictOf } from './rules';
import type {
	BBox,
	CandidateFeature,
	CheckInput,
	CheckResult,
	ClipPath,
	ClippingMode,
	Conflict,
	EngineInfo,
	Footprint,
	FootprintError,
	LayerArea,
	OutsideFinding,
	PolygonCoords,
	Sliver
} from './types';
import { isFootprint, validateFootprint } from './validate';

/** Engine version: part of every result, so a stored report says which rules of arithmetic made it. */
export const ENGINE_VERSION = '1.1.0';

/** Thrown by `runCheck` when handed raw GeoJSON that does not validate. */
export class FootprintInvalidError extends Error {
	readonly error: FootprintError;
	constructor(error: FootprintError) {
		super(error.message.en);
		this.name = 'FootprintInvalidError';
		this.error = error;
	}
}

/**
 * Overlaps below this (m², 10 cm²) are the rounding noise of a boundary shared by both
 * geometries (e.g. 7.6e-6 m² in turf issue 2455): they count as touching, not as slivers.
 */
const TOUCH_M2 = 1e-3;

const round = (v: number, digits: number) => {
	const f = 10 ** digits;
	return Math.round(v * f) / f;
};

interface FootprintInfo {
	prepared: Prepared;
	areaM2: number;
	lengthM: number;
	perimeterM: number;
	bbox: BBox;
	/** The largest bow (m) of the footprint's own edges off their [lon, lat] chords (see bow.ts). */
	bowM: number;
}

/**
 * Checks a footprint against the features of the zoning layers around it.
 *
 * For each candidate feature: if the footprint intersects it (planar, as `ST_Intersects` in
 * EPSG:4326) the relation is `intersects`, with the ellipsoidal overlap area (polygons) or the
 * length inside (lines); otherwise, if the geodesic distance is within the layer's `bufferM`,
 * `nearby`. Polygon overlaps below the layer's `sliverM2` (and below half the footprint) are
 * slivers: listed, not conflicts — but a sliver still puts the footprint at distance 0, so it is
 * `nearby`; overlaps under 10 cm² count as mere touching. Severity comes from the layer's rule: the clause for the feature's level with the
 * project type's override for `intersects`, `nearbySeverity` for `nearby`. Per layer the
 * footprint overlaps, `layerAreas` gives the union of its features' overlaps and, for layers
 * with levels, the area in each level and in no stricter one (nested zones count once); a
 * layer whose rule gives lying `outside` it a meaning for the project type adds a finding.
 * The verdict is the strongest severity of conflicts and outside findings, `clear` when there
 * is none. Never throws on a valid footprint.
 *
 * @example
 * const result = runCheck({
 *   footprint: { type: 'Polygon', coordinates: [[[88.1, 43.88], [88.12, 43.88], [88.12, 43.9], [88.1, 43.9], [88.1, 43.88]]] },
 *   projectType: 'building',
 *   candidates: [{ layerId: 'ecological-redline', features: [redlineFeature] }],
 *   layers: LAYERS
 * });
 * result.verdict; // 'forbidden'
 */
export function runCheck(input: CheckInput): CheckResult {
	const started = now();
	const footprint = toFootprint(input.footprint);
	const mode = input.clipping ?? 'turf';
	const info = describeFootprint(footprint);
	const layers = new Map(input.layers.map((l) => [l.id, l]));
	const conflicts: Conflict[] = [];
	const slivers: Sliver[] = [];
	const layerAreas: LayerArea[] = [];
	const outside: OutsideFinding[] = [];
	const engine: EngineInfo = {
		version: ENGINE_VERSION,
		clipping: mode,
		paths: {},
		fallbacks: [],
		candidatesTested: 0,
		durationMs: 0
	};
	const dataVersions: Record<string, string> = {};
	for (const set of input.candidates) {
		const layer = layers.get(set.layerId);
		if (!layer) throw new Error(`runCheck: candidates for unknown layer "${set.layerId}"`);
		const rule = layer.zoning;
		if (!rule) throw new Error(`runCheck: layer "${set.layerId}" has no zoning rule`);
		const version = input.dataVersions?.[layer.id];
		if (version !== undefined) dataVersions[layer.id] = version;
		const hits: AreaHit[] = [];
		let meets = false;
		for (const feature of set.features) {
			engine.candidatesTested++;
			const outcome = checkFeature(info, layer, rule, feature, input.projectType, mode);
			if (!outcome) continue;
			if (outcome.path) engine.paths[outcome.path] = (engine.paths[outcome.path] ?? 0) + 1;
			if (outcome.fallbackReason)
				engine.fallbacks.push({ layer: layer.id, featureId: featureId(feature), reason: outcome.fallbackReason });
			if (outcome.sliver) slivers.push(outcome.sliver);
			if (outcome.conflict) conflicts.push(outcome.conflict);
			if (outcome.conflict?.relation === 'intersects') meets = true;
			if (outcome.conflict && outcome.areaPolygons) hits.push({ conflict: outcome.conflict, polygons: outcome.areaPolygons });
		}
		const area = hits.length ? layerArea(layer, info.prepared.parts.polygons, info.areaM2, hits) : undefined;
		if (area) layerAreas.push(area);
		const out = outsideFinding(layer, input.projectType, { areaM2: info.areaM2, hasPolygons: info.prepared.parts.polygons.length > 0 }, area?.unionM2 ?? 0, meets);
		if (out) outside.push(out);
	}
	conflicts.sort(compareConflicts);
	slivers.sort((a, b) => a.layer.localeCompare(b.layer) || String(a.featureId).localeCompare(String(b.featureId)));
	engine.durationMs = round(now() - started, 2);
	return {
		verdict: verdictOf([...conflicts.map((c) => c.severity), ...outside.map((o) => o.severity)]),
		projectType: input.projectType,
		footprint: {
			areaM2: round(info.areaM2, 2),
			lengthM: round(info.lengthM, 2),
			perimeterM: round(info.perimeterM, 2),
			bbox: info.bbox
		},
		conflicts,
		slivers,
		layerAreas,
		outside,
		dataVersions,
		engine
	};
}

function now(): number {
	return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

function toFootprint(value: CheckInput['footprint']): Footprint {
	if (isFootprint(value)) return value;
	const v = validateFootprint(value);
	if (!v.ok) throw new FootprintInvalidError(v.error);
	return v.footprint;
}

function describeFootprint(footprint: Footprint): FootprintInfo {
	const parts = footprint.parts;
	let areaM2 = 0;
	let perimeterM = 0;
	for (const p of parts.polygons) {
		const m = polygonMeasure(p);
		areaM2 += m.area;
		perimeterM += m.perimeter;
	}
	let lengthM = 0;
	for (const l of parts.lines) lengthM += lineLength(l);
	const bbox = parts.bbox ?? [0, 0, 0, 0];
	return { prepared: prepare(parts), areaM2, lengthM, perimeterM, bbox: [...bbox] as BBox, bowM: partsBowM(parts) };
}

function featureId(feature: CandidateFeature): string | number {
	if (feature.id !== undefined) return feature.id;
	const id = feature.properties?.id;
	return typeof id === 'string' || typeof id === 'number' ? id : '';
}

function featureName(layer: LayerDef, feature: CandidateFeature): string | null {
	const v = feature.properties?.[layer.nameAttribute] ?? feature.properties?.name;
	return typeof v === 'string' ? v : v === undefined || v === null ? null : String(v);
}

interface Outcome {
	conflict?: Conflict;
	/** The feature's polygons around the footprint, when it overlaps it with area: for the per-layer areas. */
	areaPolygons?: PolygonCoords[];
	sliver?: Sliver;
	path?: ClipPath;
	fallbackReason?: string;
}

function checkFeature(
	fp: FootprintInfo,
	layer: LayerDef,
	rule: ZoningRule,
	feature: CandidateFeature,
	projectType: CheckInput['projectType'],
	mode: ClippingMode
): Outcome | undefined {
	const whole = toParts(feature.geometry);
	if (!whole.bbox) return undefined;
	// Nothing outside the footprint's bbox grown by the buffer can matter: skip features that
	// lie wholly outside, and cut the rest down to that box. Edges are geodesics that bow off
	// their [lon, lat] chords (~70 m for 60 km east–west at 44.5° N), so the box grows by the
	// footprint's bow and by the most any edge of the feature can bow (its bbox's diagonal).
	const reach = rule.bufferM * 1.02 + 1 + fp.bowM + bboxBowM(whole.bbox);
	const grown = growBBoxByMetres(fp.bbox, reach);
	if (!bboxesOverlap(grown, whole.bbox)) return undefined;
	const parts = cropParts(whole, expandBBox(grown, 0.001, 0.001));
	if (!parts.bbox) return undefined;

	const ft = prepare(parts);
	const f = fp.prepared;
	const contact = findContact(f, ft);
	const fpHasPolygons = f.parts.polygons.length > 0;
	const ftHasPolygons = parts.polygons.length > 0;

	// Polygon ∩ polygon area.
	let overlapM2 = 0;
	let path: ClipPath | undefined;
	let fallbackReason: string | undefined;
	// Only the part of the zone over the footprint's own bbox can overlap it.
	const nearFootprint = () => {
		const b = fp.bbox;
		const margin = Math.max(b[2] - b[0], b[3] - b[1]) * 1e-3 + 1e-7;
		return cropParts(parts, expandBBox(b, margin, margin));
	};
	let near: PolygonCoords[] | undefined;
	if (fpHasPolygons && ftHasPolygons) {
		if (!contact.polygonPolygon) {
			overlapM2 = separateRingsOverlap(f, ft);
			if (overlapM2 > 0) path = 'rings';
		} else {
			const cut = nearFootprint();
			near = cut.polygons;
			// And only the part of the footprint over that cut zone: a large footprint meets many
			// zones, each over a corner of it, and the clipping costs what both sides bring. The
			// cut's new vertices lie outside the zone (the margin), so every run of boundary
			// bounding the overlap — and its geodesic correction — is the same as uncut.
			const nb = cut.bbox;
			const nearMargin = nb ? Math.max(nb[2] - nb[0], nb[3] - nb[1]) * 1e-3 + 1e-7 : 0;
			const fpNear = nb ? cropParts(f.parts, expandBBox(nb, nearMargin, nearMargin)).polygons : [];
			const o = overlapArea(fpNear, near, mode, fp.areaM2);
			overlapM2 = o.areaM2;
			path = o.path;
			fallbackReason = o.fallbackReason;
		}
	}
	// Lines and points of the footprint, and non-polygon features inside the footprint.
	const lineHits = f.parts.lines.length > 0 && (contact.line || someVertexIn(f, ft, 'lines'));
	const overlapLengthM = lineHits ? lineLengthInside(f, ft) : 0;
	const pointHits = f.parts.points.length > 0 && (contact.point || someVertexIn(f, ft, 'points'));
	const otherHits =
		fpHasPolygons &&
		(contact.polygonOther || someVertexIn(ft, f, 'lines') || someVertexIn(ft, f, 'points'));

	// A sliver is boundary noise: smaller than the layer's sliverM2 and than half the footprint
	// (a footprint smaller than sliverM2 itself, wholly inside a zone, is no sliver).
	const sliverM2 = rule.sliverM2 ?? 1;
	const areaCounts = overlapM2 >= sliverM2 || (overlapM2 > 0 && overlapM2 >= fp.areaM2 / 2);
	const intersects = areaCounts || lineHits || pointHits || otherHits;
	const touches = contact.polygonPolygon || overlapM2 > 0;

	const outcome: Outcome = { path, fallbackReason };
	if (overlapM2 >= TOUCH_M2 && !areaCounts) {
		outcome.sliver = {
			layer: layer.id,
			featureId: featureId(feature),
			name: featureName(layer, feature),
			overlapM2: round(overlapM2, 4),
			sliverM2
		};
	}
	// Distances to the uncut edges: a cropped edge's geodesic is no longer the edge's geodesic.
	// Planar-disjoint but meeting a lens between an edge and its geodesic: on the ellipsoid the
	// two meet (ST_Distance(geography) = 0), though ST_Intersects says no.
	const reachBox = growBBoxByMetres(fp.bbox, rule.bufferM * 1.02 + 1 + fp.bowM);
	const distanceM =
		intersects || touches || meetsLenses(f, lensesNear(whole, reachBox)) || (fp.bowM >= 0.01 && meetsLenses(ft, lensesNear(f.parts, growBBoxByMetres(parts.bbox, fp.bowM))))
			? 0
			: distanceWithin(f, prepare(edgesNear(whole, reachBox)), rule.bufferM);
	if (distanceM === null || distanceM > rule.bufferM) return outcome;

	const levelValue = rule.levelAttribute ? feature.properties?.[rule.levelAttribute] : undefined;
	const level = typeof levelValue === 'string' ? levelValue : levelValue == null ? undefined : String(levelValue);
	const resolved = resolveClause(rule, level);
	const relation = intersects ? 'intersects' : 'nearby';
	const conflict: Conflict = {
		layer: layer.id,
		featureId: featureId(feature),
		name: featureName(layer, feature),
		relation,
		overlapM2: intersects ? round(overlapM2, 2) : 0,
		overlapPct: intersects && fp.areaM2 > 0 ? round((overlapM2 / fp.areaM2) * 100, 4) : 0,
		distanceM: round(distanceM, 2),
		severity: conflictSeverity(rule, resolved.clause, relation, projectType),
		clause: resolved.key,
		levelKnown: resolved.levelKnown,
		rule: { basis: resolved.clause.basis, text: resolved.clause.text },
		clipping: intersects ? (path ?? 'none') : 'none'
	};
	if (f.parts.lines.length > 0) conflict.overlapLengthM = intersects ? round(overlapLengthM, 2) : 0;
	if (level !== undefined) conflict.level = level;
	outcome.conflict = conflict;
	if (intersects && areaCounts) outcome.areaPolygons = near ?? nearFootprint().polygons;
	return outcome;
}

/** Strongest first; then intersecting before nearby, larger overlaps first, nearer first. */
function compareConflicts(a: Conflict, b: Conflict): number {
	return (
		severityRank(a.severity) - severityRank(b.severity) ||
		(a.relation === b.relation ? 0 : a.relation === 'intersects' ? -1 : 1) ||
		b.overlapM2 - a.overlapM2 ||
		(b.overlapLengthM ?? 0) - (a.overlapLengthM ?? 0) ||
		a.distanceM - b.distanceM ||
		a.layer.localeCompare(b.layer) ||
		String(a.featureId).localeCompare(String(b.featureId))
	);
}
