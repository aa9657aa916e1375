import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// The service worker (offline field app) is registered by /field only: public visitors
		// do not download the whole app shell for offline use.
		serviceWorker: { register: false },
		// Content-Security-Policy of the pages: SvelteKit adds a nonce for its own inline
		// scripts. MapLibre runs its worker from a blob: URL and draws data:/blob: images;
		// Svelte and MapLibre set inline styles. Online basemap hosts are added per
		// configuration by src/lib/server/http/security-headers.ts.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'worker-src': ['self', 'blob:'],
				'child-src': ['self', 'blob:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};
