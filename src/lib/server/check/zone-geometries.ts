import type { Geometry } from 'geojson';
import type { ZoneGeometry } from '../../check/report';
import type { BBox, Conflict } from '../../check/types';
import { zoningLayers } from '../../layers/registry';
import type { LayerDef } from '../../layers/types';
import type { Db } from '../db/types';
import { columnOfRecord } from '../field/of-record';
import { marginDegrees } from './candidates';

/** The attribute a layer's map style colours by (zone level, unit type, status), if any. */
function styleAttribute(layer: LayerDef): string | undefined {
	return layer.style.kind === 'fill' || layer.style.kind === 'circle' ? layer.style.byAttribute?.attribute : undefined;
}

/** The provenance columns a layer has (where the feature comes from, for the report's source column). */
const SOURCE_COLUMNS = ['source_note', 'source_note_en'] as const;
const hasSource = (layer: LayerDef) => SOURCE_COLUMNS.every((c) => layer.attributes.some((a) => a.name === c));

/**
 * The conflicting features' geometries for the report map, from PostGIS: cut to a box around
 * the footprint (a redline polygon may span a county; the map shows a few kilometres) and
 * simplified to about a thousandth of that box — finer than print can show. One statement.
 */
export async function zoneGeometries(db: Db, conflicts: readonly Pick<Conflict, 'layer' | 'featureId'>[], footprintBBox: BBox): Promise<ZoneGeometry[]> {
	const layers = zoningLayers().filter((l) => conflicts.some((c) => c.layer === l.id));
	if (!layers.length) return [];
	const [dLon, dLat] = marginDegrees(2000, footprintBBox);
	const w = footprintBBox[2] - footprintBBox[0];
	const h = footprintBBox[3] - footprintBBox[1];
	const box = [footprintBBox[0] - dLon - w / 2, footprintBBox[1] - dLat - h / 2, footprintBBox[2] + dLon + w / 2, footprintBBox[3] + dLat + h / 2];
	const tolerance = Math.max(box[2] - box[0], box[3] - box[1]) / 2000;
	const values: unknown[] = [...box, tolerance];
	const branches = layers.map((layer) => {
		const ids = conflicts.filter((c) => c.layer === layer.id).map((c) => Number(c.featureId));
		values.push(layer.id, ids);
		const attr = styleAttribute(layer);
		const source = hasSource(layer) ? 'source_note, source_note_en' : 'NULL::text AS source_note, NULL::text AS source_note_en';
		return `SELECT $${values.length - 1}::text AS layer, id, style_value, source_note, source_note_en, ST_AsGeoJSON(ST_SimplifyPreserveTopology(g, $5::float8), 7) AS geometry
FROM (SELECT id, ${attr ? `${columnOfRecord(layer, attr)}::text` : 'NULL::text'} AS style_value, ${source}, ST_ClipByBox2D(geom, env.box) AS g
	FROM "${layer.table}", env WHERE id = ANY($${values.length}::int[])) c
WHERE NOT ST_IsEmpty(g)`;
	});
	const sql = `WITH env AS (SELECT ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326) AS box)
${branches.join('\nUNION ALL\n')}`;
	const rows = await db.query<{ layer: string; id: number; style_value: string | null; source_note: string | null; source_note_en: string | null; geometry: string | null }>(
		sql,
		values
	);
	const attrOf = new Map(layers.map((l) => [l.id, styleAttribute(l)]));
	return rows
		.filter((r) => r.geometry)
		.map((r) => {
			const attr = attrOf.get(r.layer);
			return {
				layer: r.layer,
				featureId: r.id,
				geometry: JSON.parse(r.geometry as string) as Geometry,
				properties: {
					...(attr ? { [attr]: r.style_value } : {}),
					...(r.source_note !== null ? { source_note: r.source_note } : {}),
					...(r.source_note_en !== null ? { source_note_en: r.source_note_en } : {})
				}
			};
		});
}
