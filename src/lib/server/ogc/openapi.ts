import { DEFAULT_LIMIT, MAX_LIMIT } from './items-query';
import { publishedLayers } from './documents';

const json = (schema: object) => ({ 'application/json': { schema } });
const geojson = { 'application/geo+json': { schema: { type: 'object' } } };
const html = { 'text/html': { schema: { type: 'string' } } };
const error = { description: 'Error', content: json({ $ref: '#/components/schemas/error' }) };

/**
 * The OpenAPI 3.0 definition linked from the landing page (`service-desc`). Clients
 * such as GDAL read the `limit` bounds from it.
 */
export function openApi(base: string) {
	const f = { name: 'f', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'html'] } };
	const collectionId = {
		name: 'collectionId',
		in: 'path',
		required: true,
		schema: { type: 'string', enum: publishedLayers().map((l) => l.id) }
	};
	return {
		openapi: '3.0.3',
		info: { title: '昌吉生态一张图 Changji EcoMap — OGC API – Features', version: '1.0.0' },
		servers: [{ url: base }],
		paths: {
			'/': { get: { summary: 'Landing page', parameters: [f], responses: { 200: { description: 'Landing page', content: { ...json({ type: 'object' }), ...html } } } } },
			'/conformance': { get: { summary: 'Conformance classes', parameters: [f], responses: { 200: { description: 'Conformance', content: { ...json({ type: 'object' }), ...html } } } } },
			'/collections': { get: { summary: 'Collections', parameters: [f], responses: { 200: { description: 'Collections', content: { ...json({ type: 'object' }), ...html } } } } },
			'/collections/{collectionId}': {
				get: { summary: 'A collection', parameters: [collectionId, f], responses: { 200: { description: 'Collection', content: { ...json({ type: 'object' }), ...html } }, 404: error } }
			},
			'/collections/{collectionId}/items': {
				get: {
					summary: 'Features of a collection; any public attribute may also be given as attribute=value',
					parameters: [
						collectionId,
						f,
						{ name: 'limit', in: 'query', required: false, style: 'form', explode: false, schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT } },
						{ name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0, default: 0 } },
						{ name: 'bbox', in: 'query', required: false, style: 'form', explode: false, schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } } },
						{ name: 'datetime', in: 'query', required: false, schema: { type: 'string' } }
					],
					responses: { 200: { description: 'Features', content: { ...geojson, ...html } }, 400: error, 404: error }
				}
			},
			'/collections/{collectionId}/items/{featureId}': {
				get: {
					summary: 'One feature',
					parameters: [collectionId, { name: 'featureId', in: 'path', required: true, schema: { type: 'integer' } }, f],
					responses: { 200: { description: 'Feature', content: { ...geojson, ...html } }, 404: error }
				}
			}
		},
		components: {
			schemas: {
				error: {
					type: 'object',
					properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } }
				}
			}
		}
	};
}
