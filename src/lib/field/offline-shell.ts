// The field app's own offline start: its service worker and the kept copy of /field.
import { FIELD_PAGE, PAGE_CACHE } from './cache-names';

/** Installs the offline service worker (src/service-worker.ts) for the field app. */
export async function registerServiceWorker(): Promise<void> {
	if (!navigator.serviceWorker) return;
	await navigator.serviceWorker.register('/service-worker.js', { type: import.meta.env.DEV ? 'module' : 'classic' });
}

/**
 * Keeps the latest copy of this page and of its layout data (ssr is off: the page asks for
 * `__data.json` when it starts) for offline starts; the service worker answers from them.
 */
export async function keepFieldPage(): Promise<void> {
	if (!('caches' in window) || !navigator.serviceWorker) return;
	await navigator.serviceWorker.ready;
	const cache = await caches.open(PAGE_CACHE);
	for (const path of [FIELD_PAGE, `${FIELD_PAGE}/__data.json`]) {
		const response = await fetch(path, { credentials: 'same-origin', redirect: 'manual' });
		if (response.ok) await cache.put(path, response);
	}
}
