import { downloadResponse } from '$lib/server/downloads/handler';
import { versionedReadDb } from '$lib/server/serving/read-db';
import type { RequestHandler } from './$types';

// Read from the replica when it holds the version the URL names (serving/read-db.ts).
export const GET: RequestHandler = async ({ params, request, locals }) =>
	downloadResponse(await versionedReadDb(locals, params.layer, request), params.layer, 'geojson', request);
