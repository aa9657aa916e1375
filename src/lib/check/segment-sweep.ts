import { orient2d } from 'robust-predicates';
import { SplayTreeSet } from 'splaytree-ts';
import type { Edges } from './edges';

/**
 * Calls `test(i, j)` (i < j) for pairs of edges that may meet, stopping as soon as it returns
 * true; returns whether it did. Every pair of edges that meet is offered, or — when one pair is
 * a problem — at least one problem pair is, in O(n log n) instead of the O(n²) a bbox index
 * degrades to when long edges overlap (a 10,000-point star polygon: 15 s).
 *
 * Shamos–Hoey: a sweep over the edges' endpoints in (x, y) order keeps the edges crossing the
 * sweep line ordered from bottom to top in a splay tree and offers each pair that becomes
 * adjacent there; the first crossing is always between neighbours before the sweep reaches it.
 * Touching is not crossing, so the order stays valid past touches `test` accepts. The order is
 * decided by exact orientation tests (robust-predicates), so it is consistent even for nearly
 * collinear edges. Edges that share an endpoint are offered separately, all pairs at a vertex.
 *
 * @example
 * // A bow tie: its two crossing edges are offered.
 * const pairs: [number, number][] = [];
 * forEachMeetingCandidate(buildEdges(bowTieParts), (i, j) => (pairs.push([i, j]), false));
 */
export function forEachMeetingCandidate(edges: Edges, test: (i: number, j: number) => boolean): boolean {
	const n = edges.count;
	// Left end = the smaller in (x, y) order.
	const lx = new Float64Array(n);
	const ly = new Float64Array(n);
	const rx = new Float64Array(n);
	const ry = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		const first = edges.x1[i] < edges.x2[i] || (edges.x1[i] === edges.x2[i] && edges.y1[i] <= edges.y2[i]);
		lx[i] = first ? edges.x1[i] : edges.x2[i];
		ly[i] = first ? edges.y1[i] : edges.y2[i];
		rx[i] = first ? edges.x2[i] : edges.x1[i];
		ry[i] = first ? edges.y2[i] : edges.y1[i];
	}
	const offer = (i: number, j: number) => i !== j && (i < j ? test(i, j) : test(j, i));

	// Events: 2i = edge i starts (its left end), 2i + 1 = it ends; in (x, y) order, ends before
	// starts at a point. Equal points are runs of this order: the edges sharing an endpoint.
	const px = new Float64Array(2 * n);
	const py = new Float64Array(2 * n);
	for (let i = 0; i < n; i++) {
		px[2 * i] = lx[i];
		py[2 * i] = ly[i];
		px[2 * i + 1] = rx[i];
		py[2 * i + 1] = ry[i];
	}
	const events = new Int32Array(2 * n);
	for (let k = 0; k < 2 * n; k++) events[k] = k;
	events.sort((a, b) => px[a] - px[b] || py[a] - py[b] || (b & 1) - (a & 1));

	// Every pair of edges with a common endpoint (a ring's two edges at each vertex, and any more).
	for (let start = 0; start < events.length; ) {
		let stop = start + 1;
		while (stop < events.length && px[events[stop]] === px[events[start]] && py[events[stop]] === py[events[start]]) stop++;
		for (let a = start; a < stop; a++) for (let b = a + 1; b < stop; b++) if (offer(events[a] >> 1, events[b] >> 1)) return true;
		start = stop;
	}

	// > 0 when (x, y) lies above (left of) edge e's line, directed left to right.
	const side = (e: number, x: number, y: number) => -orient2d(lx[e], ly[e], rx[e], ry[e], x, y);
	const before = (a: number, b: number) => lx[a] < lx[b] || (lx[a] === lx[b] && ly[a] < ly[b]);
	// Bottom-to-top order of two edges that both cross the sweep line and do not cross each
	// other: where the later-starting one begins (or, from a common point, where it goes)
	// relative to the other's line. Independent of the sweep's position; ties by index.
	const compare = (a: number, b: number): number => {
		if (a === b) return 0;
		if (before(b, a)) return -compare(b, a);
		let s = lx[a] === lx[b] && ly[a] === ly[b] ? 0 : side(a, lx[b], ly[b]);
		if (s === 0) s = side(a, rx[b], ry[b]);
		if (s !== 0) return s > 0 ? -1 : 1;
		return a - b;
	};

	const status = new SplayTreeSet<number>(compare);
	for (let k = 0; k < events.length; k++) {
		const event = events[k];
		const e = event >> 1;
		if ((event & 1) === 0) {
			status.add(e);
			const below = status.lastBefore(e);
			const above = status.firstAfter(e);
			if (below !== null && offer(below, e)) return true;
			if (above !== null && offer(e, above)) return true;
		} else {
			const below = status.lastBefore(e);
			const above = status.firstAfter(e);
			status.delete(e);
			if (below !== null && above !== null && offer(below, above)) return true;
		}
	}
	return false;
}
