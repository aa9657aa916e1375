import type { Feature, Geometry } from 'geojson';
import type { AttributeDef, LayerDef } from '../layers/types';
import { packWkb } from '../geo/wkb-write';
import type { Db } from './db/types';

/** SQL that reads one attribute out of the JSON feature `f`, cast to the column's type. */
function attributeExpression(attr: AttributeDef): string {
	const text = `(f->'properties'->>'${attr.name}')`;
	switch (attr.type) {
		case 'integer':
			return `${text}::integer`;
		case 'number':
			return `${text}::numeric`;
		case 'date':
			return `${text}::date`;
		case 'boolean':
			return `${text}::boolean`;
		case 'text[]':
			return `ARRAY(SELECT jsonb_array_elements_text(coalesce(f->'properties'->'${attr.name}', '[]'::jsonb)))`;
		default:
			return text;
	}
}

/** Geometry n (1-based) of the batch: its slice of the packed WKB ($2) at the offsets in $3. */
function geometryExpression(layer: LayerDef): string {
	const geom = `ST_GeomFromWKB(substring($2::bytea FROM ($3::int[])[n] + 1 FOR ($3::int[])[n + 1] - ($3::int[])[n]), 4326)`;
	return layer.geometryType === 'Point' ? geom : `ST_Multi(${geom})`;
}

const BATCH = 500;

/**
 * Inserts WGS84 features whose properties are keyed by the layer's attribute names.
 * Column names come from the registry only; the properties travel as one JSON parameter,
 * the geometries as one parameter of packed WKB (read by PostGIS far faster than GeoJSON).
 * Returns the number of rows written.
 */
export async function insertFeatures(db: Db, layer: LayerDef, features: readonly Feature<Geometry>[]): Promise<number> {
	const columns = layer.attributes.map((a) => `"${a.name}"`).join(', ');
	const values = layer.attributes.map(attributeExpression).join(', ');
	const sql = `INSERT INTO "${layer.table}" (${columns}, geom)
		SELECT ${values}, ${geometryExpression(layer)}
		FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(f, n)`;
	let written = 0;
	for (let i = 0; i < features.length; i += BATCH) {
		const batch = features.slice(i, i + BATCH);
		try {
			const { bytes, offsets } = packWkb(batch.map((feature) => feature.geometry));
			await db.query(sql, [JSON.stringify(batch.map((feature) => ({ properties: feature.properties }))), bytes, offsets]);
		} catch (error) {
			// Say which layer and rows failed without echoing the whole batch back.
			const reason = error instanceof Error ? error.message : String(error);
			throw new Error(`${layer.id}: features ${i + 1}–${i + batch.length} could not be written: ${reason}`);
		}
		written += batch.length;
	}
	return written;
}

/**
 * Fresh planner statistics for a layer whose rows were just loaded: without them the first
 * minute of queries (before autovacuum's analyze) plans on an empty table's guesses.
 */
export async function analyzeLayer(db: Db, layer: LayerDef): Promise<void> {
	await db.exec(`ANALYZE "${layer.table}"`);
}

export async function deleteAllFeatures(db: Db, layer: LayerDef): Promise<number> {
	const rows = await db.query<{ n: number }>(
		`WITH d AS (DELETE FROM "${layer.table}" RETURNING 1) SELECT count(*)::int AS n FROM d`
	);
	return rows[0].n;
}

export async function countFeatures(db: Db, layer: LayerDef): Promise<number> {
	const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${layer.table}"`);
	return rows[0].n;
}

export interface LayerVersion {
	layer: string;
	version: number;
	updatedAt: string;
}

/** Every layer's data version: changes whenever the layer's rows change. */
export async function layerVersions(db: Db): Promise<Map<string, LayerVersion>> {
	const rows = await db.query<{ layer: string; version: number; updated_at: Date | string }>(
		'SELECT layer, version, updated_at FROM layer_version'
	);
	return new Map(
		rows.map((r) => [
			r.layer,
			{ layer: r.layer, version: r.version, updatedAt: new Date(r.updated_at).toISOString() }
		])
	);
}
