// Geometry validity, decided by PostGIS (the same GEOS rules as the tables' CHECK
// constraints): which geometries are invalid, why and where; and their repair.
import type { Geometry, Position } from 'geojson';
import type { LayerDef } from '../../layers/types';
import type { Db } from '../db/types';

export interface InvalidGeometry {
	/** Index into the array given. */
	index: number;
	reason: string;
	/** Where the problem is (lon, lat), when PostGIS can say. */
	location?: Position;
}

const BATCH = 500;

const VALIDITY_SQL = `
	SELECT (a.n - 1)::int AS i, d.reason, ST_X(d.location) AS x, ST_Y(d.location) AS y
	FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(g, n)
	CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(a.g), 4326) AS geom) AS parsed
	CROSS JOIN LATERAL ST_IsValidDetail(parsed.geom) AS d
	WHERE NOT d.valid`;

async function invalidIn(db: Db, geometries: readonly Geometry[], offset: number): Promise<InvalidGeometry[]> {
	const rows = await db.query<{ i: number; reason: string; x: number | null; y: number | null }>(VALIDITY_SQL, [
		JSON.stringify(geometries)
	]);
	return rows.map((r) => ({
		index: offset + r.i,
		reason: r.reason,
		location: r.x === null || r.y === null ? undefined : [r.x, r.y]
	}));
}

/**
 * The invalid geometries among `geometries` (WGS84). A geometry PostGIS cannot even build
 * (say a ring of two points) is reported with PostGIS's error as the reason. Runs in
 * savepoints, so a failure does not abort the caller's transaction.
 */
export async function findInvalidGeometries(
	db: Db,
	geometries: readonly Geometry[],
	onBatch?: (checked: number) => void
): Promise<InvalidGeometry[]> {
	const invalid: InvalidGeometry[] = [];
	for (let start = 0; start < geometries.length; start += BATCH) {
		const batch = geometries.slice(start, start + BATCH);
		try {
			invalid.push(...(await db.transaction((tx) => invalidIn(tx, batch, start))));
		} catch {
			// Find the ones PostGIS rejects outright, one at a time.
			for (let i = 0; i < batch.length; i++) {
				try {
					invalid.push(...(await db.transaction((tx) => invalidIn(tx, [batch[i]], start + i))));
				} catch (error) {
					invalid.push({ index: start + i, reason: (error as Error).message });
				}
			}
		}
		onBatch?.(Math.min(start + BATCH, geometries.length));
	}
	return invalid;
}

const EXTRACT_TYPE: Record<LayerDef['geometry'], number> = { point: 1, line: 2, polygon: 3 };

/**
 * ST_MakeValid, keeping only the layer's kind of geometry (a repaired polygon can throw off
 * lines or points). Null where nothing of that kind is left.
 */
export async function repairGeometries(db: Db, layer: LayerDef, geometries: readonly Geometry[]): Promise<(Geometry | null)[]> {
	const repaired: (Geometry | null)[] = [];
	for (let start = 0; start < geometries.length; start += BATCH) {
		const rows = await db.query<{ geometry: string | null }>(
			`SELECT CASE WHEN ST_IsEmpty(r.geom) THEN NULL ELSE ST_AsGeoJSON(r.geom, 15) END AS geometry
			 FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(g, n)
			 CROSS JOIN LATERAL (
			   SELECT ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(a.g), 4326)), $2::int) AS geom
			 ) AS r
			 ORDER BY a.n`,
			[JSON.stringify(geometries.slice(start, start + BATCH)), EXTRACT_TYPE[layer.geometry]]
		);
		repaired.push(...rows.map((r) => (r.geometry ? (JSON.parse(r.geometry) as Geometry) : null)));
	}
	return repaired;
}
