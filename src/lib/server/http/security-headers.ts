import type { Handle } from '@sveltejs/kit';
import type { Config } from '../config';

/**
 * The policy of responses that are not SvelteKit pages (JSON, tiles, downloads, the OGC
 * API's plain HTML pages with their one <style>): they load nothing and run nothing.
 */
const NON_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const FIXED_HEADERS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	// Online basemaps check the origin of the page, never its path or query.
	'referrer-policy': 'strict-origin-when-cross-origin',
	// For browsers that predate CSP frame-ancestors.
	'x-frame-options': 'DENY'
};

/** The origins of the configured online basemaps: the map fetches their tiles. */
export function basemapSources(config: Pick<Config, 'tianDiTuToken' | 'basemapXyzUrl'>): string[] {
	const sources: string[] = [];
	if (config.tianDiTuToken) sources.push('https://*.tianditu.gov.cn');
	const xyz = config.basemapXyzUrl && /^https?:\/\/[^/?#]+/i.exec(config.basemapXyzUrl)?.[0];
	// A {s} or {switch:a,b} subdomain placeholder becomes a wildcard host.
	if (xyz) sources.push(xyz.replace(/\{[^}]*\}\.?/g, '*.').replace('*.*.', '*.'));
	return sources;
}

/** Adds `sources` to the named directives of a CSP header value. */
export function allowSources(csp: string, directives: readonly string[], sources: readonly string[]): string {
	if (!sources.length) return csp;
	return csp
		.split(';')
		.map((part) => {
			const name = part.trim().split(/\s+/)[0];
			return directives.includes(name) ? `${part.trimEnd()} ${sources.join(' ')}` : part;
		})
		.join(';');
}

/**
 * Security headers on every response the app makes: pages keep the CSP SvelteKit wrote from
 * `kit.csp` (with its nonces), widened to the configured basemap hosts; everything else gets
 * a policy that allows nothing. Plus nosniff, a referrer policy and no framing.
 */
export function securityHeaders(config: Pick<Config, 'tianDiTuToken' | 'basemapXyzUrl'>): Handle {
	const basemaps = basemapSources(config);
	return async ({ event, resolve }) => {
		const apply = (headers: Headers) => {
			for (const [name, value] of Object.entries(FIXED_HEADERS)) if (!headers.has(name)) headers.set(name, value);
			const pageCsp = headers.get('content-security-policy');
			headers.set('content-security-policy', pageCsp ? allowSources(pageCsp, ['img-src', 'connect-src'], basemaps) : NON_PAGE_CSP);
		};
		const response = await resolve(event);
		try {
			apply(response.headers);
			return response;
		} catch {
			// Immutable headers (a fetched response passed through): copy, then set.
			const copy = new Response(response.body, response);
			apply(copy.headers);
			return copy;
		}
	};
}
