import { createHash } from 'node:crypto';
import type { MultiPolygon } from 'geojson';
import type { SitingResponse } from '../../api/siting';
import { zoningLayers } from '../../layers/registry';
import type { ProjectType } from '../../layers/types';
import type { SitingClass } from '../../siting/classes';
import { zoneTerms } from '../../siting/zone-terms';
import { marginDegrees } from '../check/candidates';
import { zoningDataState } from '../check/data-state';
import type { Db } from '../db/types';
import { layerVersions } from '../layer-writer';
import { TileCache } from '../tiles/cache';
import { resolveArea, areaKey } from './area';
import { classMapSql } from './class-map-sql';
import type { AreaInput } from './request';

/**
 * Class maps kept in this process, as the JSON sent: the key holds the project type, every zoning
 * layer's data version, the county layer's version and the rules themselves, so a change of data
 * or of the registry makes old entries unreachable (the LRU then lets them go). 32 MB holds the
 * whole prefecture (~1 MB) for every project type many times over.
 */
const CACHE_BYTES = 32 * 1024 * 1024;
let cache = new TileCache(CACHE_BYTES);
const inflight = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();

/** Forgets every class map of this process: `npm run bench:siting` measures cold maps this way. */
export function forgetClassMaps(): void {
	cache = new TileCache(CACHE_BYTES);
}

/** What the rules say per layer for this project type: part of the key, so a registry change invalidates. */
function rulesKey(projectType: ProjectType): string {
	const terms = zoneTerms(zoningLayers(), projectType).map((t) => [t.layer.id, t.layer.table, t.layer.zoning?.levelAttribute, t.inside, t.nearby, t.outside ?? null]);
	return createHash('sha256').update(JSON.stringify(terms)).digest('base64url').slice(0, 16);
}

export interface ClassMapOutcome {
	/** The SitingResponse as JSON bytes. */
	json: Uint8Array<ArrayBuffer>;
	cached: boolean;
}

/**
 * The class map of an area for a project type: from the cache, else computed in PostGIS (one
 * statement for the area, one for the classes; see class-map-sql.ts). Concurrent requests for
 * the same map share one computation.
 */
export async function sitingClassMap(db: Db, projectType: ProjectType, area: AreaInput): Promise<ClassMapOutcome> {
	const [state, versions] = await Promise.all([zoningDataState(db), layerVersions(db)]);
	const countyVersion = versions.get('county')?.version ?? 0;
	const where = await areaKey(db, area);
	const key = `${db.backend}|${projectType}|${rulesKey(projectType)}|${JSON.stringify(state.versions)}|county@${countyVersion}|${where}`;
	const hit = cache.get(key);
	if (hit) return { json: hit, cached: true };
	let running = inflight.get(key);
	if (!running) {
		running = compute(db, projectType, area, where, state.versions, state.illustrative).finally(() => inflight.delete(key));
		inflight.set(key, running);
	}
	const json = await running;
	cache.set(key, json);
	return { json, cached: false };
}

async function compute(
	db: Db,
	projectType: ProjectType,
	area: AreaInput,
	where: string,
	dataVersions: Record<string, string>,
	illustrative: boolean
): Promise<Uint8Array<ArrayBuffer>> {
	const resolved = await resolveArea(db, area, where);
	const statement = classMapSql(zoneTerms(zoningLayers(), projectType), (m) => marginDegrees(m, resolved.bbox), resolved.geojson);
	const rows = await db.query<{ class: SitingClass; geometry: string; area_m2: number }>(statement.text, statement.values);
	// The classes partition the area: if they do not add up, a geometry operation failed (PGlite
	// answers no rows instead of an error on a GEOS failure) and a partial map would mislead.
	const classed = rows.reduce((sum, r) => sum + r.area_m2, 0);
	if (Math.abs(classed - resolved.areaM2) > Math.max(1, resolved.areaM2 * 1e-6))
		throw new Error(`siting class map incomplete: classes cover ${classed} m² of ${resolved.areaM2} m² (${where}, ${projectType})`);
	const response: SitingResponse = {
		type: 'FeatureCollection',
		projectType,
		areaM2: Math.round(resolved.areaM2 * 100) / 100,
		dataVersions,
		illustrative,
		features: rows.map((r) => ({
			type: 'Feature',
			properties: { class: r.class, areaM2: Math.round(r.area_m2 * 100) / 100 },
			geometry: JSON.parse(r.geometry) as MultiPolygon
		}))
	};
	return new TextEncoder().encode(JSON.stringify(response)) as Uint8Array<ArrayBuffer>;
}
