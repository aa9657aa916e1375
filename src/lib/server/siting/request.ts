import { z } from 'zod';
import { NEAREST_MAX_DISTANCE_M, SITING_MAX_RADIUS_M } from '../../api/siting';
import type { Localized } from '../../layers/types';
import { PROJECT_TYPES } from '../../layers/types';
import { ACCEPTABLE } from '../../siting/classes';
import { ApiError } from '../http/errors';
import { MAX_BODY_BYTES, readLimited } from '../check/request';

const lon = z.number().finite().min(-180).max(180);
const lat = z.number().finite().min(-90).max(90);
const position = z.tuple([lon, lat]).rest(z.number());
const ring = z.array(position).min(4);

/** Largest drawn area (vertices): a box or a traced outline, not a survey. */
export const MAX_AREA_VERTICES = 10_000;

const PolygonArea = z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }).refine(
	(p) => p.coordinates.reduce((n, r) => n + r.length, 0) <= MAX_AREA_VERTICES,
	{ message: 'too-many-vertices' }
);
const Area = z.union([
	PolygonArea,
	z.object({ county: z.string().min(1).max(100) }).strict(),
	z.object({ point: z.tuple([lon, lat]), radiusM: z.number().finite().positive().max(SITING_MAX_RADIUS_M) }).strict(),
	z.object({ prefecture: z.literal(true) }).strict()
]);

const SitingBody = z.object({
	projectType: z.enum(PROJECT_TYPES),
	area: Area,
	format: z.enum(['geojson', 'fgb']).default('geojson')
});
export type SitingBody = z.infer<typeof SitingBody>;
export type AreaInput = z.infer<typeof Area>;

const NearestBody = z.object({
	footprint: z.custom<object>((v) => typeof v === 'object' && v !== null && !Array.isArray(v)),
	projectType: z.enum(PROJECT_TYPES),
	maxDistanceM: z.number().finite().positive().max(NEAREST_MAX_DISTANCE_M),
	accept: z.enum(ACCEPTABLE).default('clear')
});
export type NearestBody = z.infer<typeof NearestBody>;

const FIELD_HELP: Record<string, Localized> = {
	projectType: { zh: `项目类型 "projectType" 须为：${PROJECT_TYPES.join(', ')}。`, en: `"projectType" must be one of ${PROJECT_TYPES.join(', ')}.` },
	area: {
		zh: `范围 "area" 须为 GeoJSON 面（WGS84，不超过 ${MAX_AREA_VERTICES} 个顶点）、{"county": 县市名称或代码}、{"point": [经度, 纬度], "radiusM": 半径（米，≤ ${SITING_MAX_RADIUS_M}）} 或 {"prefecture": true}。`,
		en: `"area" must be a GeoJSON Polygon (WGS84, at most ${MAX_AREA_VERTICES} vertices), {"county": county name or code}, {"point": [lon, lat], "radiusM": metres (≤ ${SITING_MAX_RADIUS_M})} or {"prefecture": true}.`
	},
	format: { zh: '"format" 须为 geojson 或 fgb。', en: '"format" must be geojson or fgb.' },
	footprint: {
		zh: '缺少项目范围：请求体须含 "footprint"（WGS84 经纬度的 GeoJSON 几何、要素或要素集）。',
		en: 'The project footprint is missing: the body needs "footprint" (GeoJSON geometry, Feature or FeatureCollection in WGS84 lon/lat).'
	},
	maxDistanceM: {
		zh: `"maxDistanceM" 须为正数，单位米，不超过 ${NEAREST_MAX_DISTANCE_M}。`,
		en: `"maxDistanceM" must be a positive number of metres, at most ${NEAREST_MAX_DISTANCE_M}.`
	},
	accept: { zh: `"accept" 须为：${ACCEPTABLE.join(', ')}。`, en: `"accept" must be one of ${ACCEPTABLE.join(', ')}.` }
};

const invalid = (messages: Localized) => new ApiError(400, 'invalid-request', messages, { messages });

/** Size, JSON and shape of a siting request: ApiError 413/400 with the field that is wrong. */
async function readBody<T>(request: Request, schema: z.ZodType<T>, form: Localized): Promise<T> {
	const text = await readLimited(request, MAX_BODY_BYTES);
	if (text === undefined) {
		const messages = { zh: `请求过大：不得超过 ${MAX_BODY_BYTES / 1024 / 1024} MB。`, en: `The request is too large: at most ${MAX_BODY_BYTES / 1024 / 1024} MB.` };
		throw new ApiError(413, 'body-too-large', messages, { messages });
	}
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		const messages = { zh: '请求体不是有效的 JSON。', en: 'The request body is not valid JSON.' };
		throw new ApiError(400, 'invalid-json', messages, { messages });
	}
	const parsed = schema.safeParse(raw);
	if (parsed.success) return parsed.data;
	const field = String(parsed.error.issues[0]?.path[0] ?? '');
	throw invalid(FIELD_HELP[field] ?? form);
}

/** POST /api/siting: `{"projectType", "area", "format"?}`. */
export const readSitingBody = (request: Request) =>
	readBody(request, SitingBody, {
		zh: '请求格式不正确：需要 {"projectType": 项目类型, "area": 范围}。',
		en: 'The request is not in the expected form: {"projectType": project type, "area": area}.'
	});

/** POST /api/siting/nearest: `{"footprint", "projectType", "maxDistanceM", "accept"?}`. */
export const readNearestBody = (request: Request) =>
	readBody(request, NearestBody, {
		zh: '请求格式不正确：需要 {"footprint": GeoJSON, "projectType", "maxDistanceM", "accept"?}。',
		en: 'The request is not in the expected form: {"footprint": GeoJSON, "projectType", "maxDistanceM", "accept"?}.'
	});
