import { handleCheck } from '$lib/server/check/handler';
import type { RequestHandler } from './$types';

/** The check of record as an A4 PDF report (zh or en): same body as POST /api/check. */
export const POST: RequestHandler = (event) => handleCheck(event, 'pdf');
