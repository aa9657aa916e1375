// Wire shapes of the field app (`/api/field/*`) and of the public progress page
// (`/api/progress*`): shared by the server that answers and the tablet that asks.
// The contract itself is /work/wt/FIELD-CONTRACT.md (issue "Field teams on tablets").
import type { Localized } from './i18n';

/** Registry ids of the layers whose features are restoration sites a field team visits. */
export const FIELD_LAYERS = ['mine-restoration', 'coal-fire', 'sand-closure-reserve', 'water-source-protection'] as const;
export type FieldLayer = (typeof FIELD_LAYERS)[number];

export function isFieldLayer(value: unknown): value is FieldLayer {
	return typeof value === 'string' && (FIELD_LAYERS as readonly string[]).includes(value);
}

/** `{layer}/{id}`, e.g. `coal-fire/12` (id = the layer row's id). */
export type SiteKey = string;

export function siteKey(layer: FieldLayer, id: number): SiteKey {
	return `${layer}/${id}`;
}

/** The layer and row id of a site key, or undefined when it is not one. */
export function parseSiteKey(key: string): { layer: FieldLayer; id: number } | undefined {
	const match = /^([a-z-]+)\/([1-9][0-9]{0,9})$/.exec(key);
	if (!match || !isFieldLayer(match[1])) return undefined;
	return { layer: match[1], id: Number(match[2]) };
}

/** The newest inspection of a site that counts (accepted, not deleted). */
export interface LastInspection {
	id: string;
	/** ISO 8601: when the team was on site. */
	inspectedAt: string;
	/** The status it recorded, if it changed the status. */
	status: string | null;
}

/** `GET /api/field/sites` → `{ sites }`: one site as the list shows it. */
export interface FieldSite {
	key: SiteKey;
	layer: FieldLayer;
	id: number;
	name: string;
	nameEn: string | null;
	/** The county's Chinese name as stored (a key of the registry's COUNTIES). */
	county: string | null;
	/** Status of record: the latest accepted inspection's statusChange, else the row's status; null for layers without one. */
	status: string | null;
	statusLabel: Localized | null;
	/** A point inside the site (WGS84 [lon, lat]). */
	centroid: [number, number];
	/** [west, south, east, north] in WGS84. */
	bbox: [number, number, number, number];
	/** Geodesic distance (m) from the asked position to the site (0 inside it); only when lon/lat were given. */
	distanceM?: number;
	/** Initial bearing (° clockwise from true north) from the asked position to the centroid. */
	bearingDeg?: number;
	lastInspection?: LastInspection;
	/** Hectares to restore: the site's mapped area (mine restoration only). */
	targetHa?: number;
	/** Hectares restored of record: the latest accepted inspection's restoredHa, else the row's restored_ha. */
	restoredHa?: number;
}

export interface FieldSitesResponse {
	sites: FieldSite[];
}

/** Query parameters of `GET /api/field/sites` (all optional). */
export interface FieldSitesQuery {
	lon?: number;
	lat?: number;
	county?: string;
	layer?: FieldLayer;
	status?: string;
	/** YYYY-MM-DD: only sites with no accepted inspection on or after this day ("not inspected this quarter"). */
	notInspectedSince?: string;
	/** 1–500, default 200. */
	limit?: number;
}

export interface SiteAttribute {
	label: Localized;
	value: string;
}

/** CGCS2000 3° Gauss-Krüger coordinates (zone-prefixed easting), as Chinese survey tables give them. */
export interface GaussKrugerPosition {
	zone: number;
	epsg: number;
	/** Northing (m): X in Chinese survey convention. */
	x: number;
	/** Easting (m) with the zone number in front: Y in Chinese survey convention. */
	y: number;
}

export interface TimelineEntry {
	/** ISO 8601 (date-only values of the data become midnight China time). */
	at: string;
	status: string | null;
	source: 'data' | 'inspection';
	inspectionId?: string;
}

/** Hand-off links: `geo:` (WGS84) for any map app, AMap (GCJ-02) and Baidu (BD-09) URLs. */
export interface NavigateLinks {
	geo: string;
	amap: string;
	baidu: string;
}

/** `GET /api/field/sites/{layer}/{id}` */
export interface FieldSiteDetail extends FieldSite {
	attributes: SiteAttribute[];
	coordinates: { wgs84: [number, number]; gk: GaussKrugerPosition };
	/** Oldest first. */
	timeline: TimelineEntry[];
	/** Newest first, deleted ones left out. */
	inspections: Inspection[];
	navigate: NavigateLinks;
}

export const PHOTO_ROLES = ['before', 'after', 'other'] as const;
export type PhotoRole = (typeof PHOTO_ROLES)[number];

export const PHOTO_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMime = (typeof PHOTO_MIMES)[number];

/** Longest photo edge the server keeps (px); resize on the device before uploading. */
export const PHOTO_MAX_EDGE_PX = 4096;
/** Default upload limit (MB); the server's PHOTO_MAX_MB overrides it. */
export const PHOTO_DEFAULT_MAX_MB = 8;

