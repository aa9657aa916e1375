import { database } from '$lib/server/database';
import { tileResponse } from '$lib/server/tiles/handler';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, request }) => tileResponse(await database(), params, request);
