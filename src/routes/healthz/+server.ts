import { json } from '@sveltejs/kit';
import { database } from '$lib/server/database';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	try {
		const db = await database();
		const [row] = await db.query<{ version: string }>('SELECT postgis_lib_version() AS version');
		return json({ status: 'ok', backend: db.backend, postgis: row.version });
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return json({ status: 'unavailable', reason }, { status: 503, headers: { 'cache-control': 'no-store' } });
	}
};
