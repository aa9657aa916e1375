import { publicAttributes } from '../layers/registry';
import type { AttributeDef, LayerDef } from '../layers/types';
import type { Db } from './db/types';
import { columnOfRecord } from './field/of-record';
import type { AttributeValue, FeatureDetails } from '../api/public-map';

/** Reads a column so both drivers return the same JSON: dates as YYYY-MM-DD, numerics as numbers. */
function columnExpression(layer: LayerDef, attr: AttributeDef): string {
	const alias = `"${attr.name}"`;
	const column = columnOfRecord(layer, attr.name);
	if (attr.type === 'date') return `${column}::text AS ${alias}`;
	if (attr.type === 'number') return `${column}::float8 AS ${alias}`;
	return `${column} AS ${alias}`;
}

/** The public attributes of one feature, with its geodesic area or length; undefined when absent. */
export async function featureDetails(db: Db, layer: LayerDef, id: number): Promise<FeatureDetails | undefined> {
	const attributes = publicAttributes(layer);
	const size =
		layer.geometry === 'polygon'
			? 'ST_Area(geom::geography) AS area_m2, NULL::float8 AS length_m'
			: layer.geometry === 'line'
				? 'NULL::float8 AS area_m2, ST_Length(geom::geography) AS length_m'
				: 'NULL::float8 AS area_m2, NULL::float8 AS length_m';
	const rows = await db.query<Record<string, AttributeValue> & { area_m2: number | null; length_m: number | null }>(
		`SELECT ${attributes.map((a) => columnExpression(layer, a)).join(', ')}, ${size},
			ST_XMin(geom) AS west, ST_YMin(geom) AS south, ST_XMax(geom) AS east, ST_YMax(geom) AS north,
			ST_X(ST_PointOnSurface(geom)) AS anchor_x, ST_Y(ST_PointOnSurface(geom)) AS anchor_y
		FROM "${layer.table}" WHERE id = $1`,
		[id]
	);
	const row = rows[0];
	if (!row) return undefined;
	const properties: Record<string, AttributeValue> = {};
	for (const attr of attributes) properties[attr.name] = row[attr.name] ?? null;
	const num = (key: string) => Number(row[key]);
	return {
		layer: layer.id,
		id,
		properties,
		areaM2: row.area_m2 === null ? null : Number(row.area_m2),
		lengthM: row.length_m === null ? null : Number(row.length_m),
		bbox: [num('west'), num('south'), num('east'), num('north')],
		anchor: [num('anchor_x'), num('anchor_y')]
	};
}
