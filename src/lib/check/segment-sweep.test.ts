import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { buildEdges, type Edges } from './edges';
import { emptyParts } from './parts';
import { meetPoint, pointOnSegment } from './planar';
import { forEachMeetingCandidate } from './segment-sweep';
import { issueStar, mulberry32 } from './test/generate';
import { validateFootprint } from './validate';

const edgesOf = (rings: Position[][]): Edges => buildEdges({ ...emptyParts(), polygons: [rings] });

/** Edges i, j of one ring that follow each other (they always share a vertex). */
function consecutive(e: Edges, i: number, j: number): boolean {
	if (e.ring[i] !== e.ring[j]) return false;
	const n = e.ringSize[i];
	return (e.vertex[i] + 1) % n === e.vertex[j] || (e.vertex[j] + 1) % n === e.vertex[i];
}

/**
 * The problems the sweep must not miss: non-consecutive edges that share any point, and
 * consecutive ones that fold back over each other (a spike). Touching is accepted only where
 * consecutive edges meet, as in validateFootprint.
 */
const meetsBadly = (e: Edges) => (i: number, j: number) => {
	if (!consecutive(e, i, j)) return meetPoint(e.x1[i], e.y1[i], e.x2[i], e.y2[i], e.x1[j], e.y1[j], e.x2[j], e.y2[j]) !== null;
	const [a, b] = (e.vertex[i] + 1) % e.ringSize[i] === e.vertex[j] ? [i, j] : [j, i];
	return pointOnSegment(e.x2[b], e.y2[b], e.x1[a], e.y1[a], e.x2[a], e.y2[a]) || pointOnSegment(e.x1[a], e.y1[a], e.x2[a], e.y2[a], e.x2[b], e.y2[b]);
};

function bruteForce(e: Edges): boolean {
	const bad = meetsBadly(e);
	for (let i = 0; i < e.count; i++) for (let j = i + 1; j < e.count; j++) if (bad(i, j)) return true;
	return false;
}

/** A closed ring of `n` random points on a small integer grid: collinear, vertical, repeated points galore. */
function gridRing(rng: () => number, n: number, size: number): Position[] {
	const ring: Position[] = [];
	while (ring.length < n) {
		const p = [Math.floor(rng() * size), Math.floor(rng() * size)];
		const last = ring[ring.length - 1];
		if (!last || last[0] !== p[0] || last[1] !== p[1]) ring.push(p);
	}
	if (ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1]) ring.pop();
	return [...ring, ring[0]];
}

describe('forEachMeetingCandidate', () => {
	it('finds a meeting pair exactly when an all-pairs search does, on 4,000 degenerate random polygons', () => {
		const rng = mulberry32(20261130);
		let withProblems = 0;
		for (let k = 0; k < 4000; k++) {
			const rings = [gridRing(rng, 3 + Math.floor(rng() * 8), 3 + Math.floor(rng() * 6))];
			if (rng() < 0.4) rings.push(gridRing(rng, 3 + Math.floor(rng() * 4), 6));
			const e = edgesOf(rings);
			const expected = bruteForce(e);
			if (expected) withProblems++;
			expect(forEachMeetingCandidate(e, meetsBadly(e)), JSON.stringify(rings)).toBe(expected);
		}
		// Both kinds were exercised.
		expect(withProblems).toBeGreaterThan(400);
		expect(withProblems).toBeLessThan(3900);
	});

	it('offers a sub-quadratic number of pairs for a 10,000-point star, which is simple', () => {
		const e = edgesOf([issueStar(10_000).coordinates[0]]);
		let offered = 0;
		const bad = meetsBadly(e);
		expect(forEachMeetingCandidate(e, (i, j) => (offered++, bad(i, j)))).toBe(false);
		// About three pairs per edge (two shared vertices, neighbours at insertion and removal).
		expect(offered).toBeLessThan(5 * e.count);
	});
});

describe('validateFootprint on large footprints', () => {
	it('accepts the 10,000-point star and finds a crossing added to it', () => {
		const ring = issueStar(10_000).coordinates[0];
		expect(validateFootprint({ type: 'Polygon', coordinates: [ring] }).ok).toBe(true);
		// Swap two far-apart vertices: their edges now cross the star.
		const crossed = ring.map((p) => [...p]);
		[crossed[10], crossed[5011]] = [crossed[5011], crossed[10]];
		const r = validateFootprint({ type: 'Polygon', coordinates: [crossed] });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error.code).toBe('self-intersection');
	});
});
