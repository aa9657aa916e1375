/**
 * Engine timings: footprints of 10, 500, 1000 and 10 000 vertices placed across zone edges,
 * checked against a realistic candidate set (12 zones over the six zoning layers, 300–3000
 * vertices each, some with holes), in both clipping modes.
 *
 *   npx tsx src/lib/check/bench/bench.ts [runs-per-size]
 */
import type { Geometry, Position } from 'geojson';
import { LAYERS } from '$lib/layers/registry';
import { runCheck } from '../engine';
import type { CandidateSet, ClippingMode } from '../types';
import { AREA_CENTER, blobPolygon, makeZones, mulberry32, offset, type Zone } from '../test/generate';

const runs = Number(process.argv[2] ?? 20);
const rng = mulberry32(42);

// Zones: the generator's shapes, then densified to 300–3000 vertices like surveyed boundaries.
const zones: Zone[] = makeZones(rng, 12).map((z, i) => {
	const g = z.feature.geometry;
	const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
	const target = 300 + Math.floor((2700 * i) / 11);
	const dense = polys.map((p) => p.map((ring) => densify(ring, Math.max(1, Math.round(target / ring.length)))));
	return { ...z, feature: { ...z.feature, geometry: dense.length === 1 ? { type: 'Polygon', coordinates: dense[0] } : { type: 'MultiPolygon', coordinates: dense } } };
});

function densify(ring: Position[], k: number): Position[] {
	const out: Position[] = [];
	for (let i = 0; i + 1 < ring.length; i++) {
		for (let s = 0; s < k; s++) {
			const t = s / k;
			out.push([ring[i][0] + t * (ring[i + 1][0] - ring[i][0]), ring[i][1] + t * (ring[i + 1][1] - ring[i][1])]);
		}
	}
	out.push(out[0]);
	return out;
}

const candidates: CandidateSet[] = [];
for (const z of zones) {
	let set = candidates.find((c) => c.layerId === z.layerId);
	if (!set) candidates.push((set = { layerId: z.layerId, features: [] }));
	(set.features as unknown[]).push(z.feature);
}

/** A footprint of n vertices and 0.5–3 km radius, centred on a vertex of a random zone. */
function footprint(n: number): Geometry {
	const z = zones[Math.floor(rng() * zones.length)].feature.geometry;
	const shell = z.type === 'Polygon' ? z.coordinates[0] : z.coordinates[0][0];
	const anchor = shell[Math.floor(rng() * (shell.length - 1))] ?? AREA_CENTER;
	const radius = 500 + rng() * 2500;
	return { type: 'Polygon', coordinates: blobPolygon(rng, offset(anchor, (rng() - 0.5) * radius, (rng() - 0.5) * radius), radius, n) };
}

const pct = (xs: number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};

// Warm up the JIT so the first size does not pay for compilation.
for (let i = 0; i < 5; i++) runCheck({ footprint: footprint(200), projectType: 'building', candidates, layers: LAYERS, clipping: 'turf' });

console.log(`zones: ${zones.length}, vertices per zone 300–3000; ${runs} footprints per size`);
console.log('Wall-clock ms (and CPU ms of this process, which a busy machine inflates less).');
console.log('vertices  mode   median   p95      max      cpu median  cpu p95  conflicts/check');
for (const n of [10, 500, 1000, 10000]) {
	const prints = Array.from({ length: n >= 10000 ? Math.max(3, Math.floor(runs / 4)) : runs }, () => footprint(n));
	for (const mode of ['sweep', 'turf'] as ClippingMode[]) {
		const times: number[] = [];
		const cpu: number[] = [];
		let conflicts = 0;
		for (const fp of prints) {
			const c0 = process.cpuUsage();
			const t0 = performance.now();
			const r = runCheck({ footprint: fp, projectType: 'building', candidates, layers: LAYERS, clipping: mode });
			times.push(performance.now() - t0);
			const c = process.cpuUsage(c0);
			cpu.push((c.user + c.system) / 1000);
			conflicts += r.conflicts.length;
		}
		const f = (v: number, w = 7) => v.toFixed(1).padStart(w);
		console.log(
			`${String(n).padStart(8)}  ${mode.padEnd(5)}  ${f(pct(times, 0.5))}  ${f(pct(times, 0.95))}  ${f(Math.max(...times))}  ${f(pct(cpu, 0.5), 10)}  ${f(pct(cpu, 0.95))}  ${f(conflicts / prints.length, 8)}`
		);
	}
}
