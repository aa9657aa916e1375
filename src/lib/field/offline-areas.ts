// "Download area for offline": the vector tiles of the field, basemap and zoning layers over
// an area and zoom range, the zoning layers' FlatGeobuf files and the check page go to Cache
// Storage (the service worker answers from it), the area's sites and site pages to IndexedDB.
import type { AreaEstimate, FieldSite, FieldSiteDetail } from '../api/field';
import { send } from '../api/client';
import { AREA_FILES, areaDataLayers, areaTileLayers, dataFileUrl, layerTiles } from './area-contents';
import { TILE_CACHE } from './cache-names';
import { fieldDb, type OfflineArea } from './local-db';
import { bboxesIntersect, type Bbox } from './geo';
import { fetchSiteDetail, fetchSites } from './site-data';

const PARALLEL = 4;

export interface AreaRequest {
	name: string;
	/** A county (Chinese name): its sites' extent; or an explicit box. */
	county?: string;
	bbox?: Bbox;
	minZoom: number;
	maxZoom: number;
}

export interface AreaPlan extends AreaRequest {
	bbox: Bbox;
	sites: FieldSite[];
	tileCount: number;
	/** The server's estimate of what the download stores (tiles, data files, site pages). */
	estimate: AreaEstimate;
	estimateBytes: number;
}

export interface DownloadProgress {
	done: number;
	total: number;
	bytes: number;
}

function union(boxes: Bbox[]): Bbox | undefined {
	if (boxes.length === 0) return undefined;
	return boxes.reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
}

/** What a download would store and about how much: asked before it starts (needs the network). */
export async function planArea(request: AreaRequest): Promise<AreaPlan> {
	const all = await fetchSites({ county: request.county, limit: 500 });
	const sites = request.bbox ? all.filter((s) => bboxesIntersect(s.bbox, request.bbox!)) : all;
	const bbox = request.bbox ?? union(sites.map((s) => s.bbox));
	if (!bbox) throw new Error('no-sites');
	const params = new URLSearchParams({ bbox: bbox.map((n) => n.toFixed(5)).join(','), minZoom: String(request.minZoom), maxZoom: String(request.maxZoom) });
	const estimate = (await (await send(`/api/field/area-estimate?${params}`)).json()) as AreaEstimate;
	return {
		...request,
		bbox,
		sites,
		tileCount: estimate.tiles,
		estimate,
		estimateBytes: estimate.tileBytes + estimate.dataBytes + estimate.siteBytesEach * sites.length
	};
}

/** This page's origin for a URL the server built (it may guess another scheme). */
function sameOrigin(url: string): string {
	const resolved = new URL(url, location.href);
	return `${location.origin}${resolved.pathname}${resolved.search}`;
}

async function tileUrls(plan: AreaPlan, cache: Cache, signal: AbortSignal): Promise<{ urls: string[]; bytes: number }> {
	const urls: string[] = [];
	let bytes = 0;
	for (const id of areaTileLayers()) {
		const tiles = layerTiles(id, plan.bbox, plan.minZoom, plan.maxZoom);
		if (tiles.length === 0) continue;
		const tileJsonUrl = `${location.origin}/tiles/${id}.json`;
		const response = await fetch(tileJsonUrl, { signal });
		if (!response.ok) throw new Error(`${id}: HTTP ${response.status}`);
		const text = await response.text();
		bytes += text.length;
		await cache.put(tileJsonUrl, new Response(text, { headers: { 'content-type': 'application/json' } }));
		urls.push(tileJsonUrl);
		// Filled in before parsing: URL() would percent-encode the {z}/{x}/{y} placeholders.
		const template = (JSON.parse(text) as { tiles: string[] }).tiles[0];
		for (const [z, x, y] of tiles) urls.push(sameOrigin(template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y))));
	}
	return { urls, bytes };
}

