import { downloadResponse } from '$lib/server/downloads/handler';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, request, locals }) => downloadResponse(locals.db, params.layer, 'geojson', request);
