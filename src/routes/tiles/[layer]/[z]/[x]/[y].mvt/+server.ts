import { tileResponse } from '$lib/server/tiles/handler';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, request, locals }) => tileResponse(locals.db, params, request);
