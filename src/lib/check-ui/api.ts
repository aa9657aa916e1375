import type { FeatureCollection, Geometry, Position } from 'geojson';
import type { CheckResponse, ReportLang } from '$lib/check/report';
import type { Localized, ProjectType } from '$lib/layers/types';

/** What POST /api/check says when it cannot check (400/422) or will not now (429). */
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

/** The error of a response that is not 2xx, in the API's shape or made up from the status. */
async function errorOf(response: Response): Promise<ApiError> {
	const body = (await response.json().catch(() => undefined)) as { error?: Partial<ApiError> } | undefined;
	const error = body?.error;
	if (error?.messages) return { code: error.code ?? String(response.status), message: error.message ?? '', ...error, messages: error.messages };
	if (response.status === 429)
		return { code: 'rate_limited', message: 'Too many checks', messages: L('核查请求过于频繁，请稍后再试。', 'Too many checks in a short time: try again in a minute.') };
	return {
		code: String(response.status),
		message: error?.message ?? response.statusText,
		messages: L(`服务器未能完成核查（HTTP ${response.status}）。`, `The server could not complete the check (HTTP ${response.status}).`)
	};
}

const offline = (error: unknown): ApiError => ({
	code: 'network',
	message: String(error),
	messages: L('无法连接服务器，请检查网络后重试。', 'The server cannot be reached: check the connection and try again.')
});

/** POST /api/check: the check of record, with the turf clipping and a report id. */
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
