/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// The field app offline: the app shell (built JS/CSS and static files) is precached, /field
// is kept from its last visit, tiles of downloaded areas are answered from Cache Storage,
// and photos (immutable, named by their hash) once seen. A downloaded area also keeps the
// check page and the zoning layers' FlatGeobuf files, whose range reads are answered from
// the stored file offline, so the check's preview runs there. Everything else goes to the network.
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
import { FIELD_PAGE, PAGE_CACHE, PHOTO_CACHE, TILE_CACHE } from '$lib/field/cache-names';
import { parseRange } from '$lib/http/range';

const SHELL_CACHE = `ecomap-shell-${version}`;
/** Answered from the last copy when offline. */
const KEPT_FROM_LAST_ANSWER = ['/api/layers/county/outline', '/basemap/landscape.geojson', '/manifest.webmanifest', '/style.json', '/api/layers'];
/** Pages (and their layout data, as ssr is off) answered from the last copy when offline. */
const PAGES = [FIELD_PAGE, '/check'];

const SHELL = [...build, ...files.filter((f) => !f.endsWith('.md'))];
const SHELL_SET = new Set(SHELL);

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			// /field itself is kept by the page once this worker is ready (src/lib/field/offline-shell.ts).
			await (await caches.open(SHELL_CACHE)).addAll(SHELL);
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key.startsWith('ecomap-shell-') && key !== SHELL_CACHE) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

/** Network first; a good answer replaces the kept copy; no network → the kept copy. */
async function networkFirst(request: Request, cacheName: string, key: string): Promise<Response> {
	const cache = await caches.open(cacheName);
	try {
		const response = await fetch(request);
		if (response.ok && response.type === 'basic' && !response.redirected) await cache.put(key, response.clone());
		return response;
	} catch (error) {
		// Downloaded areas keep their own copies (e.g. the county outline) in the tile cache.
		const kept = (await cache.match(key)) ?? (await caches.match(key)) ?? (await caches.match(request));
		if (kept) return kept;
		throw error;
	}
}

async function cacheFirst(request: Request, cacheName: string): Promise<Response> {
	const cache = await caches.open(cacheName);
	const kept = await cache.match(request);
	if (kept) return kept;
	const response = await fetch(request);
	if (response.ok && cacheName === PHOTO_CACHE) await cache.put(request, response.clone());
	return response;
}

/**
 * A FlatGeobuf download: the network, passing the Range through; offline, the part asked for
 * is cut from the whole file a downloaded area stored (206, as the server would answer).
 */
async function dataFile(request: Request, path: string): Promise<Response> {
	try {
		return await fetch(request);
	} catch (error) {
		const kept = await (await caches.open(TILE_CACHE)).match(path);
		if (!kept) throw error;
		const bytes = await kept.arrayBuffer();
		const range = parseRange(request.headers.get('range'), bytes.byteLength);
		const type = kept.headers.get('content-type') ?? 'application/octet-stream';
		if (range.kind === 'part')
			return new Response(bytes.slice(range.start, range.end + 1), {
				status: 206,
				headers: { 'content-type': type, 'content-range': `bytes ${range.start}-${range.end}/${bytes.byteLength}` }
			});
		if (range.kind === 'unsatisfiable') return new Response(null, { status: 416, headers: { 'content-range': `bytes */${bytes.byteLength}` } });
		return new Response(bytes, { headers: { 'content-type': type } });
	}
}

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	const path = url.pathname;

	if (SHELL_SET.has(path)) event.respondWith(cacheFirst(request, SHELL_CACHE));
	// /field is one page (site, form, queue and areas are views of it): one kept copy serves them all; so is /check.
	else if (PAGES.includes(path) && request.mode === 'navigate') event.respondWith(networkFirst(request, PAGE_CACHE, path));
	// With ssr off a page asks for its data (who is signed in) separately: kept the same way.
	else if (PAGES.some((page) => path === `${page}/__data.json`)) event.respondWith(networkFirst(request, PAGE_CACHE, path));
	else if (path.startsWith('/download/') && path.endsWith('.fgb')) event.respondWith(dataFile(request, path));
	else if (path.startsWith('/tiles/') && path.endsWith('.json')) event.respondWith(networkFirst(request, TILE_CACHE, url.href));
	else if (path.startsWith('/tiles/')) event.respondWith(cacheFirst(request, TILE_CACHE));
	else if (path.startsWith('/api/field/photos/')) event.respondWith(cacheFirst(request, PHOTO_CACHE));
	else if (KEPT_FROM_LAST_ANSWER.includes(path)) event.respondWith(networkFirst(request, PAGE_CACHE, path));
});
