import { LAYERS } from '../layers/registry';
import type { Group } from '../layers/types';
import type { Db } from './db/types';
import type { SearchHit } from '../api/public-map';

/** Places people look for first: counties and towns, then zones and sites, then the rest. */
const GROUP_ORDER: Record<Group, number> = { basemap: 2, zoning: 1, restoration: 1, monitoring: 3 };
const layerRank = (id: string) => (id === 'county' ? 0 : id === 'town' ? 0.5 : GROUP_ORDER[LAYERS.find((l) => l.id === id)?.group ?? 'monitoring']);

/** Escapes LIKE wildcards so a user's `%` or `_` matches itself. */
export function likePattern(text: string, prefixOnly = false): string {
	const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
	return prefixOnly ? `${escaped}%` : `%${escaped}%`;
}

const PER_LAYER = 8;

/**
 * Features of every registry layer whose Chinese or English name contains `text`
 * (case-insensitive), names that start with it first. One parameterised statement.
 */
export async function searchFeatures(db: Db, text: string, limit = 12): Promise<SearchHit[]> {
	const query = text.trim();
	if (!query) return [];
	// $1 contains, $2 starts with; $3… the layer ids. Tables and columns come from the registry.
	const sql = LAYERS.map(
		(layer, i) => `(SELECT $${i + 3}::text AS layer, id, name, name_en,
			ST_XMin(geom) AS west, ST_YMin(geom) AS south, ST_XMax(geom) AS east, ST_YMax(geom) AS north,
			CASE WHEN name ILIKE $2 OR name_en ILIKE $2 THEN 0 ELSE 1 END AS rank
		FROM "${layer.table}" WHERE name ILIKE $1 OR name_en ILIKE $1
		ORDER BY rank, length(name), id LIMIT ${PER_LAYER})`
	).join(' UNION ALL ');
	const rows = await db.query<{
		layer: string;
		id: number;
		name: string;
		name_en: string | null;
		west: number;
		south: number;
		east: number;
		north: number;
		rank: number;
	}>(sql, [likePattern(query), likePattern(query, true), ...LAYERS.map((l) => l.id)]);
	return rows
		.sort((a, b) => a.rank - b.rank || layerRank(a.layer) - layerRank(b.layer) || a.name.length - b.name.length)
		.slice(0, limit)
		.map((r) => ({
			layer: r.layer,
			id: Number(r.id),
			name: r.name,
			nameEn: r.name_en,
			bbox: [Number(r.west), Number(r.south), Number(r.east), Number(r.north)]
		}));
}
