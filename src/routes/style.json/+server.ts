import { database } from '$lib/server/database';
import { styleResponse } from '$lib/server/tiles/style-json';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ request }) => styleResponse(await database(), request);
