import type { FeatureCollection, Geometry } from 'geojson';
import type { CheckResponse, ZoneGeometry } from '$lib/check/report';

/** What the report page needs: the answer of record and the geometries to draw it with. */
export interface StoredReport {
	response: CheckResponse;
	/** The footprint as sent to the API (for the PDF, which the server renders again). */
	request: FeatureCollection;
	/** The footprint as one geometry, for the report map. */
	footprint: Geometry;
	zones: ZoneGeometry[];
	illustrative: boolean;
	/** 方案 A, B … when the planner compared alternatives. */
	alternative?: string;
}

const KEY = (id: string) => `ecomap:check-report:${id}`;

// Also kept in memory: a full or disabled sessionStorage must not lose the report of this visit.
const memory = new Map<string, StoredReport>();

/**
 * Hands a result to /check/report?id=…: sessionStorage keeps it for this tab (and a reload
 * of the report), keyed by the report id.
 */
export function saveReport(report: StoredReport): void {
	memory.set(report.response.reportId, report);
	try {
		sessionStorage.setItem(KEY(report.response.reportId), JSON.stringify(report));
	} catch (error) {
		console.warn('[ecomap] report not kept in sessionStorage:', error);
	}
}

export function loadReport(id: string): StoredReport | undefined {
	const kept = memory.get(id);
	if (kept) return kept;
	try {
		const text = sessionStorage.getItem(KEY(id));
		return text ? (JSON.parse(text) as StoredReport) : undefined;
	} catch (error) {
		console.warn('[ecomap] stored report unreadable:', error);
		return undefined;
	}
}
