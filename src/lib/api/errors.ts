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
}
