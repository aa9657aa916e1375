import { z } from 'zod';
import type { Localized, ProjectType } from '../../layers/types';
import { PROJECT_TYPES } from '../../layers/types';
import type { ReportLang } from '../../check/report';
import { acceptedLang } from '../http/lang';

/** Largest request body a check accepts: a surveyed footprint of ~100 000 vertices fits. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface CheckBody {
	footprint: object;
	projectType: ProjectType;
	lang: ReportLang | undefined;
	/** Also return the conflicting zones' geometries (cut to the map's area, simplified). */
	zones: boolean;
}

export const Lang = z.preprocess(
	(v) => (typeof v === 'string' ? (v.toLowerCase().startsWith('en') ? 'en' : v.toLowerCase().startsWith('zh') ? 'zh' : v) : v),
	z.enum(['zh', 'en'])
);

const Body = z.object({
	footprint: z.custom<object>((v) => typeof v === 'object' && v !== null && !Array.isArray(v)),
	projectType: z.enum(PROJECT_TYPES).default('other'),
	lang: Lang.optional(),
	zones: z.boolean().default(false)
});

/** Why a request was refused before any geometry was looked at. */
export interface RequestProblem {
	status: 400 | 413;
	code: 'body-too-large' | 'invalid-json' | 'invalid-request';
	message: Localized;
}

/** The language the answer is written in: `lang` in the body, else Accept-Language, else Chinese. */
export function negotiateLang(bodyLang: ReportLang | undefined, acceptLanguage: string | null): ReportLang {
	return bodyLang ?? acceptedLang(acceptLanguage) ?? 'zh';
}

/** Reads at most `limit` bytes, without buffering a larger body first; undefined when larger. */
export async function readLimited(request: Request, limit: number): Promise<string | undefined> {
	const declared = Number(request.headers.get('content-length'));
	if (Number.isFinite(declared) && declared > limit) return undefined;
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel();
			return undefined;
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks).toString('utf8');
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): Localized {
	const field = String(issue.path[0] ?? '');
	if (field === 'projectType') {
		const given = JSON.stringify((raw as { projectType?: unknown }).projectType);
		const list = PROJECT_TYPES.join(', ');
		return { zh: `未知的项目类型 ${given}：可选 ${list}。`, en: `Unknown project type ${given}: use one of ${list}.` };
	}
	if (field === 'footprint')
		return {
			zh: '缺少项目范围：请求体须含 "footprint"（WGS84 经纬度的 GeoJSON 几何、要素或要素集）。',
			en: 'The project footprint is missing: the body needs "footprint" (GeoJSON geometry, Feature or FeatureCollection in WGS84 lon/lat).'
		};
	if (field === 'lang') return { zh: '语言 "lang" 须为 zh 或 en。', en: '"lang" must be zh or en.' };
	if (field === 'zones') return { zh: '"zones" 须为 true 或 false。', en: '"zones" must be true or false.' };
	return {
		zh: '请求格式不正确：需要 {"footprint": GeoJSON, "projectType"?: 项目类型}。',
		en: 'The request is not in the expected form: {"footprint": GeoJSON, "projectType"?: project type}.'
	};
}

/**
 * Reads and validates a check request: size, JSON, shape. Returns the body or the problem,
 * in both languages; the language of the answer is negotiated separately.
 */
export async function readCheckBody(request: Request): Promise<{ ok: true; body: CheckBody } | { ok: false; problem: RequestProblem; lang?: ReportLang }> {
	const text = await readLimited(request, MAX_BODY_BYTES);
	if (text === undefined)
		return {
			ok: false,
			problem: {
				status: 413,
				code: 'body-too-large',
				message: {
					zh: `请求过大：项目范围数据不得超过 ${mb(MAX_BODY_BYTES)} MB。请简化边界（减少节点）后重试。`,
					en: `The request is too large: footprint data may not exceed ${mb(MAX_BODY_BYTES)} MB. Simplify the boundary (fewer vertices) and try again.`
				}
			}
		};
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return {
			ok: false,
			problem: {
				status: 400,
				code: 'invalid-json',
				message: { zh: '请求体不是有效的 JSON。', en: 'The request body is not valid JSON.' }
			}
		};
	}
	const parsed = Body.safeParse(raw);
	if (!parsed.success) {
		const lang = Lang.safeParse((raw as { lang?: unknown } | null)?.lang);
		return {
			ok: false,
			problem: { status: 400, code: 'invalid-request', message: describeIssue(parsed.error.issues[0], raw) },
			lang: lang.success ? lang.data : undefined
		};
	}
	const { footprint, projectType, lang, zones } = parsed.data;
	return { ok: true, body: { footprint, projectType, lang, zones } };
}