/** A photo an inspection refers to: upload its bytes first (`PUT /api/field/photos/{sha256}`). */
export interface PhotoRef {
	/** Lower-case hex SHA-256 of the bytes. */
	sha256: string;
	role: PhotoRole;
	/** ISO 8601 capture time. */
	capturedAt: string;
	lon?: number;
	lat?: number;
	accuracyM?: number;
	headingDeg?: number;
	width: number;
	height: number;
	bytes: number;
	mime: PhotoMime;
}

export const FENCE_SIGN_STATES = ['good', 'damaged', 'missing'] as const;
export type FenceSignState = (typeof FENCE_SIGN_STATES)[number];

export interface FireObservation {
	surfaceTempC?: number;
	smokeOdour?: boolean;
	subsidence?: boolean;
	cracks?: boolean;
}

export const NOTES_MAX_LENGTH = 4000;
export const PHOTOS_PER_INSPECTION_MAX = 50;

/** What the tablet sends. */
interface InspectionFields {
	siteKey: SiteKey;
	/** ISO 8601: when the team was on site. */
	inspectedAt: string;
	/** A status value of the site's layer (registry enum); only for layers that have a status. */
	statusChange?: string;
	restoredHa?: number;
	/** 0–100. */
	vegetationCoverPct?: number;
	fire?: FireObservation;
	fenceSign?: FenceSignState;
	notes?: string;
	photos: PhotoRef[];
}

/** `PUT /api/field/inspections/{id}` (id: a UUID the tablet made). */
export interface InspectionInput extends InspectionFields {
	/** null creates; otherwise the version this edit starts from (409 when it is stale). */
	baseVersion: number | null;
}

export interface InspectorView {
	id: number;
	username: string;
	displayName: string;
}

/** An inspection as the server stores it. */
export interface Inspection extends InspectionFields {
	id: string;
	version: number;
	inspector: InspectorView;
	createdAt: string;
	updatedAt: string;
	/** Counts towards the status of record (stored and not deleted). */
	accepted: boolean;
}

/** `details` of 409 `version-conflict`: nothing is overwritten, both versions stay in the audit trail. */
export interface InspectionConflictDetails {
	yours: InspectionInput;
	theirs: Inspection;
}

/** `details` of 422 `missing-photos`: upload these first. */
export interface MissingPhotosDetails {
	missing: string[];
}

// ── /api/progress (public) ────────────────────────────────────────────────────

export interface ProgressBucket {
	count: number;
	areaHa: number;
}

export interface ProgressByStatus extends ProgressBucket {
	status: string | null;
	label: Localized;
}

export interface ProgressByCounty extends ProgressBucket {
	county: string | null;
	label: Localized;
	/** Restored hectares of record in the county (mine restoration; 0 elsewhere). */
	restoredHa: number;
}

export interface ProgressQuarter {
	/** e.g. `2026Q3` (China Standard Time). */
	quarter: string;
	/** Accepted inspections that quarter. */
	inspections: number;
	/** Restored hectares of record at the end of the quarter (what inspections and data said by then). */
	restoredHa: number;
}

export interface ProgressLayer {
	layer: FieldLayer;
	title: Localized;
	byStatus: ProgressByStatus[];
	byCounty: ProgressByCounty[];
	/** Mine restoration: hectares restored of record; null for layers that do not measure it. */
	restoredHa: number | null;
	/** Mine restoration: the sites' mapped area, the area to restore; null elsewhere. */
	targetHa: number | null;
	quarterly: ProgressQuarter[];
}

/** `GET /api/progress` (`/api/progress.csv` is the same as CSV with a UTF-8 BOM). */
export interface ProgressResponse {
	layers: ProgressLayer[];
	/**
	 * The 26 coal-fire zones. `finished` is the plan's "完成" (治理26处，完成13处): the fire is out,
	 * whether its post-extinction monitoring (熄灭后监测) is still running or has ended; split
	 * into `extinguished` and `monitoring`. `total`: every zone in the data.
	 */
	coalFire: { finished: number; extinguished: number; monitoring: number; total: number };
	/** Some of the sites counted are illustrative (示意) rows: the page says so. */
	illustrative: boolean;
	/** ISO 8601: when these figures were read. */
	generatedAt: string;
}

/** `GET /api/field/area-estimate?bbox=w,s,e,n&minZoom&maxZoom`: what downloading an area would store, measured on the live data. */
export interface AreaEstimate {
	/** Tile requests the download makes (every layer, every zoom). */
	tiles: number;
	/** Of those, tiles some feature's bounding box touches; the rest come back empty (204). */
	nonEmptyTiles: number;
	/** Non-empty tiles × the mean size of tiles rendered as a sample, per layer and zoom. */
	tileBytes: number;
	/** Tiles rendered to measure them. */
	sampledTiles: number;
	/** The zoning layers' FlatGeobuf files (the check's preview), exact. */
	dataBytes: number;
	/** Mean size of a site page's data, from a sample of the area's sites. */
	siteBytesEach: number;
}
