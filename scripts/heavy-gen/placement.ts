/**
 * Places disks (one per feature, the radius its outline can reach) inside the prefecture
 * outline without overlapping, so the heavy layers are like real ones: features of a layer
 * never overlap each other. Random sequential placement, largest first; a disk that finds no
 * room after many tries is shrunk a little and tried again (its outline is scaled with it).
 */
import { buildFrame } from '../seed-gen/frame';
import { kmPerDegLon, KM_PER_DEG_LAT, type Pos } from '../seed-gen/geom';
import type { Rng } from '../seed-gen/rng';

const MASK_STEP_DEG = 0.01;

/** The prefecture outline as a grid of inside/outside cells (0.01°): fast point-in tests. */
class OutlineMask {
	readonly west: number;
	readonly south: number;
	readonly cols: number;
	readonly rows: number;
	private readonly inside: Uint8Array;
	constructor() {
		const outline = buildFrame().outline;
		const xs = outline.flatMap((p) => p[0].map((q) => q[0]));
		const ys = outline.flatMap((p) => p[0].map((q) => q[1]));
		this.west = Math.min(...xs);
		this.south = Math.min(...ys);
		this.cols = Math.ceil((Math.max(...xs) - this.west) / MASK_STEP_DEG);
		this.rows = Math.ceil((Math.max(...ys) - this.south) / MASK_STEP_DEG);
		this.inside = new Uint8Array(this.cols * this.rows);
		// Scanlines: each row's centre line crosses the rings at sorted longitudes; the cells
		// between the 1st and 2nd, 3rd and 4th, … crossing are inside (even–odd rule).
		const rings = outline.flatMap((polygon) => polygon);
		for (let j = 0; j < this.rows; j++) {
			const y = this.south + (j + 0.5) * MASK_STEP_DEG;
			const xs: number[] = [];
			for (const ring of rings)
				for (let k = 0; k + 1 < ring.length; k++) {
					const [ax, ay] = ring[k];
					const [bx, by] = ring[k + 1];
					if (ay <= y !== by <= y) xs.push(ax + ((y - ay) * (bx - ax)) / (by - ay));
				}
			xs.sort((a, b) => a - b);
			for (let k = 0; k + 1 < xs.length; k += 2)
				for (let i = Math.max(0, Math.ceil((xs[k] - this.west) / MASK_STEP_DEG - 0.5)); i < this.cols && this.west + (i + 0.5) * MASK_STEP_DEG < xs[k + 1]; i++)
					this.inside[j * this.cols + i] = 1;
		}
	}
	has([lon, lat]: Pos): boolean {
		const i = Math.floor((lon - this.west) / MASK_STEP_DEG);
		const j = Math.floor((lat - this.south) / MASK_STEP_DEG);
		return i >= 0 && j >= 0 && i < this.cols && j < this.rows && this.inside[j * this.cols + i] === 1;
	}
}

let mask: OutlineMask | undefined;

export interface Placed {
	center: Pos;
	/** Factor the outline is scaled by (1 unless it had to shrink to find room). */
	scale: number;
}

/** Non-overlapping placement of disks of `radiiKm`, in input order of the result. */
export function placeDisks(r: Rng, radiiKm: number[], marginKm = 0.2): Placed[] {
	mask ??= new OutlineMask();
	const m = mask;
	const cellKm = 10;
	const kx = kmPerDegLon(44.5);
	const grid = new Map<number, Array<{ x: number; y: number; rad: number }>>();
	const key = (i: number, j: number) => i * 100_000 + j;
	const toKm = ([lon, lat]: Pos) => ({ x: (lon - m.west) * kx, y: (lat - m.south) * KM_PER_DEG_LAT });
	const fits = (c: Pos, rad: number): boolean => {
		if (!m.has(c)) return false;
		for (let k = 0; k < 12; k++) {
			const a = (k * Math.PI) / 6;
			const reach = rad + 1; // stay a km inside the (0.01°-gridded) outline
			if (!m.has([c[0] + (reach * Math.cos(a)) / kx, c[1] + (reach * Math.sin(a)) / KM_PER_DEG_LAT])) return false;
		}
		const { x, y } = toKm(c);
		for (let i = Math.floor((x - rad) / cellKm) - 1; i <= Math.floor((x + rad) / cellKm) + 1; i++)
			for (let j = Math.floor((y - rad) / cellKm) - 1; j <= Math.floor((y + rad) / cellKm) + 1; j++)
				for (const d of grid.get(key(i, j)) ?? []) if (Math.hypot(d.x - x, d.y - y) < d.rad + rad + marginKm) return false;
		return true;
	};
	const add = (c: Pos, rad: number) => {
		const { x, y } = toKm(c);
		for (let i = Math.floor((x - rad) / cellKm); i <= Math.floor((x + rad) / cellKm); i++)
			for (let j = Math.floor((y - rad) / cellKm); j <= Math.floor((y + rad) / cellKm); j++) {
				const list = grid.get(key(i, j)) ?? [];
				list.push({ x, y, rad });
				grid.set(key(i, j), list);
			}
	};
	const order = radiiKm.map((_, i) => i).sort((a, b) => radiiKm[b] - radiiKm[a] || a - b);
	const out: Placed[] = new Array(radiiKm.length);
	for (const i of order) {
		let scale = 1;
		for (let attempt = 0; ; attempt++) {
			const c: Pos = [m.west + r.next() * m.cols * MASK_STEP_DEG, m.south + r.next() * m.rows * MASK_STEP_DEG];
			if (fits(c, radiiKm[i] * scale)) {
				add(c, radiiKm[i] * scale);
				out[i] = { center: c, scale };
				break;
			}
			if (attempt % 300 === 299) scale *= 0.85;
			if (attempt > 30_000) throw new Error('no room left in the prefecture: lower the density');
		}
	}
	return out;
}
