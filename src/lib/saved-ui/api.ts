// The browser's client of /api/checks: save, re-run, share, revoke. Errors come back as the
// one envelope ({error: {code, message, details}}; the check's own errors add `messages`).
import type { FeatureCollection } from 'geojson';
import type { CheckShare, FootprintInput, ProjectDetails, SavedCheckCreated } from '$lib/api/saved-checks';
import type { ReportLang } from '$lib/check/report';
import type { Localized, ProjectType } from '$lib/layers/types';

export type Outcome<T> = { ok: true; value: T } | { ok: false; status: number; message: Localized };

async function send<T>(method: string, url: string, body?: unknown): Promise<Outcome<T>> {
	let response: Response;
	try {
		response = await fetch(url, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		return { ok: false, status: 0, message: { zh: '无法连接服务器，请检查网络后重试。', en: 'The server cannot be reached: check the connection and try again.' } };
	}
	if (response.ok) return { ok: true, value: (response.status === 204 ? undefined : await response.json()) as T };
	const error = ((await response.json().catch(() => undefined)) as { error?: { message?: string; messages?: Localized } } | undefined)?.error;
	const text = error?.message ?? `HTTP ${response.status}`;
	return { ok: false, status: response.status, message: error?.messages ?? { zh: text, en: text } };
}

export interface SaveRequest extends ProjectDetails {
	footprint: FeatureCollection;
	projectType: ProjectType;
	lang: ReportLang;
	input: FootprintInput;
}

export const saveCheck = (request: SaveRequest) => send<SavedCheckCreated>('POST', '/api/checks', request);
export const rerunCheck = (id: number) => send<SavedCheckCreated>('POST', `/api/checks/${id}/rerun`, {});
export const createShare = (id: number) => send<CheckShare & { url: string }>('POST', `/api/checks/${id}/shares`, {});
export const revokeShare = (id: number, shareId: number) => send<undefined>('DELETE', `/api/checks/${id}/shares/${shareId}`);
