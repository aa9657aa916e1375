import { json } from '@sveltejs/kit';
import { databaseUnavailable, errorResponse } from '$lib/server/http/errors';
import { unexpectedlyEmptyLayers } from '$lib/server/layer-loads';
import type { RequestHandler } from './$types';

const noStore = { 'cache-control': 'no-store' };

// ok: everything is there. degraded (still 200: the app serves, a restart would not help):
// layers that should hold rows hold none, listed in emptyLayers. 503: no database.
export const GET: RequestHandler = async ({ locals }) => {
	try {
		const db = locals.db;
		const [row] = await db.query<{ version: string }>('SELECT postgis_lib_version() AS version');
		const emptyLayers = await unexpectedlyEmptyLayers(db);
		const status = emptyLayers.length ? 'degraded' : 'ok';
		return json({ status, backend: db.backend, postgis: row.version, ...(emptyLayers.length ? { emptyLayers } : {}) }, { headers: noStore });
	} catch (error) {
		// The reason (host, port, driver message) goes to the server log, never to the public.
		console.error('[ecomap] /healthz:', error instanceof Error ? error.message : error);
		return errorResponse(databaseUnavailable(), locals.lang);
	}
};
