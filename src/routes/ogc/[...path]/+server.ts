import { database } from '$lib/server/database';
import { ogcResponse } from '$lib/server/ogc/router';
import type { RequestHandler } from './$types';

// One route for the whole API: its paths are parsed in one place, with the links it writes.
export const GET: RequestHandler = async ({ params, request }) => ogcResponse(await database(), request, params.path);
