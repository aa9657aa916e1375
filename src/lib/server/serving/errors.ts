import type { Localized } from '../../api/i18n';
import { ApiError } from '../http/errors';

/**
 * Refusals of the layer-serving endpoints (tiles, TileJSON, OGC API, downloads). Each throws
 * an ApiError, which the request boundary answers in the one error envelope, in the
 * request's language — the same body as every other API route.
 */
export type ServingErrorCode = 'unknown-layer' | 'not-found' | 'invalid-tile' | 'invalid-parameter' | 'range-not-satisfiable' | 'method-not-allowed' | 'untrusted-host';

export function servingError(status: number, code: ServingErrorCode, messages: Localized, headers: Record<string, string> = {}): never {
	throw new ApiError(status, code, messages, undefined, headers);
}

export function unknownLayer(id: string): never {
	return servingError(404, 'unknown-layer', { zh: `没有名为“${id}”的公开图层。`, en: `There is no public layer "${id}".` });
}

/** A parameter the endpoint cannot use; `messages` say which and why. */
export function invalidParameter(messages: Localized): never {
	return servingError(400, 'invalid-parameter', messages);
}
