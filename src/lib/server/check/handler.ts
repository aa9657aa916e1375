import type { ReportLang } from '../../check/report';
import { readConfig } from '../config';
import type { Db } from '../db/types';
import { TooComplexError } from './complexity';
import { PoolSaturatedError } from './pool/worker-pool';
import { checkError, checksBusy, footprintErrorResponse, jsonResponse, rateLimited, tooComplex } from './responses';
import { TokenBuckets } from './rate-limit';
import { negotiateLang, readCheckBody } from './request';
import { checkFootprint } from './run-check';
import { reportPdfResponse } from './pdf/response';
import { zoneGeometries } from './zone-geometries';

/** What the check endpoints need of a SvelteKit RequestEvent. */
export interface CheckEvent {
	request: Request;
	getClientAddress: () => string;
	/** A live check reads the data where read routes read (a replica when there is one); saving a check reads the primary. */
	locals: { readDb: Db };
}

let limiter: TokenBuckets | undefined;
/** One bucket set for the check endpoints and siting guidance: a PDF, a class map and a site search are checks too. */
export function checkBuckets(): TokenBuckets {
	limiter ??= new TokenBuckets(readConfig().checkRateLimitPerMinute);
	return limiter;
}

/**
 * POST /api/check (`as: 'json'`) and POST /api/check/report.pdf (`as: 'pdf'`): rate limit per
 * client address → body (size, JSON, shape) → the check of record (CPU work in check workers) →
 * JSON result or PDF report; too much work is 422 `too-complex`, a saturated pool 503 `busy`.
 */
export async function handleCheck(event: CheckEvent, as: 'json' | 'pdf'): Promise<Response> {
	const { request } = event;
	const acceptLang = request.headers.get('accept-language');
	const allowed = checkBuckets().take(event.getClientAddress());
	if (!allowed.ok) return rateLimited(allowed.retryAfterS, negotiateLang(undefined, acceptLang));

	const read = await readCheckBody(request);
	if (!read.ok) return checkError(read.problem.status, read.problem.code, read.problem.message, negotiateLang(read.lang, acceptLang));
	const lang: ReportLang = negotiateLang(read.body.lang, acceptLang);

	const db = event.locals.readDb;
	try {
		const outcome = await checkFootprint(db, { footprint: read.body.footprint, projectType: read.body.projectType });
		if (!outcome.ok) return footprintErrorResponse(outcome.error, outcome.repair, lang);
		if (as === 'pdf') return await reportPdfResponse(db, outcome, lang);
		const t = outcome.timings;
		const body = read.body.zones
			? { ...outcome.response, zones: await zoneGeometries(db, outcome.response.conflicts, outcome.response.footprint.bbox) }
			: outcome.response;
		return jsonResponse(body, {
			'server-timing': `validate;dur=${t.validate.toFixed(1)}, data;dur=${t.data.toFixed(1)}, candidates;dur=${t.candidates.toFixed(1)}, engine;dur=${t.engine.toFixed(1)}`
		});
	} catch (error) {
		if (error instanceof TooComplexError) return tooComplex(error.details, lang);
		if (error instanceof PoolSaturatedError) return checksBusy(error.retryAfterS, lang);
		throw error;
	}
}
