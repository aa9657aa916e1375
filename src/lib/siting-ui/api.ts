import type { Acceptable, NearestResponse, SitingArea, SitingResponse } from '$lib/api/siting';
import { problemOf } from '$lib/api/client';
import type { CheckErrorDetails } from '$lib/api/errors';
import type { Localized } from '$lib/api/i18n';
import type { ProjectType } from '$lib/layers/types';

/** A refusal or failure, in both languages (from the error envelope when there is one). */
export interface SitingProblem {
	status: number;
	messages: Localized;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: SitingProblem };

async function post(path: string, body: unknown, accept = 'application/json'): Promise<Outcome<Response>> {
	try {
		const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(body) });
		if (response.ok) return { ok: true, value: response };
		const problem = await problemOf<Partial<CheckErrorDetails>>(response);
		const messages = problem.details?.messages ?? { zh: problem.message, en: problem.message };
		return { ok: false, problem: { status: response.status, messages } };
	} catch {
		return { ok: false, problem: { status: 0, messages: { zh: '无法连接服务器，请检查网络后重试。', en: 'The server cannot be reached: check the connection and try again.' } } };
	}
}

async function json<T>(outcome: Outcome<Response>): Promise<Outcome<T>> {
	return outcome.ok ? { ok: true, value: (await outcome.value.json()) as T } : outcome;
}

/** POST /api/siting: the class map of an area. */
export const postSiting = async (projectType: ProjectType, area: SitingArea) => json<SitingResponse>(await post('/api/siting', { projectType, area }));

/** POST /api/siting with `format: fgb`: the same class map as a FlatGeobuf file. */
export async function postSitingFlatGeobuf(projectType: ProjectType, area: SitingArea): Promise<Outcome<Blob>> {
	const outcome = await post('/api/siting', { projectType, area, format: 'fgb' }, 'application/flatgeobuf');
	return outcome.ok ? { ok: true, value: await outcome.value.blob() } : outcome;
}

/** POST /api/siting/nearest: the nearest placements of a footprint that meet `accept`. */
export const postNearest = async (footprint: unknown, projectType: ProjectType, maxDistanceM: number, accept: Acceptable) =>
	json<NearestResponse>(await post('/api/siting/nearest', { footprint, projectType, maxDistanceM, accept }));
