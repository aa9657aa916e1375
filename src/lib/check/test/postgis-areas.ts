import type { Geometry } from 'geojson';
import type { LayerArea, OutsideFinding } from '../types';

type Query = (text: string, values: unknown[]) => Promise<Record<string, unknown>[]>;

/** What PostGIS says about a footprint and one layer's features, grouped by level (strictest first). */
export interface AreaTruth {
	/** ST_Area(ST_Intersection(f, ST_Union(all))::geography). */
	unionM2: number;
	/** Per level: ST_Area(ST_Difference(ST_Intersection(f, ST_Union(level)), ST_Union(stricter levels))::geography). */
	levelsM2: number[];
	/** ST_Area(ST_Difference(f, ST_Union(all))::geography). */
	outsideM2: number;
}

const SQL = `
WITH f AS MATERIALIZED (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g),
z AS MATERIALIZED (
	SELECT (e->>'rank')::int AS rank, ST_SetSRID(ST_GeomFromGeoJSON(e->>'g'), 4326) AS g
	FROM json_array_elements($2::json) AS e
),
lv AS MATERIALIZED (SELECT rank, ST_Union(g) AS g FROM z GROUP BY rank),
done AS MATERIALIZED (SELECT ST_Union(g) AS g FROM z)
SELECT -1 AS rank, ST_Area(ST_Intersection(f.g, done.g)::geography) AS area, ST_Area(ST_Difference(f.g, done.g)::geography) AS outside
FROM f, done
UNION ALL
SELECT lv.rank,
	ST_Area(ST_Difference(
		ST_Intersection(f.g, lv.g),
		COALESCE((SELECT ST_Union(s.g) FROM lv s WHERE s.rank < lv.rank), ST_SetSRID('POLYGON EMPTY'::geometry, 4326))
	)::geography) AS area,
	0 AS outside
FROM f, lv`;

/** The areas of record, from PostGIS, for the features given per level (index = rank, strictest first). */
export async function postgisAreas(query: Query, footprint: Geometry, levels: Geometry[][]): Promise<AreaTruth> {
	const zones = levels.flatMap((gs, rank) => gs.map((g) => ({ rank, g: JSON.stringify(g) })));
	const rows = await query(SQL, [JSON.stringify(footprint), JSON.stringify(zones)]);
	const union = rows.find((r) => Number(r.rank) === -1)!;
	return {
		unionM2: Number(union.area),
		outsideM2: Number(union.outside),
		levelsM2: levels.map((_, rank) => Number(rows.find((r) => Number(r.rank) === rank)?.area ?? 0))
	};
}

/** Differences beyond 0.1 % or 1 m² between the engine's layer area (and outside finding) and PostGIS's. */
export function areaMismatches(where: string, area: LayerArea, truth: AreaTruth, outside?: OutsideFinding): string[] {
	const tol = (v: number) => Math.max(1, v * 1e-3);
	const out: string[] = [];
	if (Math.abs(area.unionM2 - truth.unionM2) > tol(truth.unionM2)) out.push(`${where}: union ${area.unionM2} vs PostGIS ${truth.unionM2}`);
	(area.levels ?? []).forEach((l, i) => {
		if (Math.abs(l.areaM2 - truth.levelsM2[i]) > tol(truth.levelsM2[i])) out.push(`${where}: level ${l.level} ${l.areaM2} vs PostGIS ${truth.levelsM2[i]}`);
	});
	if (outside && Math.abs(outside.outsideM2 - truth.outsideM2) > tol(truth.outsideM2))
		out.push(`${where}: outside ${outside.outsideM2} vs PostGIS ${truth.outsideM2}`);
	return out;
}
