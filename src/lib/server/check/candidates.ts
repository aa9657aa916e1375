import { bboxBowM, BOW_DEGREES_PER_SQUARE_DEGREE, growBBoxByMetres, indexBowM, partsBowM } from '../../check/bow';
import { parseCandidateSets, type CandidateText, type CandidateTextSet } from '../../check/candidate-text';
import { expandBBox } from '../../check/parts';
import type { BBox, CandidateSet, Footprint } from '../../check/types';
import { zoningLayers } from '../../layers/registry';
import type { LayerDef } from '../../layers/types';
import type { Db } from '../db/types';
import { footprintGeometry } from './footprint-geometry';

/** Properties every candidate feature carries, beyond what the engine reads. */
export interface CandidateProperties {
	id: number;
	name: string | null;
	name_en: string | null;
	/** Whether the row is illustrative (示意) data rather than an authoritative boundary. */
	illustrative: boolean;
	[level: string]: string | number | boolean | null;
}

export interface Candidates {
	sets: CandidateSet[];
	/** Whether any candidate is illustrative (示意). */
	anyIllustrative: boolean;
}

/** Candidates with each geometry as GeoJSON text, for a check worker (see candidate-text.ts). */
export interface CandidatesText {
	sets: CandidateTextSet[];
	anyIllustrative: boolean;
}

/**
 * Extra reach (m) beyond a layer's buffer when collecting candidates: rounding room. The engine
 * decides the exact relation itself, so the database only has to hand over a superset.
 * Geodesic edges bow off their planar [lon, lat] chords (~70 m for 60 km east–west at 44.5° N,
 * see check/bow.ts): the `&&` gets room for edges up to LONG_EDGE_M, the planar ST_DWithin
 * each row's own bound from its bbox, and both the footprint's own bow.
 */
export const REACH_SLACK_M = 10;

/**
 * The most (degrees of longitude) an edge can bow off its chord when no edge is longer than the
 * diagonal `d` (degrees) and the poleward latitude is `lat` (SQL expressions): BOW_DEGREES_PER_SQUARE_DEGREE, `$k`.
 */
const bowDegrees = (k: string, d: string, lat: string) =>
	`$${k}::float8 * power(${d}, 2) * tan(radians(LEAST(89, ${lat}))) / cos(radians(LEAST(89, ${lat})))`;

/** Per row, the most any edge of `g` can bow (its bbox diagonal bounds every edge). */
const rowBowDegrees = (k: string, g = 't.geom') =>
	bowDegrees(k, `sqrt(power(ST_XMax(${g}) - ST_XMin(${g}), 2) + power(ST_YMax(${g}) - ST_YMin(${g}), 2))`, `GREATEST(abs(ST_YMin(${g})), abs(ST_YMax(${g})))`);

/**
 * Per row, the box its geometry is clipped to before it leaves the database: the base box `$b`
 * (float8[4]: the footprint's bbox grown by all the engine looks at, see clipBaseBox) grown by
 * the row's longest edge (max_edge_deg, migration 010) and twice the bow of any edge in the grown
 * box. So every edge that can come within the base box — with its bow — lies wholly inside and
 * reaches the engine uncut (distances are measured to an edge's own geodesic; a cut piece has
 * another); the edges the clip adds along the box bow less than the margin, so none of them is
 * ever nearer than the layer's buffer either. Inside the base box the clipped polygon is the
 * polygon, so overlaps are unchanged. ST_ClipByBox2D rather than ST_Intersection with the box:
 * several times faster, and its possible invalidity (collapsed rings on the box's edges) lies
 * outside the base box, which the engine crops to anyway.
 */
function clipBoxSql(b: string, k: string): string {
	const e = `(1.0001 * t.max_edge_deg + 2 * ${bowDegrees(
		k,
		`(sqrt(power(($${b}::float8[])[3] - ($${b}::float8[])[1], 2) + power(($${b}::float8[])[4] - ($${b}::float8[])[2], 2)) + 3 * t.max_edge_deg + 0.1)`,
		`(GREATEST(abs(($${b}::float8[])[2]), abs(($${b}::float8[])[4])) + 3 * t.max_edge_deg + 0.1)`
	)} + 1e-6)`;
	return `ST_MakeEnvelope(($${b}::float8[])[1] - ${e}, ($${b}::float8[])[2] - ${e}, ($${b}::float8[])[3] + ${e}, ($${b}::float8[])[4] + ${e}, 4326)`;
}

/**
 * The base of every row's clip box for a layer: the footprint's bbox grown by what the engine
 * looks at around it — the buffer (×1.02 + 1 m, as the engine), the footprint's own bow and some
 * slack — and 0.002° (the engine crops to the same box grown by 0.001°).
 */
