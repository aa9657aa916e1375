import type { CheckLocation } from '../../api/saved-checks';
import { getLayer } from '../../layers/registry';
import type { Db } from '../db/types';

/** How many nearby towns the report names. */
const TOWNS = 2;

function table(id: string): string {
	const layer = getLayer(id);
	if (!layer) throw new Error(`The registry has no ${id} layer`);
	return `"${layer.table}"`;
}

/**
 * Where a footprint (GeoJSON, WGS84) lies: the counties it touches and the nearest towns or
 * seats, with the geodesic distance and the footprint's bearing seen from each. The town layer
 * holds points, so a footprint is placed relative to them ("三工镇东北约 3.2 千米").
 */
export async function checkLocation(db: Db, footprintGeoJson: string): Promise<CheckLocation> {
	const [row] = await db.query<{ location: CheckLocation | string }>(
		`WITH fp AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g),
		near AS (
			-- The KNN order (degrees) picks candidates; the geodesic distance sorts them.
			SELECT t.name, t.name_en, t.kind, t.geom FROM ${table('town')} t, fp ORDER BY t.geom <-> ST_PointOnSurface(fp.g) LIMIT ${TOWNS * 4}
		),
		towns AS (
			SELECT near.name, near.name_en, near.kind,
				ST_Distance(near.geom::geography, fp.g::geography) AS distance,
				COALESCE(degrees(ST_Azimuth(near.geom::geography, ST_PointOnSurface(fp.g)::geography)), 0) AS bearing
			FROM near, fp ORDER BY 4 LIMIT ${TOWNS}
		)
		SELECT json_build_object(
			'counties', COALESCE((SELECT json_agg(json_build_object('name', c.name, 'nameEn', c.name_en) ORDER BY c.name)
				FROM ${table('county')} c, fp WHERE ST_Intersects(c.geom, fp.g)), '[]'::json),
			'towns', COALESCE((SELECT json_agg(json_build_object('name', name, 'nameEn', name_en, 'kind', kind,
				'distanceM', round(distance::numeric, 1), 'bearingDeg', round(bearing::numeric, 1)) ORDER BY distance) FROM towns), '[]'::json)
		) AS location`,
		[footprintGeoJson]
	);
	return typeof row.location === 'string' ? (JSON.parse(row.location) as CheckLocation) : row.location;
}
