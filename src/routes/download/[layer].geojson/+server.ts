import { database } from '$lib/server/database';
import { downloadResponse } from '$lib/server/downloads/handler';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, request }) => downloadResponse(await database(), params.layer, 'geojson', request);
