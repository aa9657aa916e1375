import { describe, expect, it } from 'vitest';
import { getTestDb, rollbackAfter } from '../../../../tests/db';
import { LAYERS } from '$lib/layers/registry';
import { makeLongEdgeCases } from '$lib/check/test/generate';
import { validateFootprint } from '$lib/check/validate';
import { findCandidates, type CandidateFilter } from './candidates';

// The candidate query must hand over every feature PostGIS finds within the buffer on the
// ellipsoid, also where a long edge's geodesic bows off the [lon, lat] line that `&&` and the
// planar ST_DWithin see (~760 m for a 200 km east–west edge at 44.5° N). The long-edge zones of
// the engine-vs-PostGIS test go into coal_fire (buffer 500 m) inside a rolled-back transaction.

const coalFire = LAYERS.filter((l) => l.id === 'coal-fire');
const { zones, cases } = makeLongEdgeCases(1, () => coalFire[0].zoning?.bufferM ?? 0);

describe('findCandidates near long edges', () => {
	for (const filter of ['distance', 'bbox'] as CandidateFilter[]) {
		it(`hands over every zone within the buffer on the ellipsoid (${filter})`, async () => {
			const db = await getTestDb();
			const missed = await rollbackAfter(db, async (tx) => {
				const ids: number[] = [];
				for (const z of zones) {
					const [row] = await tx.query<{ id: number }>(
						`INSERT INTO coal_fire (name, status, geom) VALUES ($1, 'untreated', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326))) RETURNING id`,
						[String(z.feature.properties?.name), JSON.stringify(z.feature.geometry)]
					);
					ids.push(row.id);
				}
				const out: string[] = [];
				let within = 0;
				for (const [i, c] of cases.entries()) {
					const truth = await tx.query<{ id: number }>(
						`SELECT id FROM coal_fire WHERE id = ANY($1::int[]) AND ST_DWithin(geom::geography, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)::geography, 500)`,
						[ids, JSON.stringify(c.footprint)]
					);
					within += truth.length;
					const v = validateFootprint(c.footprint);
					if (!v.ok) throw new Error(v.error.message.en);
					const found = new Set((await findCandidates(tx, v.footprint, coalFire, filter)).sets[0].features.map((f) => f.id));
					for (const t of truth) if (!found.has(t.id)) out.push(`case ${i + 1} (${c.kind}): zone ${t.id} within 500 m but not a candidate`);
				}
				expect(within).toBeGreaterThanOrEqual(cases.length / 2 - 5);
				return out;
			});
			expect(missed).toEqual([]);
		});
	}
});