/** Downloads an area; `signal` cancels (what was stored for it alone is removed again). */
export async function downloadArea(plan: AreaPlan, onProgress: (p: DownloadProgress) => void, signal: AbortSignal): Promise<OfflineArea> {
	const id = crypto.randomUUID();
	const cache = await caches.open(TILE_CACHE);
	const db = await fieldDb();
	const stored: string[] = [];
	try {
		const tiles = await tileUrls(plan, cache, signal);
		const files = [...AREA_FILES, ...areaDataLayers().map(dataFileUrl)].map((path) => `${location.origin}${path}`);
		const jobs: (() => Promise<number>)[] = [
			...[...tiles.urls.filter((u) => !u.endsWith('.json')), ...files].map((url) => async () => {
				// A tile URL names its data version, so a kept copy is current; pages and data files are fetched anew.
				const hit = files.includes(url) ? undefined : await cache.match(url);
				if (hit) return (await hit.blob()).size;
				const response = await fetch(url, { signal });
				if (!response.ok && response.status !== 204) throw new Error(`${new URL(url).pathname}: HTTP ${response.status}`);
				// Empty tiles come as 204: kept as they are, so the map gets the same answer offline.
				const copy = response.clone();
				await cache.put(url, response);
				stored.push(url);
				return (await copy.blob()).size;
			}),
			...plan.sites.map((site) => async () => {
				const detail: FieldSiteDetail = await fetchSiteDetail(site.key);
				const existing = await db.get('sites', site.key);
				await db.put('sites', { key: site.key, site, detail, areas: [...new Set([...(existing?.areas ?? []), id])] });
				return JSON.stringify(detail).length;
			})
		];
		const progress: DownloadProgress = { done: 0, total: jobs.length, bytes: tiles.bytes };
		onProgress({ ...progress });
		let next = 0;
		// A failed job stops the others; every worker has settled before the clean-up below, so
		// nothing is stored after it.
		let failure: { reason: unknown } | undefined;
		const worker = async () => {
			while (next < jobs.length && !failure) {
				if (signal.aborted) throw signal.reason;
				// Not `bytes += await …`: that reads bytes before the await and loses the other workers' counts.
				const bytes = await jobs[next++]();
				progress.bytes += bytes;
				progress.done += 1;
				onProgress({ ...progress });
			}
		};
		await Promise.all(Array.from({ length: PARALLEL }, () => worker().catch((reason: unknown) => void (failure ??= { reason }))));
		if (failure) throw failure.reason;
		const area: OfflineArea = {
			id,
			name: plan.name,
			bbox: plan.bbox,
			county: plan.county,
			minZoom: plan.minZoom,
			maxZoom: plan.maxZoom,
			urls: [...tiles.urls, ...files],
			siteKeys: plan.sites.map((s) => s.key),
			bytes: progress.bytes,
			estimateBytes: plan.estimateBytes,
			createdAt: new Date().toISOString()
		};
		await db.put('areas', area);
		return area;
	} catch (error) {
		await forget(id, stored);
		throw error;
	}
}

/** Removes an area's tiles and sites that no other area keeps. */
async function forget(areaId: string, urls: string[]): Promise<void> {
	const db = await fieldDb();
	const others = (await db.getAll('areas')).filter((a) => a.id !== areaId);
	const kept = new Set(others.flatMap((a) => a.urls));
	const cache = await caches.open(TILE_CACHE);
	await Promise.all(urls.filter((u) => !kept.has(u)).map((u) => cache.delete(u)));
	for (const site of await db.getAll('sites')) {
		if (!site.areas.includes(areaId)) continue;
		const areas = site.areas.filter((a) => a !== areaId);
		// A site with a queued inspection stays: its page is needed until the queue is sent.
		const queued = (await db.getAllFromIndex('queue', 'bySite', site.key)).some((q) => q.state !== 'synced');
		if (areas.length === 0 && !queued) await db.delete('sites', site.key);
		else await db.put('sites', { ...site, areas });
	}
}

export async function deleteArea(area: OfflineArea): Promise<void> {
	await forget(area.id, area.urls);
	await (await fieldDb()).delete('areas', area.id);
}

export async function listAreas(): Promise<OfflineArea[]> {
	return (await (await fieldDb()).getAll('areas')).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Bytes this site's origin uses on the device (all caches and IndexedDB), and the quota. */
export async function storageUsed(): Promise<{ usage: number; quota: number } | undefined> {
	const estimate = await navigator.storage?.estimate?.();
	return estimate ? { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0 } : undefined;
}

export function formatBytes(bytes: number): string {
	if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
