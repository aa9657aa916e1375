import type { Parts } from './types';

/** What an edge belongs to. A point is stored as a zero-length edge so one index serves all. */
export const KIND_POLYGON = 0;
export const KIND_LINE = 1;
export const KIND_POINT = 2;

/**
 * Every edge of a geometry in flat typed arrays — cheap to scan, cheap to index. Planar
 * [lon, lat] coordinates; edge i runs from (x1[i], y1[i]) to (x2[i], y2[i]).
 */
export interface Edges {
	readonly count: number;
	readonly x1: Float64Array;
	readonly y1: Float64Array;
	readonly x2: Float64Array;
	readonly y2: Float64Array;
	/** KIND_POLYGON | KIND_LINE | KIND_POINT */
	readonly kind: Uint8Array;
	/** Part index inside its kind (polygon #, line #, point #). */
	readonly part: Int32Array;
	/** Ring index inside the polygon (0 = shell); 0 for lines and points. */
	readonly ring: Int32Array;
	/** Index of the edge's first vertex inside its ring or line. */
	readonly vertex: Int32Array;
	/** Number of edges of the ring or line the edge belongs to (for adjacency). */
	readonly ringSize: Int32Array;
}

/**
 * Builds the edge list of a geometry. With `filter` (a bbox) only edges whose bbox meets it
 * are kept — the rest cannot touch anything inside it.
 *
 * @example
 * buildEdges(toParts({ type: 'LineString', coordinates: [[0, 0], [1, 0], [1, 1]] })).count; // 2
 */
export function buildEdges(parts: Parts, filter?: readonly [number, number, number, number]): Edges {
	let n = parts.points.length;
	for (const l of parts.lines) n += l.length - 1;
	for (const p of parts.polygons) for (const r of p) n += r.length - 1;
	const x1 = new Float64Array(n);
	const y1 = new Float64Array(n);
	const x2 = new Float64Array(n);
	const y2 = new Float64Array(n);
	const kind = new Uint8Array(n);
	const part = new Int32Array(n);
	const ring = new Int32Array(n);
	const vertex = new Int32Array(n);
	const ringSize = new Int32Array(n);
	let k = 0;
	const push = (ax: number, ay: number, bx: number, by: number, kd: number, pi: number, ri: number, vi: number, size: number) => {
		if (filter) {
			const minX = ax < bx ? ax : bx;
			const maxX = ax < bx ? bx : ax;
			const minY = ay < by ? ay : by;
			const maxY = ay < by ? by : ay;
			if (maxX < filter[0] || minX > filter[2] || maxY < filter[1] || minY > filter[3]) return;
		}
		x1[k] = ax;
		y1[k] = ay;
		x2[k] = bx;
		y2[k] = by;
		kind[k] = kd;
		part[k] = pi;
		ring[k] = ri;
		vertex[k] = vi;
		ringSize[k] = size;
		k++;
	};
	parts.polygons.forEach((poly, pi) =>
		poly.forEach((r, ri) => {
			for (let i = 0; i + 1 < r.length; i++) push(r[i][0], r[i][1], r[i + 1][0], r[i + 1][1], KIND_POLYGON, pi, ri, i, r.length - 1);
		})
	);
	parts.lines.forEach((l, li) => {
		for (let i = 0; i + 1 < l.length; i++) push(l[i][0], l[i][1], l[i + 1][0], l[i + 1][1], KIND_LINE, li, 0, i, l.length - 1);
	});
	parts.points.forEach((p, i) => push(p[0], p[1], p[0], p[1], KIND_POINT, i, 0, 0, 0));
	return {
		count: k,
		x1: x1.subarray(0, k),
		y1: y1.subarray(0, k),
		x2: x2.subarray(0, k),
		y2: y2.subarray(0, k),
		kind: kind.subarray(0, k),
		part: part.subarray(0, k),
		ring: ring.subarray(0, k),
		vertex: vertex.subarray(0, k),
		ringSize: ringSize.subarray(0, k)
	};
}

/**
 * A uniform grid over edge bounding boxes. Queries visit every edge whose (optionally
 * padded) bbox meets the query box, each once.
 */
export class EdgeGrid {
	readonly edges: Edges;
	private readonly minX: number;
	private readonly minY: number;
	private readonly cell: number;
	private readonly nx: number;
	private readonly ny: number;
	private readonly start: Int32Array;
	private readonly items: Int32Array;
	/** Edges spanning too many cells to register in each: visited by every query. */
	private readonly big: Int32Array;
	private readonly stamp: Uint32Array;
	private tick = 0;
	private readonly pad: number;

