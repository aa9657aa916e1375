import { describe, expect, it } from 'vitest';
import { validateFootprint } from '../../check/validate';
import { canonicalJson, reportId } from './report-id';
import { negotiateLang, readCheckBody } from './request';

const post = (body: string, headers: Record<string, string> = {}) => new Request('http://x/api/check', { method: 'POST', body, headers });

describe('negotiateLang', () => {
	it('takes lang from the body, else the best of zh/en in Accept-Language, else zh', () => {
		expect(negotiateLang('en', 'zh-CN')).toBe('en');
		expect(negotiateLang(undefined, 'en-US,en;q=0.9')).toBe('en');
		expect(negotiateLang(undefined, 'fr;q=1, en;q=0.5, zh-CN;q=0.8')).toBe('zh');
		expect(negotiateLang(undefined, 'de-DE')).toBe('zh');
		expect(negotiateLang(undefined, null)).toBe('zh');
	});
});

describe('readCheckBody', () => {
	it('defaults projectType to other and reads lang variants', async () => {
		const r = await readCheckBody(post(JSON.stringify({ footprint: { type: 'Point', coordinates: [87, 44] }, lang: 'en-GB' })));
		expect(r).toEqual({ ok: true, body: { footprint: { type: 'Point', coordinates: [87, 44] }, projectType: 'other', lang: 'en', zones: false } });
	});

	it('refuses a declared length over 5 MB before reading it', async () => {
		const r = await readCheckBody(post('{}', { 'content-length': String(6 * 1024 * 1024) }));
		expect(r).toMatchObject({ ok: false, problem: { status: 413, code: 'body-too-large' } });
	});

	it('refuses an array as footprint', async () => {
		const r = await readCheckBody(post(JSON.stringify({ footprint: [[87, 44]] })));
		expect(r).toMatchObject({ ok: false, problem: { status: 400, code: 'invalid-request' } });
	});
});

describe('reportId', () => {
	const fp = (g: unknown) => {
		const v = validateFootprint(g);
		if (!v.ok) throw new Error(v.error.message.en);
		return v.footprint;
	};
	const square = { type: 'Polygon', coordinates: [[[87, 44], [87.01, 44], [87.01, 44.01], [87, 44.01], [87, 44]]] };
	const base = { projectType: 'building', dataVersions: { a: '1', b: '2' }, engineVersion: '1.0.0' };

	it('is 16 hex digits, the same for the same input however wrapped or ordered', () => {
		const id = reportId({ footprint: fp(square), ...base });
		expect(id).toMatch(/^[0-9a-f]{16}$/);
		expect(reportId({ footprint: fp({ type: 'Feature', properties: { x: 1 }, geometry: square }), ...base, dataVersions: { b: '2', a: '1' } })).toBe(id);
	});

	it('changes with the data version, the project type and the engine', () => {
		const id = reportId({ footprint: fp(square), ...base });
		expect(reportId({ footprint: fp(square), ...base, dataVersions: { a: '1', b: '3' } })).not.toBe(id);
		expect(reportId({ footprint: fp(square), ...base, projectType: 'mining' })).not.toBe(id);
		expect(reportId({ footprint: fp(square), ...base, engineVersion: '1.0.1' })).not.toBe(id);
	});

	it('writes canonical JSON with sorted keys', () => {
		expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: 'x', u: undefined })).toBe('{"a":"x","b":[1,{"c":2,"d":1}]}');
	});
});
