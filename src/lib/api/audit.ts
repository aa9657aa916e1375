/** One row of the audit trail as `/api/admin/audit` returns it. */
export interface AuditRowView {
	id: number;
	/** ISO 8601 timestamp. */
	at: string;
	actorId: number | null;
	actor: string | null;
	address: string | null;
	userAgent: string | null;
	action: string;
	entity: string | null;
	entityId: string | null;
	before: unknown;
	after: unknown;
}

/** Filters of `/admin/audit`, `/api/admin/audit` and its CSV export (query parameters). */
export interface AuditFilter {
	/** An action, or a prefix ending in "." (e.g. `user.`). */
	action?: string;
	/** The actor's username (exact). */
	actor?: string;
	entity?: string;
	entityId?: string;
	/** Dates (YYYY-MM-DD) in China Standard Time, both included. */
	from?: string;
	to?: string;
}

/** `GET /api/admin/audit` → newest first; pass `before=<nextBefore>` for the next page. */
export interface AuditPage {
	rows: AuditRowView[];
	nextBefore: number | null;
}
