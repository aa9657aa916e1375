import { json } from '@sveltejs/kit';
import { auditFilterFrom, auditPage } from '$lib/server/audit/query';
import type { RequestHandler } from './$types';

/** The audit trail, newest first, 100 a page: `?action=&actor=&entity=&entityId=&from=&to=&before=`. */
export const GET: RequestHandler = async ({ locals, url }) =>
	json(await auditPage(locals.db, auditFilterFrom(url)), { headers: { 'cache-control': 'no-store' } });
