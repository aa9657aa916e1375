import { styleResponse } from '$lib/server/tiles/style-json';
import type { RequestHandler } from './$types';

/** The whole public map as one MapLibre style (basemap, every public layer, versioned sources). */
export const GET: RequestHandler = ({ request, locals }) => styleResponse(locals.db, request);
