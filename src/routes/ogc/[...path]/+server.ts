import { ogcResponse } from '$lib/server/ogc/router';
import type { RequestHandler } from './$types';

// One route for the whole API: its paths are parsed in one place, with the links it writes.
export const GET: RequestHandler = ({ params, request, locals }) => ogcResponse(locals, request, params.path);
