import type { FeatureCollection, Geometry, Position } from 'geojson';
import { problemOf } from '$lib/api/client';
import type { CheckErrorDetails } from '$lib/api/errors';
import type { Localized } from '$lib/api/i18n';
import type { CheckResponse, ReportLang } from '$lib/check/report';
import type { ProjectType } from '$lib/layers/types';

/** What POST /api/check says when it cannot check (400/422) or will not now (429, 503). */
export interface ApiError {
	code: string;
	message: string;
	messages: Localized;
	location?: Position;
	repair?: { available: boolean; geometry?: Geometry };
}

export interface CheckRequest {
	footprint: FeatureCollection;
	projectType: ProjectType;
	lang: ReportLang;
}

export type ApiOutcome<T> = { ok: true; value: T } | { ok: false; status: number; error: ApiError };

const L = (zh: string, en: string): Localized => ({ zh, en });

/** The error of a response that is not 2xx: the envelope's details, or made up from the status. */
async function errorOf(response: Response): Promise<ApiError> {
	const problem = await problemOf<Partial<CheckErrorDetails>>(response);
	const details = problem.details;
	const base = { code: problem.code, message: problem.message };
	if (details?.messages) return { ...base, messages: details.messages, location: details.location, repair: details.repair };
	if (response.status === 429)
		return { ...base, messages: L('核查请求过于频繁，请稍后再试。', 'Too many checks in a short time: try again in a minute.') };
	if (response.status === 503)
		return { ...base, messages: L('数据库暂时不可用，请稍后再试。', 'The database is unavailable; please try again shortly.') };
	return {
		...base,
		messages: L(`服务器未能完成核查（HTTP ${response.status}）。`, `The server could not complete the check (HTTP ${response.status}).`)
	};
}

const offline = (error: unknown): ApiError => ({
	code: 'network',
	message: String(error),
	messages: L('无法连接服务器，请检查网络后重试。', 'The server cannot be reached: check the connection and try again.')
});

/** POST /api/check: the check of record, on PostGIS's candidates, with a report id. */
export async function postCheck(request: CheckRequest): Promise<ApiOutcome<CheckResponse>> {
	try {
		const response = await fetch('/api/check', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(request)
		});
		if (!response.ok) return { ok: false, status: response.status, error: await errorOf(response) };
		return { ok: true, value: (await response.json()) as CheckResponse };
	} catch (error) {
		return { ok: false, status: 0, error: offline(error) };
	}
}

/** POST /api/check/report.pdf: the report as the server prints it, with the file name it suggests. */
export async function postReportPdf(request: CheckRequest & { reportId?: string }): Promise<ApiOutcome<{ blob: Blob; filename: string }>> {
	try {
		const response = await fetch('/api/check/report.pdf', {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/pdf' },
			body: JSON.stringify(request)
		});
		if (!response.ok) return { ok: false, status: response.status, error: await errorOf(response) };
		const disposition = response.headers.get('content-disposition') ?? '';
		const named = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1];
		const filename = named ? decodeURIComponent(named) : `check-report${request.reportId ? `-${request.reportId}` : ''}.pdf`;
		return { ok: true, value: { blob: await response.blob(), filename } };
	} catch (error) {
		return { ok: false, status: 0, error: offline(error) };
	}
}
