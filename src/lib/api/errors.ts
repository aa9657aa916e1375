import type { Geometry, Position } from 'geojson';
import type { Localized } from './i18n';

/**
 * The one error body of every API and serving route:
 * `{"error": {"code": "…", "message": "<in the request's language>", "details": …}}`.
 */
export interface ErrorEnvelope<Details = unknown> {
	error: { code: string; message: string; details?: Details };
}

/** The repair the check offers for a footprint it refuses (422). */
export type RepairOfferView = { available: true; geometry: Geometry; changes: Localized[] } | { available: false };

/** `details` of a refused check: the message in both languages, where the problem is, a repair. */
export interface CheckErrorDetails {
	messages: Localized;
	location?: Position;
	part?: number;
	ring?: number;
	repair?: RepairOfferView;
	/** The figures behind `too-complex`. */
	complexity?: TooComplexDetails;
}

/** Why a check was refused as too complex, with the figures a planner needs to simplify. */
export interface TooComplexDetails {
	reason: 'work-limit' | 'deadline';
	/** Vertices of the footprint (null when validation itself ran out of time). */
	vertices: number | null;
	/** Edges of the candidate features (null before they were collected). */
	candidateEdges: number | null;
	/** The bound on vertices × candidateEdges (CHECK_MAX_WORK). */
	limit: number;
	/** The running time a step may take (CHECK_DEADLINE_MS). */
	deadlineMs: number;
	/** The step that was stopped, for `deadline`. */
	step?: 'validate' | 'engine' | 'pdf';
}
