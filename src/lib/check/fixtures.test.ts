import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, Geometry } from 'geojson';
import { getLayer, LAYERS } from '$lib/layers/registry';
import type { ProjectType } from '$lib/layers/types';
import { runCheck } from './engine';
import type { CandidateSet, CheckResult, ClippingMode } from './types';

// Turf-style fixtures: every test/in/NAME.geojson is a case, test/out/NAME.json its expected
// result. Adding a case = adding a file; `REGEN=1 npx vitest run --project unit src/lib/check`
// (re)writes the outputs, to be reviewed in the diff.
//
// An input is a FeatureCollection: features with `properties.role = "footprint"` make the
// footprint, every other feature is a candidate of the layer named by `properties.layer`.
// Foreign members: `projectType`, `description`, `source` (the issue it reproduces), and
// `postgis` — per candidate id what PostGIS says (ST_Intersects, ST_Area(ST_Intersection()
// ::geography), ST_Length of the lines inside, ST_Distance(::geography)), measured once on a
// PostGIS 3.3 server; the engine must agree within 0.1 % or 1 m / 1 m².

const here = path.dirname(fileURLToPath(import.meta.url));
const inDir = path.join(here, 'test', 'in');
const outDir = path.join(here, 'test', 'out');
const regen = Boolean(process.env.REGEN);

interface Fixture {
	type: 'FeatureCollection';
	description: string;
	source?: string;
	projectType: ProjectType;
	postgis?: Record<string, { intersects: boolean; overlapM2: number; overlapLengthM: number; distanceM: number }>;
	features: Feature<Geometry>[];
}

/** The part of a result a fixture pins down: no timings, no rule texts (the registry holds those). */
function summarize(r: CheckResult, withFallbacks: boolean) {
	return {
		verdict: r.verdict,
		footprint: { areaM2: r.footprint.areaM2, lengthM: r.footprint.lengthM },
		conflicts: r.conflicts.map((c) => ({
			layer: c.layer,
			featureId: c.featureId,
			relation: c.relation,
			severity: c.severity,
			clause: c.clause,
			...(c.level !== undefined ? { level: c.level } : {}),
			levelKnown: c.levelKnown,
			overlapM2: c.overlapM2,
			overlapPct: c.overlapPct,
			...(c.overlapLengthM !== undefined ? { overlapLengthM: c.overlapLengthM } : {}),
			distanceM: c.distanceM
		})),
		slivers: r.slivers.map((s) => ({ layer: s.layer, featureId: s.featureId, overlapM2: s.overlapM2 })),
		layerAreas: r.layerAreas,
		outside: r.outside?.map((o) => ({ layer: o.layer, severity: o.severity, outsideM2: o.outsideM2, outsidePct: o.outsidePct, whole: o.whole })),
		...(withFallbacks ? { turfFallbacks: r.engine.fallbacks.length } : {})
	};
}

/** Deep equality, numbers within 0.02 or 1e-6 relative (both paths round to 0.01). */
function expectClose(actual: unknown, expected: unknown, where = '$'): void {
	if (typeof expected === 'number') {
		expect(typeof actual, where).toBe('number');
		const tol = Math.max(0.02, Math.abs(expected) * 1e-6);
		expect(Math.abs((actual as number) - expected), `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
	} else if (Array.isArray(expected)) {
		expect(Array.isArray(actual), where).toBe(true);
		expect((actual as unknown[]).length, `${where}.length`).toBe(expected.length);
		expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${where}[${i}]`));
	} else if (expected && typeof expected === 'object') {
		expect(Object.keys(actual as object).sort(), where).toEqual(Object.keys(expected).sort());
		for (const [k, v] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[k], v, `${where}.${k}`);
	} else expect(actual, where).toEqual(expected);
}

function run(fixture: Fixture, clipping: ClippingMode): CheckResult {
	const footprint = { type: 'FeatureCollection' as const, features: fixture.features.filter((f) => f.properties?.role === 'footprint') };
	const candidates: CandidateSet[] = [];
	for (const f of fixture.features) {
		const layerId = f.properties?.layer;
		if (typeof layerId !== 'string') continue;
		let set = candidates.find((c) => c.layerId === layerId);
		if (!set) candidates.push((set = { layerId, features: [] }));
		(set.features as Feature[]).push(f);
	}
	return runCheck({ footprint, projectType: fixture.projectType, candidates, layers: LAYERS, clipping });
}

const names = readdirSync(inDir)
	.filter((f) => f.endsWith('.geojson'))
	.map((f) => f.replace(/\.geojson$/, ''))
	.sort();

describe('fixtures', () => {
	it('exist', () => {
		expect(names.length).toBeGreaterThanOrEqual(20);
	});

	for (const name of names) {
		describe(name, () => {
			const fixture = JSON.parse(readFileSync(path.join(inDir, `${name}.geojson`), 'utf8')) as Fixture;
			const outFile = path.join(outDir, `${name}.json`);

			it('runs with turf clipping (falling back when turf fails) and matches out/', () => {
				const got = summarize(run(fixture, 'turf'), true);
				if (regen) writeFileSync(outFile, JSON.stringify(got, null, '\t') + '\n');
				expectClose(got, JSON.parse(readFileSync(outFile, 'utf8')));
			});

			it('gives the same answer with the sweep alone', () => {
				const { turfFallbacks, ...expected } = JSON.parse(readFileSync(outFile, 'utf8'));
				expect(typeof turfFallbacks).toBe('number');
				expectClose(summarize(run(fixture, 'sweep'), false), expected);
			});

			if (fixture.postgis) {
				const postgis = fixture.postgis;
				it('agrees with PostGIS within 0.1 % or 1 m / 1 m²', () => {
					const result = run(fixture, 'turf');
					const polygonOnly = fixture.features
						.filter((f) => f.properties?.role === 'footprint')
						.every((f) => f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon');
					const tol = (v: number) => Math.max(1, v * 1e-3);
					for (const [id, truth] of Object.entries(postgis)) {
						const feature = fixture.features.find((f) => String(f.id) === id);
						const rule = getLayer(String(feature?.properties?.layer))?.zoning;
						expect(rule, id).toBeDefined();
						if (!rule) continue;
						const conflict = result.conflicts.find((c) => String(c.featureId) === id);
						const sliver = result.slivers.find((s) => String(s.featureId) === id);
						if (truth.intersects && (polygonOnly ? truth.overlapM2 >= rule.sliverM2 : true)) {
							expect(conflict?.relation, id).toBe('intersects');
							expect(Math.abs((conflict?.overlapM2 ?? NaN) - truth.overlapM2), id).toBeLessThanOrEqual(tol(truth.overlapM2));
							if (truth.overlapLengthM > 0)
								expect(Math.abs((conflict?.overlapLengthM ?? NaN) - truth.overlapLengthM), id).toBeLessThanOrEqual(tol(truth.overlapLengthM));
						} else {
							if (truth.overlapM2 >= 1e-3) expect(Math.abs((sliver?.overlapM2 ?? NaN) - truth.overlapM2), id).toBeLessThanOrEqual(tol(0));
							else expect(sliver, id).toBeUndefined();
							if (truth.distanceM <= rule.bufferM) {
								expect(conflict?.relation, id).toBe('nearby');
								expect(Math.abs((conflict?.distanceM ?? NaN) - truth.distanceM), id).toBeLessThanOrEqual(tol(truth.distanceM));
							} else expect(conflict, id).toBeUndefined();
						}
					}
				});
			}
		});
	}
});
