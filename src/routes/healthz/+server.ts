import { json } from '@sveltejs/kit';
import { database } from '$lib/server/database';
import { unexpectedlyEmptyLayers } from '$lib/server/layer-loads';
import type { RequestHandler } from './$types';

const noStore = { 'cache-control': 'no-store' };

/** A reason that names what failed, never where the database is (host, port, user). */
function publicReason(error: unknown): string {
	const code = (error as { code?: unknown })?.code;
	return typeof code === 'string' ? `database unavailable (${code})` : 'database unavailable';
}

// ok: everything is there. degraded (still 200: the app serves, a restart would not help):
// layers that should hold rows hold none, listed in emptyLayers. 503: no database.
export const GET: RequestHandler = async () => {
	try {
		const db = await database();
		const [row] = await db.query<{ version: string }>('SELECT postgis_lib_version() AS version');
		const emptyLayers = await unexpectedlyEmptyLayers(db);
		const status = emptyLayers.length ? 'degraded' : 'ok';
		return json({ status, backend: db.backend, postgis: row.version, ...(emptyLayers.length ? { emptyLayers } : {}) }, { headers: noStore });
	} catch (error) {
		console.error('[ecomap] /healthz:', error instanceof Error ? error.message : error);
		return json({ status: 'unavailable', reason: publicReason(error) }, { status: 503, headers: noStore });
	}
};
