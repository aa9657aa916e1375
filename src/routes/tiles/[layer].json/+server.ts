import { tileJsonResponse } from '$lib/server/tiles/tilejson';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, request, locals }) => tileJsonResponse(locals.db, params.layer, request);
