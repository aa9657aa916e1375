import { handleCheck } from '$lib/server/check/handler';
import type { RequestHandler } from './$types';

/**
 * The conflict check of record: `{"footprint": GeoJSON (WGS84), "projectType"?, "lang"?}` →
 * verdict, conflicts with overlap and distance, data versions, report id.
 */
export const POST: RequestHandler = (event) => handleCheck(event, 'json');
