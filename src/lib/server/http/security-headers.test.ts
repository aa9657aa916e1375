import type { RequestEvent, ResolveOptions } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { allowSources, basemapSources, securityHeaders } from './security-headers';

const event = {} as RequestEvent;
const run = (sut: ReturnType<typeof securityHeaders>, response: Response) =>
	sut({ event, resolve: (() => Promise.resolve(response)) as (e: RequestEvent, o?: ResolveOptions) => Promise<Response> });

describe('security headers', () => {
	it('give a non-page response a policy that allows nothing, and the fixed headers', async () => {
		const sut = securityHeaders({ tianDiTuToken: undefined, basemapXyzUrl: undefined });
		const response = await run(sut, Response.json({ ok: true }));
		expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(response.headers.get('x-frame-options')).toBe('DENY');
	});

	it('keep the page policy SvelteKit wrote, widened to the configured basemap hosts', async () => {
		const sut = securityHeaders({ tianDiTuToken: 'token', basemapXyzUrl: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png' });
		const page = new Response('<html></html>', {
			headers: { 'content-security-policy': "default-src 'self'; img-src 'self' data: blob:; connect-src 'self'; script-src 'self' 'nonce-abc'" }
		});
		const csp = (await run(sut, page)).headers.get('content-security-policy')!;
		expect(csp).toContain("script-src 'self' 'nonce-abc'");
		expect(csp).toContain("img-src 'self' data: blob: https://*.tianditu.gov.cn https://*.tiles.example.org");
		expect(csp).toContain("connect-src 'self' https://*.tianditu.gov.cn https://*.tiles.example.org");
		expect(csp).toMatch(/^default-src 'self';/);
	});

	it('copy a response whose headers are immutable', async () => {
		const sut = securityHeaders({ tianDiTuToken: undefined, basemapXyzUrl: undefined });
		const fetched = Response.redirect('http://localhost/elsewhere', 302); // immutable headers
		const response = await run(sut, fetched);
		expect(response.status).toBe(302);
		expect(response.headers.get('location')).toBe('http://localhost/elsewhere');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
	});

	it('name basemap origins only', () => {
		expect(basemapSources({ tianDiTuToken: undefined, basemapXyzUrl: 'https://tile.example.com/{z}/{x}/{y}.png?key=secret' })).toEqual([
			'https://tile.example.com'
		]);
		expect(allowSources("img-src 'self'; font-src 'self'", ['img-src'], [])).toBe("img-src 'self'; font-src 'self'");
	});
});
