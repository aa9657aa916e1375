import { beforeAll, describe, expect, it } from 'vitest';
import { getTestDb } from '../../../tests/db';
import type { Db } from '$lib/server/db/types';
import { compareWithTruth, makeCases, postgisTruth, type Comparison, type Truth } from './test/postgis-compare';

// The engine against PostGIS on the same data: ≥ 200 seeded random footprints (polygons of
// 4–2000 vertices, some with holes, multi-part polygons, lines, points; placed across and
// just outside zone edges, plus touching, sliver and on-the-boundary cases) against 18
// irregular zones over the six zoning layers. Nothing is inserted: the geometries go to
// PostGIS as parameters, all pairs in one statement.
//
// Asserted: the same set of conflicting features with the same relation; overlap areas
// (ST_Area(ST_Intersection(f, z)::geography)), lengths inside and distances
// (ST_Distance(f::geography, z::geography)) within 0.1 % or 1 m² / 1 m. Then five zones with
// east–west edges of 10–200 km, whose geodesics bow off the [lon, lat] lines the prefilters
// use, with footprints 25 m inside and outside the buffer on both sides (see makeLongEdgeCases).

const SEED = 20260101;
const { zones, cases } = makeCases(SEED, 18, 240);

let db: Db;
let truth: Map<string, Truth>;
beforeAll(async () => {
	db = await getTestDb();
	truth = await postgisTruth((text, values) => db.query(text, values), zones, cases);
}, 300_000);

function report(c: Comparison): string {
	return (
		`${c.footprints} footprints, ${c.pairs} pairs within 0.02°, ${c.conflicts} conflicts (${c.intersecting} intersecting, ` +
		`${c.nearby} nearby), ${c.slivers} slivers, ${c.ambiguous} on a threshold; max error: area ${c.maxAbsArea.toFixed(4)} m² ` +
		`(${(c.maxRelArea * 100).toExponential(1)} %), distance ${c.maxAbsDist.toFixed(4)} m (long edges ${c.maxAbsDistLongEdges.toFixed(4)} m), length ${c.maxAbsLength.toFixed(4)} m; ` +
		`${c.fallbacks} turf fallbacks; engine ${c.engineMs.total.toFixed(0)} ms in all, ${c.engineMs.max.toFixed(0)} ms max`
	);
}

describe('engine vs PostGIS', () => {
	it('has enough cases of every kind', () => {
		expect(cases.length).toBeGreaterThanOrEqual(200);
		const kinds = new Set(cases.map((c) => c.kind));
		expect([...kinds].sort()).toEqual(['line', 'multiline', 'multipoint', 'multipolygon', 'point', 'polygon']);
		const vertices = cases
			.filter((c) => c.footprint.type === 'Polygon')
			.map((c) => (c.footprint.type === 'Polygon' ? c.footprint.coordinates[0].length - 1 : 0));
		expect(Math.min(...vertices)).toBeLessThanOrEqual(6);
		expect(Math.max(...vertices)).toBeGreaterThanOrEqual(1000);
	});

	for (const clipping of ['turf', 'sweep'] as const) {
		it(`agrees with ${clipping} clipping`, () => {
			const c = compareWithTruth(truth, zones, cases, clipping);
			console.log(`[engine-vs-postgis, ${db.backend}, ${clipping}] ${report(c)}`);
			expect(c.mismatches).toEqual([]);
			expect(c.intersecting).toBeGreaterThan(100);
			expect(c.nearby).toBeGreaterThan(20);
			expect(c.slivers).toBeGreaterThan(0);
			expect(c.ambiguous).toBeLessThan(c.conflicts / 20);
			expect(c.maxAbsDistLongEdges).toBeGreaterThan(0);
		});
	}
});
