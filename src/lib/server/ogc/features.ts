import type { LayerDef } from '../../layers/types';
import type { Db } from '../db/types';
import { columnOfRecord } from '../field/of-record';
import { publicPropertiesJson, quoteIdent } from '../serving/columns';
import type { ItemsQuery, PropertyFilter } from './items-query';

function featureJson(layer: LayerDef): string {
	return `json_build_object('type', 'Feature', 'id', id, 'geometry', ST_AsGeoJSON(geom)::json, 'properties', ${publicPropertiesJson(layer)})::text`;
}

const SQL_TYPES = { integer: 'integer', number: 'numeric', boolean: 'boolean', date: 'date' } as const;

function filterSql(layer: LayerDef, filter: PropertyFilter, param: string): string {
	const column = columnOfRecord(layer, filter.attribute.name);
	const type = filter.attribute.type;
	if (type === 'text[]') return `${param}::text = ANY(${column})`;
	return type in SQL_TYPES ? `${column} = ${param}::${SQL_TYPES[type as keyof typeof SQL_TYPES]}` : `${column} = ${param}::text`;
}

/** WHERE clause and values for a query's bbox and property filters ($1… in order). */
function whereClause(layer: LayerDef, query: ItemsQuery): { sql: string; values: unknown[] } {
	const conditions: string[] = [];
	const values: unknown[] = [];
	if (query.bbox) {
		values.push(...query.bbox);
		// ST_Intersects does the index-backed && first, then the exact test.
		conditions.push('ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, 4326))');
	}
	for (const filter of query.filters) {
		values.push(filter.value);
		conditions.push(filterSql(layer, filter, `$${values.length}`));
	}
	return { sql: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', values };
}

export interface FeaturePage {
	/** Each feature as GeoJSON text, in id order. */
	features: string[];
	numberMatched: number;
}

/** One page of a layer's features (GeoJSON text, made by PostGIS) and how many match in all. */
export async function queryFeatures(db: Db, layer: LayerDef, query: ItemsQuery): Promise<FeaturePage> {
	const { sql, values } = whereClause(layer, query);
	const table = quoteIdent(layer.table);
	const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} ${sql}`, values);
	const rows = await db.query<{ feature: string }>(
		`SELECT ${featureJson(layer)} AS feature FROM ${table} ${sql} ORDER BY id LIMIT ${query.limit} OFFSET ${query.offset}`,
		values
	);
	return { features: rows.map((r) => r.feature), numberMatched: n };
}

/** One feature as GeoJSON text, or null when there is no feature with this id. */
export async function queryFeature(db: Db, layer: LayerDef, id: number): Promise<string | null> {
	const rows = await db.query<{ feature: string }>(
		`SELECT ${featureJson(layer)} AS feature FROM ${quoteIdent(layer.table)} WHERE id = $1`,
		[id]
	);
	return rows[0]?.feature ?? null;
}
