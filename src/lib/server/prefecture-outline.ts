import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { getLayer } from '../layers/registry';
import type { Db } from './db/types';

/**
 * The prefecture's outline: the union of the county polygons, lightly simplified for the
 * basemap. Computed from the live `county` rows, so an imported authoritative boundary
 * replaces the schematic one without another file to update.
 */
export async function prefectureOutline(db: Db): Promise<Feature<Polygon | MultiPolygon> | undefined> {
	const county = getLayer('county');
	if (!county) throw new Error('The registry has no county layer');
	// 0.001° ≈ 100 m: invisible at the zooms where the outline matters.
	const [row] = await db.query<{ geometry: string | null }>(
		`SELECT ST_AsGeoJSON(ST_SimplifyPreserveTopology(ST_Union(geom), 0.001), 5) AS geometry FROM "${county.table}"`
	);
	if (!row?.geometry) return undefined;
	return { type: 'Feature', properties: {}, geometry: JSON.parse(row.geometry) as Polygon | MultiPolygon };
}
