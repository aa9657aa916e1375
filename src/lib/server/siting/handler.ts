import type { SitingResponse } from '../../api/siting';
import { TooComplexError } from '../check/complexity';
import { checkBuckets } from '../check/handler';
import { checksBusyError, rateLimitedError, tooComplexError } from '../check/responses';
import type { Db } from '../db/types';
import { PoolSaturatedError } from '../check/pool/worker-pool';
import { sitingClassMap } from './class-map';
import { classMapFlatGeobuf } from './flatgeobuf';
import { nearestSites } from './nearest';
import { readNearestBody, readSitingBody } from './request';

export interface SitingEvent {
	request: Request;
	getClientAddress: () => string;
	locals: { db: Db };
}

/** A class map and a site search cost a check or more: they share the check's rate limit. */
function takeToken(event: SitingEvent): void {
	const allowed = checkBuckets().take(event.getClientAddress());
	if (!allowed.ok) throw rateLimitedError(allowed.retryAfterS);
}

/**
 * POST /api/siting: the class map of an area for a project type, as GeoJSON or (format `fgb`)
 * FlatGeobuf for download. `x-siting-cache: hit | miss` says whether it was computed.
 */
export async function handleClassMap(event: SitingEvent): Promise<Response> {
	takeToken(event);
	const body = await readSitingBody(event.request);
	const { json, cached } = await sitingClassMap(event.locals.db, body.projectType, body.area);
	const headers = { 'cache-control': 'no-store', 'x-siting-cache': cached ? 'hit' : 'miss' };
	if (body.format === 'fgb') {
		const map = JSON.parse(new TextDecoder().decode(json)) as SitingResponse;
		return new Response(await classMapFlatGeobuf(map), {
			headers: { ...headers, 'content-type': 'application/flatgeobuf', 'content-disposition': `attachment; filename="siting-${body.projectType}.fgb"` }
		});
	}
	return new Response(json, { headers: { ...headers, 'content-type': 'application/geo+json; charset=utf-8' } });
}

/** POST /api/siting/nearest: the nearest placements of a footprint that meet the verdict asked for. */
export async function handleNearest(event: SitingEvent): Promise<Response> {
	takeToken(event);
	const body = await readNearestBody(event.request);
	try {
		const answer = await nearestSites(event.locals.db, body);
		return new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
	} catch (error) {
		if (error instanceof TooComplexError) throw tooComplexError(error.details);
		if (error instanceof PoolSaturatedError) throw checksBusyError(error.retryAfterS);
		throw error;
	}
}
