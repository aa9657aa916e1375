// The saved check (the planner's check of record) as it crosses the wire.
import type { Geometry } from 'geojson';
import type { InputPoints } from '../check/boundary-points';
import type { CheckResponse, ZoneGeometry } from '../check/report';
import type { Conflict, Verdict } from '../check/types';
import type { ProjectType } from '../layers/types';

/** What the planner adds to the /api/check body to save it. */
export interface ProjectDetails {
	projectName: string;
	developer: string;
	notes?: string;
}

/** How the footprint was given, kept with the record (typed coordinates or a file, and their CRS). */
export interface FootprintInput {
	text?: string;
	file?: string;
	crs?: string;
}

/** Where a footprint lies: the counties it touches and the nearest towns (from the county and town layers). */
export interface CheckLocation {
	counties: { name: string; nameEn: string | null }[];
	/** Nearest towns and seats, nearest first: distance from the footprint, and the footprint's bearing seen from the town. */
	towns: { name: string; nameEn: string | null; kind: string; distanceM: number; bearingDeg: number }[];
}

/** A layer whose data changed since the check was saved. */
export interface DataChange {
	layer: string;
	saved: string;
	current: string;
}

/** A saved check as GET /api/checks/{id} returns it: exactly what was saved, plus what changed since. */
export interface SavedCheck extends Required<Pick<ProjectDetails, 'projectName' | 'developer'>> {
	id: number;
	url: string;
	rerunOf: number | null;
	notes: string | null;
	author: { id: number; name: string };
	projectType: ProjectType;
	verdict: Verdict;
	counties: string[];
	/** County and nearest towns as computed when saved; computed on reading for older records, null when unknown. */
	location: CheckLocation | null;
	input: FootprintInput;
	/** The footprint's points in the input's CRS, as saved; null for records saved before they were kept. */
	inputPoints: InputPoints | null;
	/** The footprint as checked (WGS84). */
	footprint: Geometry;
	answer: CheckResponse;
	/** The conflicting zones cut for the map, as they were when saved. */
	zones: ZoneGeometry[];
	dataVersions: Record<string, string>;
	engineVersion: string;
	createdAt: string;
}

/** GET /api/checks/{id} and the pages: the record, whether its data changed, its re-runs. */
export interface SavedCheckView extends SavedCheck {
	dataChanges: DataChange[];
	/** Later re-runs of this check, newest first. */
	reruns: { id: number; createdAt: string; verdict: Verdict }[];
	/** For a re-run: how it differs from the check it re-ran. */
	diff: RecordDiff | null;
}

/** One row of /checks. */
export interface SavedCheckSummary {
	id: number;
	url: string;
	projectName: string;
	developer: string;
	projectType: ProjectType;
	verdict: Verdict;
	counties: string[];
	author: { id: number; name: string };
	createdAt: string;
	rerunOf: number | null;
}

/** Filters of GET /api/checks (all optional). `mine=false` lists everyone's (admins only). */
export interface SavedCheckFilter {
	q?: string;
	verdict?: Verdict;
	county?: string;
	/** YYYY-MM-DD, inclusive, China Standard Time. */
	from?: string;
	to?: string;
	all?: boolean;
}

/** How a re-run differs from the check it re-ran. */
export interface RecordDiff {
	before: { id: number; verdict: Verdict };
	after: { id: number; verdict: Verdict };
	added: Conflict[];
	removed: Conflict[];
	/** Same feature, overlap (or severity, relation) changed. */
	changed: { before: Conflict; after: Conflict }[];
}

/** 201 from POST /api/checks and POST /api/checks/{id}/rerun. */
export type SavedCheckCreated = CheckResponse & { id: number; url: string; diff?: RecordDiff };

/** A share link of a saved check; the token (and so the URL) is only known when it is made. */
export interface CheckShare {
	id: number;
	createdAt: string;
	revokedAt: string | null;
	/** Only in the answer of POST /api/checks/{id}/shares. */
	url?: string;
}

export const savedCheckUrl = (id: number) => `/check/${id}`;