export function clipBaseBox(bbox: Readonly<BBox>, bufferM: number, footprintBowM: number): BBox {
	return expandBBox(growBBoxByMetres(bbox, bufferM * 1.02 + 1 + footprintBowM + REACH_SLACK_M), 0.002, 0.002);
}

/**
 * One statement for all zoning layers (embedded PGlite answers one query at a time, so round
 * trips count). Per layer: the GiST-indexed `&&` against the footprint grown by the buffer in
 * degrees, then a planar ST_DWithin in degrees of longitude — a superset of the features within
 * the buffer on the ellipsoid, since a degree of longitude is the shortest degree there — on
 * the geometry clipped to the row's box (clipBoxSql), which is all that leaves the database. The
 * engine then decides the exact relation and distance itself.
 *
 * Not ST_DWithin on geography: measured on the seed with 1,000-vertex footprints it took
 * 6–780 ms a check (median ~30 ms; near misses of large polygons are the slow ones), the planar
 * test 4–25 ms, and the engine spent the same time either way. `ST_Intersects OR ST_DWithin`
 * (geography) was worse still (~290 ms median).
 * Table and column names come from the registry, never from a request.
 */
export function candidatesSql(layers: readonly LayerDef[], filter: CandidateFilter = 'distance'): string {
	const perLayer = filter === 'distance' ? 5 : 4;
	const k = String(2 + layers.length * perLayer); // after every layer's parameters
	const branches = layers.map((layer, i) => {
		const rule = layer.zoning;
		if (!rule) throw new Error(`candidatesSql: ${layer.id} is not a zoning layer`);
		const hasNameEn = layer.attributes.some((a) => a.name === 'name_en');
		const level = rule.levelAttribute ? `t."${rule.levelAttribute}"::text` : 'NULL::text';
		// $p layer id; $p+1 / $p+2 margins in degrees (lon, lat) for the index, with room for long
		// edges; $p+3 the clip's base box; by distance, $p+4 the planar distance margin, to which
		// each row adds its own bow. OFFSET 0 keeps the subquery whole: flattened, the planner
		// would clip once per use of `clipped` (a dozen times).
		const p = 2 + i * perLayer;
		return `SELECT layer, id, name, name_en, level, illustrative, ST_AsGeoJSON(clipped) AS geometry FROM (
	SELECT $${p}::text AS layer, t.id, t."${layer.nameAttribute}"::text AS name,
		${hasNameEn ? 't.name_en::text' : 'NULL::text'} AS name_en, ${level} AS level, t.illustrative,
		ST_ClipByBox2D(t.geom, ${clipBoxSql(String(p + 3), k)}) AS clipped
	FROM "${layer.table}" t, fp
	WHERE t.geom && ST_Expand(fp.g, $${p + 1}::float8, $${p + 2}::float8)
	OFFSET 0) c${filter === 'distance' ? ', fp' : ''}
WHERE NOT ST_IsEmpty(clipped)${filter === 'distance' ? ` AND ST_DWithin(clipped, fp.g, $${p + 4}::float8 + ${rowBowDegrees(k, 'clipped')})` : ''}`;
	});
	// By bbox, the footprint is only its envelope: nothing of its size reaches the database.
	const fp = filter === 'distance' ? 'ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326)' : 'ST_MakeEnvelope(($1::float8[])[1], ($1::float8[])[2], ($1::float8[])[3], ($1::float8[])[4], 4326)';
	return `WITH fp AS MATERIALIZED (SELECT ${fp} AS g)
${branches.join('\nUNION ALL\n')}
ORDER BY layer, id`;
}

/**
 * `distance`: the bbox test and the planar ST_DWithin against the footprint (few candidates).
 * `bbox`: the bbox test alone, against the footprint's envelope — for large footprints, where
 * ST_DWithin costs footprint vertices × feature vertices in the database (seconds for 20,000
 * vertices, and the embedded PGlite computes on the server's main thread); the engine, in a
 * worker, sorts out the features beyond the buffer.
 */
export type CandidateFilter = 'distance' | 'bbox';

/** Footprints with more vertices than this get their candidates by bbox (see CandidateFilter). */
export const DISTANCE_FILTER_MAX_VERTICES = 2000;

/**
 * How many edges the candidates of a footprint's bbox have at most, as they reach the engine:
 * ST_NPoints of every zoning feature whose bbox reaches the bbox grown by its layer's buffer,
 * clipped as findCandidates clips it (with the bbox's diagonal standing in for the footprint's
 * bow, so never fewer). The figure the work bound is checked against before any query of the
 * footprint's size runs. One statement.
 */
