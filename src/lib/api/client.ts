import type { ErrorEnvelope } from './errors';
import type { FeatureDetails, LayerStats, SearchHit, Summary } from './public-map';

/** A refusal from the API, read from the one error envelope (or made up from the status). */
export class ApiRequestError<Details = unknown> extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly details?: Details
	) {
		super(message);
		this.name = 'ApiRequestError';
	}
}

/** The envelope of a response that is not 2xx, as an ApiRequestError. */
export async function problemOf<Details = unknown>(response: Response): Promise<ApiRequestError<Details>> {
	const body = (await response.json().catch(() => undefined)) as Partial<ErrorEnvelope<Details>> | undefined;
	const error = body?.error;
	return new ApiRequestError(response.status, error?.code ?? String(response.status), error?.message ?? `HTTP ${response.status}`, error?.details);
}

/** fetch that throws ApiRequestError unless the answer is 2xx. */
export async function send(path: string, init: RequestInit = {}): Promise<Response> {
	const response = await fetch(path, init);
	if (!response.ok) throw await problemOf(response);
	return response;
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
	return (await (await send(path, { signal })).json()) as T;
}

/** The public map's endpoints, typed. */
export const api = {
	layerStats: (signal?: AbortSignal) => getJson<LayerStats[]>('/api/layers', signal),
	summary: (signal?: AbortSignal) => getJson<Summary>('/api/summary', signal),
	search: (q: string, signal?: AbortSignal) => getJson<SearchHit[]>(`/api/search?q=${encodeURIComponent(q)}`, signal),
	featureDetails: (layer: string, id: number, signal?: AbortSignal) =>
		getJson<FeatureDetails>(`/api/layers/${encodeURIComponent(layer)}/features/${id}`, signal)
};
