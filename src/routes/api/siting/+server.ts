import { handleClassMap } from '$lib/server/siting/handler';
import type { RequestHandler } from './$types';

/**
 * Siting guidance (选址引导): `{"projectType", "area", "format"?}` → the area classed by the
 * strongest rule the check would apply there (forbidden … clear), one feature per class with
 * its area; GeoJSON, or FlatGeobuf with `"format": "fgb"`.
 */
export const POST: RequestHandler = (event) => handleClassMap(event);
