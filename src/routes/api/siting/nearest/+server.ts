import { handleNearest } from '$lib/server/siting/handler';
import type { RequestHandler } from './$types';

/**
 * The nearest site that works: `{"footprint", "projectType", "maxDistanceM", "accept"?}` → the
 * nearest placements of the same shape whose check verdict is no worse than `accept`, best first.
 */
export const POST: RequestHandler = (event) => handleNearest(event);
