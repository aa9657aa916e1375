import { database } from '$lib/server/database';
import { tileJsonResponse } from '$lib/server/tiles/tilejson';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, request }) => tileJsonResponse(await database(), params.layer, request);
