import type { Handle, HandleServerError, RequestEvent } from '@sveltejs/kit';
import { redirect } from '@sveltejs/kit';
import { accessFor, decide } from '../auth/access';
import { sessionUser } from '../auth/session';
import { database, readDatabase } from '../database';
import type { Db } from '../db/types';
import { isDatabaseUnavailable } from '../db/unavailable';
import { ApiError, asApiError, databaseUnavailable, errorResponse, forbidden, methodNotAllowed, notFound, unauthenticated } from './errors';
import { requestLang } from './lang';
import { nulInRequest } from './nul-text';

/** Paths answered as JSON (API and serving routes); everything else is a page. */
const MACHINE_PATHS = /^\/(api|tiles|ogc|download|healthz|style\.json)(\/|$|\.)/;

export const isMachineRequest = (event: RequestEvent) => MACHINE_PATHS.test(event.url.pathname);

/**
 * The request boundary: builds `event.locals` once — database, user, language — and
 * decides authorisation for the route group before the route runs. Failures thrown
 * below come back through `handleError` as `locals.failure` and leave as the one error
 * envelope with the right status (503 + Retry-After when the database is down).
 */
export const boundary: Handle = async ({ event, resolve }) => {
	const { locals } = event;
	locals.lang = requestLang(event.url, event.cookies, event.request.headers.get('accept-language'));
	const nul = nulInRequest(event);
	if (nul) return isMachineRequest(event) ? errorResponse(nul, locals.lang) : errorPage(nul, locals.lang);
	// Routes that need a database that could not be opened get a 503 when they read it.
	const opened = async (open: () => Promise<Db>) => open().catch(() => undefined);
	const [db, readDb] = await Promise.all([opened(database), opened(readDatabase)]);
	for (const [name, value] of [['db', db], ['readDb', readDb]] as const)
		Object.defineProperty(locals, name, {
			get: () => {
				if (!value) throw databaseUnavailable();
				return value;
			},
			enumerable: true,
			configurable: true
		});

	try {
		locals.user = event.cookies.get('ecomap_session') ? await sessionUser(locals.db, event.cookies) : null;
		const verdict = decide(accessFor(event.route.id, event.request.method), locals.user?.role);
		if (verdict !== 'ok') {
			if (isMachineRequest(event)) return errorResponse(verdict === 'forbidden' ? forbidden() : unauthenticated(), locals.lang);
			if (verdict === 'unauthenticated') redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
			return errorPage(forbidden(), locals.lang);
		}
	} catch (error) {
		if (!(error instanceof ApiError || isDatabaseUnavailable(error))) throw error;
		const failure = asApiError(error);
		return isMachineRequest(event) ? errorResponse(failure, locals.lang) : errorPage(failure, locals.lang);
	}

	const response = await resolve(event);
	const failure = locals.failure;
	if (failure && isMachineRequest(event)) return errorResponse(failure, locals.lang);
	// SvelteKit answers a method a route does not export itself, in plain text.
	if (response.status === 405 && isMachineRequest(event) && !response.headers.get('content-type')?.includes('json'))
		return errorResponse(methodNotAllowed(response.headers.get('allow') ?? ''), locals.lang);
	// A page that could not load for want of the database: 503 + Retry-After, not a bare 500.
	if (failure && failure.code === 'database-unavailable') return errorPage(failure, locals.lang);
	return response;
};

/** A minimal page for refusals of page routes (the JSON envelope is for machines). */
function errorPage(error: ApiError, lang: 'zh' | 'en'): Response {
	const message = error.messages[lang];
	const html = `<!doctype html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><meta charset="utf-8"><title>${error.status}</title><main><h1>${error.status}</h1><p>${message}</p><p><a href="/">${lang === 'zh' ? '返回地图' : 'Back to the map'}</a></p></main></html>`;
	return new Response(html, {
		status: error.status,
		headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...error.headers }
	});
}

/**
 * Errors thrown below the boundary, and SvelteKit's own (no such route: 404): log the
 * unexpected ones, remember the answer for the boundary.
 */
export const handleServerError: HandleServerError = ({ error, event, status }) => {
	const own = error instanceof ApiError || isDatabaseUnavailable(error);
	const failure = !own && status === 404 ? notFound() : asApiError(error);
	event.locals.failure = failure;
	if (failure.status >= 500 && failure.code === 'internal') console.error(`[ecomap] ${event.request.method} ${event.url.pathname}:`, error);
	return { code: failure.code, message: failure.messages[event.locals.lang ?? 'zh'] };
};