	/**
	 * @param pad degrees added around every edge bbox (room for geodesic bulge in distance queries)
	 */
	constructor(edges: Edges, pad = 0) {
		this.edges = edges;
		this.pad = pad;
		const n = edges.count;
		let minX = Infinity;
		let minY = Infinity;
		let maxX = -Infinity;
		let maxY = -Infinity;
		for (let i = 0; i < n; i++) {
			minX = Math.min(minX, edges.x1[i], edges.x2[i]);
			maxX = Math.max(maxX, edges.x1[i], edges.x2[i]);
			minY = Math.min(minY, edges.y1[i], edges.y2[i]);
			maxY = Math.max(maxY, edges.y1[i], edges.y2[i]);
		}
		if (n === 0) minX = minY = maxX = maxY = 0;
		minX -= pad;
		minY -= pad;
		maxX += pad;
		maxY += pad;
		const w = Math.max(maxX - minX, 1e-12);
		const h = Math.max(maxY - minY, 1e-12);
		// About two edges per cell, at most 512 × 512 cells.
		let cell = Math.sqrt((w * h) / Math.max(1, n / 2));
		cell = Math.max(cell, w / 512, h / 512);
		this.minX = minX;
		this.minY = minY;
		this.cell = cell;
		this.nx = Math.max(1, Math.min(512, Math.ceil(w / cell)));
		this.ny = Math.max(1, Math.min(512, Math.ceil(h / cell)));
		const counts = new Int32Array(this.nx * this.ny + 1);
		const big: number[] = [];
		this.forCells(n, (c) => counts[c + 1]++, big);
		for (let c = 1; c < counts.length; c++) counts[c] += counts[c - 1];
		this.start = counts.slice();
		const fill = counts.slice();
		this.items = new Int32Array(counts[counts.length - 1]);
		this.forCells(n, (c, i) => {
			this.items[fill[c]++] = i;
		});
		this.big = Int32Array.from(big);
		this.stamp = new Uint32Array(n);
	}

	private forCells(n: number, f: (cell: number, edge: number) => void, big?: number[]): void {
		const e = this.edges;
		for (let i = 0; i < n; i++) {
			const c0 = this.col(Math.min(e.x1[i], e.x2[i]) - this.pad);
			const c1 = this.col(Math.max(e.x1[i], e.x2[i]) + this.pad);
			const r0 = this.row(Math.min(e.y1[i], e.y2[i]) - this.pad);
			const r1 = this.row(Math.max(e.y1[i], e.y2[i]) + this.pad);
			if ((c1 - c0 + 1) * (r1 - r0 + 1) > 256) {
				big?.push(i);
				continue;
			}
			for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) f(r * this.nx + c, i);
		}
	}

	private col(x: number): number {
		const c = Math.floor((x - this.minX) / this.cell);
		return c < 0 ? 0 : c >= this.nx ? this.nx - 1 : c;
	}

	private row(y: number): number {
		const r = Math.floor((y - this.minY) / this.cell);
		return r < 0 ? 0 : r >= this.ny ? this.ny - 1 : r;
	}

	/** Calls `visit(i)` for each edge whose padded bbox meets [minX, minY, maxX, maxY]. */
	query(minX: number, minY: number, maxX: number, maxY: number, visit: (edge: number) => void): void {
		if (this.edges.count === 0) return;
		if (maxX < this.minX || maxY < this.minY) return;
		if (++this.tick === 0xffffffff) {
			this.stamp.fill(0);
			this.tick = 1;
		}
		const e = this.edges;
		const pad = this.pad;
		const test = (i: number) => {
			if (this.stamp[i] === this.tick) return;
			this.stamp[i] = this.tick;
			const ex0 = (e.x1[i] < e.x2[i] ? e.x1[i] : e.x2[i]) - pad;
			const ex1 = (e.x1[i] < e.x2[i] ? e.x2[i] : e.x1[i]) + pad;
			const ey0 = (e.y1[i] < e.y2[i] ? e.y1[i] : e.y2[i]) - pad;
			const ey1 = (e.y1[i] < e.y2[i] ? e.y2[i] : e.y1[i]) + pad;
			if (ex1 < minX || ex0 > maxX || ey1 < minY || ey0 > maxY) return;
			visit(i);
		};
		for (let k = 0; k < this.big.length; k++) test(this.big[k]);
		const c0 = this.col(minX);
		const c1 = this.col(maxX);
		const r0 = this.row(minY);
		const r1 = this.row(maxY);
		for (let r = r0; r <= r1; r++) {
			for (let c = c0; c <= c1; c++) {
				const cellIndex = r * this.nx + c;
				for (let k = this.start[cellIndex]; k < this.start[cellIndex + 1]; k++) test(this.items[k]);
			}
		}
	}
}
