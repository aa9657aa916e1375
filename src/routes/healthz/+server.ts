import { json } from '@sveltejs/kit';
import { databaseUnavailable, errorResponse } from '$lib/server/http/errors';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	try {
		const db = locals.db;
		const [row] = await db.query<{ version: string }>('SELECT postgis_lib_version() AS version');
		return json({ status: 'ok', backend: db.backend, postgis: row.version }, { headers: { 'cache-control': 'no-store' } });
	} catch (error) {
		// The reason (host, port, driver message) goes to the server log, never to the public.
		console.error('[ecomap] /healthz:', error instanceof Error ? error.message : error);
		return errorResponse(databaseUnavailable(), locals.lang);
	}
};
