/** Machine-readable reasons a layer-serving request failed. */
export type ErrorCode =
	| 'unknown_layer'
	| 'not_found'
	| 'invalid_tile'
	| 'invalid_parameter'
	| 'range_not_satisfiable'
	| 'method_not_allowed'
	| 'untrusted_host';

/** The error body every serving endpoint returns: `{ error: { code, message } }`. */
export function errorResponse(status: number, code: ErrorCode, message: string, headers: HeadersInit = {}): Response {
	return new Response(JSON.stringify({ error: { code, message } }), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers }
	});
}

export function unknownLayer(id: string): Response {
	return errorResponse(404, 'unknown_layer', `There is no public layer "${id}".`);
}
