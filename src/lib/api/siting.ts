// Wire shapes of siting guidance (选址引导): POST /api/siting and POST /api/siting/nearest.
import type { FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { Verdict } from '../check/types';
import type { ProjectType } from '../layers/types';
import type { Acceptable, SitingClass } from '../siting/classes';
import type { Localized } from './i18n';

export type { Acceptable, SitingClass } from '../siting/classes';

/**
 * The area of interest: a GeoJSON Polygon (WGS84), a county of the registry (Chinese or English
 * name, or code), a radius around a point, or the whole prefecture. It is cut to the prefecture
 * (the union of the county layer): outside it there is no zoning data, so no ground is "clear".
 */
export type SitingArea = Polygon | { county: string } | { point: [number, number]; radiusM: number } | { prefecture: true };

export interface SitingRequest {
	projectType: ProjectType;
	area: SitingArea;
	/** `fgb` answers the same classes as FlatGeobuf (application/flatgeobuf) for download. */
	format?: 'geojson' | 'fgb';
}

export interface SitingClassProperties {
	class: SitingClass;
	/** Ellipsoidal area, m². */
	areaM2: number;
}

/** One feature per class present in the area, strongest first; the classes partition the area. */
export interface SitingResponse extends FeatureCollection<MultiPolygon, SitingClassProperties> {
	projectType: ProjectType;
	/** Area of the area of interest inside the prefecture, m² (the classes add up to it). */
	areaM2: number;
	/** Data version per zoning layer the map was computed from. */
	dataVersions: Record<string, string>;
	/** Whether the zoning data is illustrative (示意). */
	illustrative: boolean;
}

export interface NearestRequest {
	footprint: Geometry | object;
	projectType: ProjectType;
	/** How far (m) the footprint's centre may move; at most NEAREST_MAX_DISTANCE_M. */
	maxDistanceM: number;
	/** The worst verdict a site may have; default `clear`. */
	accept?: Acceptable;
}

export interface NearestAlternative {
	footprint: Geometry;
	/** The verdict of the check of record (the same engine as /api/check) for this footprint. */
	verdict: Verdict;
	/** Geodesic distance the footprint's centre moved, m. */
	distanceM: number;
	/** Rotation about its centre, degrees clockwise. */
	rotationDeg: number;
	/** The check's report id for this footprint (as /api/check would give it). */
	reportId: string;
}

export interface NearestResponse {
	/** Best (nearest) first; empty when nothing fits, with `reason`. */
	alternatives: NearestAlternative[];
	reason?: { code: 'none-within-distance' | 'outside-prefecture'; message: Localized };
	/** The verdict of the footprint as given. */
	footprintVerdict: Verdict;
	/** Placements tested against the class map, and confirmed with the check engine. */
	searched: { placements: number; confirmed: number; stepM: number; rotations: number[] };
}

export const NEAREST_MAX_DISTANCE_M = 20_000;
/** Largest radius (m) around a point for a class map: beyond it, choose a county or the prefecture. */
export const SITING_MAX_RADIUS_M = 200_000;
