// Sites for the list and the site page: from the server when it answers, else from what
// this tablet stored (downloaded areas and sites opened before), with distance and
// bearing computed on the device.
import type { FieldSite, FieldSiteDetail, FieldSitesQuery, FieldSitesResponse } from '../api/field';
import { send } from '../api/client';
import { fieldDb } from './local-db';
import { bearingDeg, distanceM, type Bbox, type LonLat } from './geo';

const NETWORK_WAIT_MS = 15_000;

export interface Sourced<T> {
	value: T;
	/** Read from the tablet's storage because the network did not answer. */
	offline: boolean;
}

function queryString(query: FieldSitesQuery): string {
	const params = new URLSearchParams();
	for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(name, String(value));
	return params.toString();
}

/** A network failure (no connection, timeout), as opposed to an answer from the server. */
export function isNetworkFailure(error: unknown): boolean {
	return error instanceof TypeError || (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError'));
}

export async function fetchSites(query: FieldSitesQuery): Promise<FieldSite[]> {
	const response = await send(`/api/field/sites?${queryString(query)}`, { signal: AbortSignal.timeout(NETWORK_WAIT_MS) });
	return ((await response.json()) as FieldSitesResponse).sites;
}

/**
 * Distance to the nearest point of the site's box (0 inside it): offline the tablet has no
 * outlines, and the box ranks nested zones as the server's distance to the outline does.
 */
function distanceToBbox(from: LonLat, [w, s, e, n]: Bbox): number {
	const nearest: LonLat = [Math.min(e, Math.max(w, from[0])), Math.min(n, Math.max(s, from[1]))];
	return distanceM(from, nearest);
}

/** The stored sites that match the query, nearest first when a position is given. */
export function filterStored(sites: FieldSite[], query: FieldSitesQuery): FieldSite[] {
	const from: LonLat | undefined = query.lon !== undefined && query.lat !== undefined ? [query.lon, query.lat] : undefined;
	const matching = sites
		.filter((s) => !query.county || s.county === query.county)
		.filter((s) => !query.layer || s.layer === query.layer)
		.filter((s) => !query.status || s.status === query.status)
		.filter((s) => !query.notInspectedSince || !s.lastInspection || s.lastInspection.inspectedAt.slice(0, 10) < query.notInspectedSince)
		.map((s) => (from ? { ...s, distanceM: distanceToBbox(from, s.bbox), bearingDeg: bearingDeg(from, s.centroid) } : s));
	matching.sort((a, b) => (from ? (a.distanceM ?? 0) - (b.distanceM ?? 0) : a.name.localeCompare(b.name, 'zh')));
	return matching.slice(0, query.limit ?? 200);
}

export async function loadSites(query: FieldSitesQuery): Promise<Sourced<FieldSite[]>> {
	try {
		return { value: await fetchSites(query), offline: false };
	} catch (error) {
		if (!isNetworkFailure(error)) throw error;
		const stored = await (await fieldDb()).getAll('sites');
		return { value: filterStored(stored.map((s) => s.site), query), offline: true };
	}
}

/** Keeps a site page on the tablet: every page opened online can be read offline later. */
async function remember(detail: FieldSiteDetail): Promise<void> {
	const db = await fieldDb();
	const existing = await db.get('sites', detail.key);
	await db.put('sites', { key: detail.key, site: detail, detail, areas: existing?.areas ?? [] });
}

export async function fetchSiteDetail(key: string): Promise<FieldSiteDetail> {
	const response = await send(`/api/field/sites/${key}`, { signal: AbortSignal.timeout(NETWORK_WAIT_MS) });
	return (await response.json()) as FieldSiteDetail;
}

export async function loadSiteDetail(key: string): Promise<Sourced<FieldSiteDetail | undefined>> {
	try {
		const detail = await fetchSiteDetail(key);
		await remember(detail);
		return { value: detail, offline: false };
	} catch (error) {
		if (!isNetworkFailure(error)) throw error;
		const stored = await (await fieldDb()).get('sites', key);
		return { value: stored?.detail, offline: true };
	}
}