export async function estimateCandidateEdges(db: Db, bbox: readonly [number, number, number, number], layers = zoningLayers()): Promise<number> {
	const values: unknown[] = [[...bbox]];
	const k = String(2 + layers.length * 3);
	const branches = layers.map((layer) => {
		const bufferM = layer.zoning?.bufferM ?? 0;
		values.push(...marginDegrees(bufferM + REACH_SLACK_M + bboxBowM(bbox) + indexBowM(bbox), bbox), clipBaseBox(bbox, bufferM, bboxBowM(bbox)));
		const p = values.length - 2;
		return `SELECT ST_NPoints(ST_ClipByBox2D(t.geom, ${clipBoxSql(String(p + 2), k)})) AS n FROM "${layer.table}" t, fp WHERE t.geom && ST_Expand(fp.g, $${p}::float8, $${p + 1}::float8)`;
	});
	values.push(BOW_DEGREES_PER_SQUARE_DEGREE);
	const [row] = await db.query<{ edges: string | number | null }>(
		`WITH fp AS (SELECT ST_MakeEnvelope(($1::float8[])[1], ($1::float8[])[2], ($1::float8[])[3], ($1::float8[])[4], 4326) AS g)
SELECT sum(n) AS edges FROM (${branches.join('\nUNION ALL\n')}) c`,
		values
	);
	return Number(row?.edges ?? 0);
}

/** Degrees of longitude and latitude that cover `metres` anywhere in the bbox (with room to spare). */
export function marginDegrees(metres: number, bbox: readonly [number, number, number, number]): [number, number] {
	const lat = Math.min(89, Math.max(Math.abs(bbox[1]), Math.abs(bbox[3])) + 0.1);
	const lon = metres / (111_320 * Math.cos((lat * Math.PI) / 180));
	return [lon * 1.05 + 1e-6, (metres / 110_574) * 1.05 + 1e-6];
}

/**
 * The features of every zoning layer within that layer's buffer of the footprint, as the
 * engine's candidate sets: WGS84 GeoJSON with `id`, the name, English name, the level
 * attribute (under its own name) and the illustrative flag in `properties`.
 */
export async function findCandidates(db: Db, footprint: Footprint, layers = zoningLayers(), filter: CandidateFilter = 'distance'): Promise<Candidates> {
	const found = await findCandidatesText(db, footprint, layers, filter);
	return { sets: parseCandidateSets(found.sets), anyIllustrative: found.anyIllustrative };
}

/** findCandidates with the geometries left as the database's GeoJSON text. */
export async function findCandidatesText(db: Db, footprint: Footprint, layers = zoningLayers(), filter: CandidateFilter = 'distance'): Promise<CandidatesText> {
	const bbox = footprint.parts.bbox;
	if (!bbox) return { sets: layers.map((l) => ({ layerId: l.id, features: [] })), anyIllustrative: false };
	const values: unknown[] = [filter === 'distance' ? JSON.stringify(footprintGeometry(footprint)) : [...bbox]];
	const fpBowM = partsBowM(footprint.parts);
	for (const layer of layers) {
		const bufferM = layer.zoning?.bufferM ?? 0;
		const reach = bufferM + REACH_SLACK_M + fpBowM;
		values.push(layer.id, ...marginDegrees(reach + indexBowM(bbox), bbox), clipBaseBox(bbox, bufferM, fpBowM));
		if (filter === 'distance') values.push(marginDegrees(reach, bbox)[0]);
	}
	values.push(BOW_DEGREES_PER_SQUARE_DEGREE);
	const rows = await db.query<{
		layer: string;
		id: number;
		name: string | null;
		name_en: string | null;
		level: string | null;
		illustrative: boolean;
		geometry: string;
	}>(candidatesSql(layers, filter), values);

	const byLayer = new Map<string, CandidateText[]>(layers.map((l) => [l.id, []]));
	const levelKey = new Map(layers.map((l) => [l.id, l.zoning?.levelAttribute]));
	let anyIllustrative = false;
	for (const row of rows) {
		const properties: CandidateProperties = { id: row.id, name: row.name, name_en: row.name_en, illustrative: row.illustrative };
		const key = levelKey.get(row.layer);
		if (key) properties[key] = row.level;
		anyIllustrative ||= row.illustrative;
		byLayer.get(row.layer)?.push({ id: row.id, properties, geometry: row.geometry });
	}
	return { sets: layers.map((l) => ({ layerId: l.id, features: byLayer.get(l.id) ?? [] })), anyIllustrative };
}
