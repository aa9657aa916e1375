import { getLayer } from '../../layers/registry';
import type { Acceptable } from '../../siting/classes';
import type { Affine } from '../../siting/placements';
import type { LayerZoneTerms } from '../../siting/zone-terms';
import { BUFFER_QUAD_SEGS, OVERLAY_GRID, parameters, zoneTermsSql, type Statement } from './class-map-sql';

export interface NearestSqlInput {
	/** The footprint as GeoJSON (WGS84). */
	footprint: string;
	centre: [number, number];
	/** Radius (m) of the search area around the centre: the move plus the footprint's reach. */
	radiusM: number;
	/** One transform per placement, in the order to try them. */
	affines: readonly Affine[];
	accept: Acceptable;
	/** How many passing placements to return at most (the first ones, in order). */
	limit: number;
}

/**
 * One statement that screens placements of a footprint against the class map: the rule zones
 * stronger than `accept` around the search area (zoneTermsSql, clipped to the area's box and
 * subdivided so the `&&` test is sharp), then each placement (ST_Affine of the footprint) that
 * lies inside the prefecture and meets none of them. Placements are read in the order given and
 * the scan stops at `limit` passes, so a near answer costs little. Returns one row: `passed`,
 * the passing indices (1-based) — always one row, so a statement that silently returned nothing
 * (PGlite does on a GEOS error) is told from "nothing passed". A screen, not the verdict: the
 * check engine confirms what it passes.
 */
export function nearestSql(terms: readonly LayerZoneTerms[], margins: (bufferM: number) => [number, number], input: NearestSqlInput): Statement {
	const county = getLayer('county');
	if (!county) throw new Error('The registry has no county layer');
	const { values, param } = parameters();
	const cx = param(input.centre[0], 'float8');
	const cy = param(input.centre[1], 'float8');
	const r = param(input.radiusM, 'float8');
	const zones = zoneTermsSql(terms, margins, param, input.accept);
	const column = (k: number) => param(input.affines.map((m) => m[k]), 'float8[]');
	const [a, b, d, e, xo, yo] = [0, 1, 2, 3, 4, 5].map(column);
	const text = `WITH area AS MATERIALIZED (
	SELECT ST_CollectionExtract(ST_Intersection(
		ST_Buffer(ST_SetSRID(ST_MakePoint(${cx}, ${cy}), 4326)::geography, ${r}, 'quad_segs=${BUFFER_QUAD_SEGS}')::geometry,
		(SELECT ST_Union(geom, ${OVERLAY_GRID}) FROM "${county.table}"), ${OVERLAY_GRID}), 3) AS g
),
zones AS (
${zones}
),
bad AS MATERIALIZED (SELECT COALESCE(ST_Union(ST_ClipByBox2D(z.g, ST_Expand(area.g, 0.01)::box2d), ${OVERLAY_GRID}), ST_GeomFromText('POLYGON EMPTY', 4326)) AS g FROM zones z, area),
fp AS MATERIALIZED (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326) AS g),
placed AS (
	SELECT i, ST_Affine(fp.g, (${a})[i], (${b})[i], (${d})[i], (${e})[i], (${xo})[i], (${yo})[i]) AS g
	FROM fp, generate_subscripts(${a}, 1) AS i
)
SELECT array(
	SELECT p.i FROM placed p, area, bad
	WHERE ST_CoveredBy(p.g, area.g) AND NOT ST_Intersects(bad.g, p.g)
	LIMIT ${param(input.limit, 'int')}
) AS passed`;
	return { text, values: [input.footprint, ...values] };
}
