import { severityRank } from '../../check/rules';
import type { Severity } from '../../layers/types';
import { SITING_CLASSES } from '../../siting/classes';
import type { LayerZoneTerms } from '../../siting/zone-terms';

/**
 * Grid (degrees, ~1 cm) of every overlay (union, intersection, difference): GEOS's fixed-precision
 * overlay cannot fail on the near-coincident edges of buffers and shared boundaries, where the
 * floating one can — and PGlite's PostGIS then answered no rows at all instead of an error
 * (seen with the difference of 昌吉市 and its classes).
 */
export const OVERLAY_GRID = 1e-7;

/** Arcs of geography buffers: 16 segments a quarter circle, so a 1 km buffer is within 1.2 m of round. */
export const BUFFER_QUAD_SEGS = 16;

export interface Statement {
	text: string;
	values: unknown[];
}

/** Appends a value and returns its placeholder with a cast; `$1` stays for the caller's first value. */
export type Param = (value: unknown, cast: string) => string;

export function parameters(first = 1): { values: unknown[]; param: Param } {
	const values: unknown[] = [];
	return {
		values,
		param: (v, cast) => {
			values.push(v);
			return `$${values.length + first}::${cast}`;
		}
	};
}

/**
 * `SELECT sev, g` rows of the rule zones near the CTE `area`: per zoning layer, its features
 * (with the severity of their clause for the project type, by level) and their geography buffers
 * (bufferM, on the ellipsoid's best local projection as ST_Buffer(geography) does it) with the
 * nearby severity. `worstAllowed` keeps only zones stronger than it (for the nearest-site
 * search). Table and column names come from the registry; every value is a parameter.
 */
export function zoneTermsSql(
	terms: readonly LayerZoneTerms[],
	margins: (bufferM: number) => [number, number],
	param: Param,
	strongerThan?: Severity | 'clear'
): string {
	const keep = (s: Severity) => strongerThan === undefined || strongerThan === 'clear' || severityRank(s) < severityRank(strongerThan);
	const branches: string[] = [];
	for (const { layer, inside, nearby, outside } of terms) {
		const table = `"${layer.table}"`;
		const level = layer.zoning?.levelAttribute;
		if ([inside.fallback, ...Object.values(inside.byLevel)].some(keep)) {
			const whens = level ? Object.entries(inside.byLevel).map(([k, s]) => `WHEN ${param(k, 'text')} THEN ${param(s, 'text')}`) : [];
			const severity = whens.length ? `CASE t."${level}"::text ${whens.join(' ')} ELSE ${param(inside.fallback, 'text')} END` : param(inside.fallback, 'text');
			branches.push(`SELECT ${severity} AS sev, t.geom AS g FROM ${table} t, area WHERE t.geom && area.g`);
		}
		if (nearby && keep(nearby.severity)) {
			const [mx, my] = margins(nearby.bufferM);
			const buffer = `ST_Buffer(t.geom::geography, ${param(nearby.bufferM, 'float8')}, 'quad_segs=${BUFFER_QUAD_SEGS}')::geometry`;
			branches.push(
				`SELECT ${param(nearby.severity, 'text')} AS sev, ${nearby.ringOnly ? `ST_Difference(${buffer}, t.geom, ${OVERLAY_GRID})` : buffer} AS g
	FROM ${table} t, area WHERE t.geom && ST_Expand(area.g, ${param(mx, 'float8')}, ${param(my, 'float8')})`
			);
		}
		if (outside && keep(outside)) {
			// The engine's outside finding fires when any part of a footprint lies beyond every feature.
			const within = `(SELECT ST_Union(t.geom, ${OVERLAY_GRID}) FROM ${table} t, area a WHERE t.geom && a.g)`;
			branches.push(
				`SELECT ${param(outside, 'text')} AS sev, COALESCE(ST_Difference(area.g, ${within}, ${OVERLAY_GRID}), area.g) AS g FROM area`
			);
		}
	}
	const all = branches.length ? branches.join('\nUNION ALL\n') : `SELECT NULL::text AS sev, NULL::geometry AS g WHERE false`;
	if (strongerThan === undefined) return all;
	const bad = SITING_CLASSES.slice(0, SITING_CLASSES.indexOf(strongerThan));
	return `SELECT * FROM (${all}) z WHERE z.sev = ANY(${param(bad, 'text[]')})`;
}

/**
 * One statement (PGlite answers one at a time) that classes an area for a project type: the
 * rule zones (zoneTermsSql), their union per severity cut to the area; then, strongest first,
 * each class is its union minus everything stronger (kept as a running union), so the classes
 * partition the area; clear is what is left. Areas on the ellipsoid (ST_Area(geography)).
 * `area` is GeoJSON (WGS84 Polygon or MultiPolygon).
 */
export function classMapSql(terms: readonly LayerZoneTerms[], margins: (bufferM: number) => [number, number], area: string): Statement {
	const { values, param } = parameters();
	const zones = zoneTermsSql(terms, margins, param);
	const grid = OVERLAY_GRID;
	const empty = `ST_GeomFromText('MULTIPOLYGON EMPTY', 4326)`;
	const severities = SITING_CLASSES.slice(0, -1);
	// s<i>: the union of severity i in the area; k<i>: class i; c<i>: the union of classes 1..i.
	const steps = severities.map((sev, i) => {
		const s = `(SELECT g FROM unions WHERE sev = ${param(sev, 'text')})`;
		if (i === 0) return `k0 AS MATERIALIZED (SELECT COALESCE(${s}, ${empty}) AS g), c0 AS (SELECT g FROM k0)`;
		return `k${i} AS MATERIALIZED (SELECT COALESCE(ST_Difference(${s}, c${i - 1}.g, ${grid}), ${empty}) AS g FROM c${i - 1}),
c${i} AS MATERIALIZED (SELECT ST_Union(c${i - 1}.g, k${i}.g, ${grid}) AS g FROM c${i - 1}, k${i})`;
	});
	const last = severities.length - 1;
	const classes = [
		...severities.map((sev, i) => `SELECT ${i} AS r, ${param(sev, 'text')} AS class, g FROM k${i}`),
		`SELECT ${severities.length}, ${param('clear', 'text')}, ST_Difference(area.g, c${last}.g, ${grid}) FROM area, c${last}`
	];
	const text = `WITH area AS MATERIALIZED (SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326)), 3)) AS g),
terms AS (
${zones}
),
unions AS MATERIALIZED (
	SELECT u.sev, ST_CollectionExtract(ST_Intersection(u.g, area.g, ${grid}), 3) AS g
	FROM (SELECT sev, ST_Union(g, ${grid}) AS g FROM terms GROUP BY sev) u, area
),
${steps.join(',\n')},
classes AS (
${classes.join('\nUNION ALL\n')}
)
SELECT class, ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(g, 3)), 7) AS geometry, ST_Area(g::geography) AS area_m2
FROM classes WHERE NOT ST_IsEmpty(g) ORDER BY r`;
	return { text, values: [area, ...values] };
}
