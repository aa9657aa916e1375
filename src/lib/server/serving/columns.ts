import { publicAttributes } from '../../layers/registry';
import type { AttributeDef, LayerDef } from '../../layers/types';
import { columnOfRecord } from '../field/of-record';

/**
 * How a public attribute is read, by where it goes:
 * - `scalar` (MVT values, FlatGeobuf columns): numeric as float8 (ST_AsMVT would write it
 *   as a string), arrays as JSON text (as tippecanoe does), dates as ISO text;
 * - `json` (GeoJSON properties): the same, but arrays stay arrays.
 */
export type ColumnTarget = 'scalar' | 'json';

export function quoteIdent(name: string): string {
	return `"${name.replace(/"/g, '""')}"`;
}

/**
 * SQL reading one registry attribute of `layer` for a target; names come from the registry
 * only. A site's status and restored hectares are read as of record (latest inspection).
 */
export function attributeSql(layer: LayerDef, attr: AttributeDef, target: ColumnTarget): string {
	const col = columnOfRecord(layer, attr.name);
	switch (attr.type) {
		case 'number':
			return `${col}::float8`;
		case 'date':
			return `to_char(${col}, 'YYYY-MM-DD')`;
		case 'text[]':
			return target === 'json' ? `to_json(${col})` : `array_to_json(${col})::text`;
		default:
			return col;
	}
}

/** `expr AS "name", …` for the layer's public attributes (or the subset given). */
export function selectPublicAttributes(layer: LayerDef, target: ColumnTarget, attributes = publicAttributes(layer)): string {
	return attributes
		.map((a) => `${attributeSql(layer, a, target)} AS ${quoteIdent(a.name)}`)
		.join(', ');
}

/** `json_build_object('name', expr, …)` of the layer's public attributes. */
export function publicPropertiesJson(layer: LayerDef): string {
	const pairs = publicAttributes(layer).map((a) => `'${a.name}', ${attributeSql(layer, a, 'json')}`);
	return `json_build_object(${pairs.join(', ')})`;
}
