import type { Geometry } from 'geojson';
import type { MapContext, MapContextFeature } from '../../check/report-map';
import type { BBox } from '../../check/types';
import { getLayer } from '../../layers/registry';
import type { Db } from '../db/types';
import { prefectureOutline } from '../prefecture-outline';
import { marginDegrees } from './candidates';

/** Drawing order: water under the county lines, towns on top. */
const KINDS: MapContextFeature['kind'][] = ['lake', 'river', 'county', 'town'];

/**
 * The report map's basemap context around a footprint — county boundaries (as lines), rivers,
 * lakes and towns, cut to a box wider than any report frame — and the prefecture's outline for
 * the location inset. Basemap only: the check's figures never depend on it. One statement
 * for the context, one for the outline.
 */
export async function reportMapContext(db: Db, footprintBBox: BBox): Promise<MapContext> {
	const size = Math.max(footprintBBox[2] - footprintBBox[0], footprintBBox[3] - footprintBBox[1]);
	const [dLon, dLat] = marginDegrees(3000, footprintBBox);
	const box = [footprintBBox[0] - dLon - size, footprintBBox[1] - dLat - size, footprintBBox[2] + dLon + size, footprintBBox[3] + dLat + size];
	const tolerance = Math.max(box[2] - box[0], box[3] - box[1]) / 2000;
	const branches = KINDS.map((kind) => {
		const layer = getLayer(kind);
		if (!layer) throw new Error(`The registry has no ${kind} layer`);
		// A county is drawn by its boundary: a clipped polygon would add the frame's edges.
		const geom = kind === 'county' ? 'ST_Boundary(geom)' : 'geom';
		return `SELECT '${kind}'::text AS kind, name, name_en, ST_AsGeoJSON(ST_SimplifyPreserveTopology(ST_Intersection(${geom}, env.box), $5::float8), 7) AS geometry
FROM "${layer.table}", env WHERE geom && env.box`;
	});
	const rows = await db.query<{ kind: MapContextFeature['kind']; name: string | null; name_en: string | null; geometry: string | null }>(
		`WITH env AS (SELECT ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326) AS box)
${branches.join('\nUNION ALL\n')}`,
		[...box, tolerance]
	);
	const features = rows
		.filter((r) => r.geometry)
		.map((r) => ({ kind: r.kind, name: r.name, nameEn: r.name_en, geometry: JSON.parse(r.geometry as string) as Geometry }))
		.filter((f) => f.geometry.type !== 'GeometryCollection' || f.geometry.geometries.length > 0);
	const outline = await prefectureOutline(db);
	return { features, prefecture: outline?.geometry ?? null };
}
