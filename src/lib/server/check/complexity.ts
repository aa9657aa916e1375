import type { Geometry } from 'geojson';
import type { CandidateSet } from '../../check/types';
import type { TooComplexDetails } from '../../api/errors';

export type { TooComplexDetails };

/**
 * Why a check was refused as too complex, with the figures: the work bound checked before the
 * engine starts (`work-limit`), or the deadline that stopped a step in its worker (`deadline`).
 */

export class TooComplexError extends Error {
	constructor(readonly details: TooComplexDetails) {
		super(`footprint too complex (${details.reason})`);
		this.name = 'TooComplexError';
	}
}

/** Edges of a GeoJSON geometry; a point counts as one (the engine stores it as a zero-length edge). */
export function geometryEdges(g: Geometry): number {
	switch (g.type) {
		case 'Point':
			return 1;
		case 'MultiPoint':
			return g.coordinates.length;
		case 'LineString':
			return Math.max(0, g.coordinates.length - 1);
		case 'MultiLineString':
			return g.coordinates.reduce((n, l) => n + Math.max(0, l.length - 1), 0);
		case 'Polygon':
			return g.coordinates.reduce((n, r) => n + Math.max(0, r.length - 1), 0);
		case 'MultiPolygon':
			return g.coordinates.reduce((n, p) => n + p.reduce((m, r) => m + Math.max(0, r.length - 1), 0), 0);
		case 'GeometryCollection':
			return g.geometries.reduce((n, c) => n + geometryEdges(c), 0);
	}
}

/** Edges of every candidate feature of every layer. */
export function candidateEdges(sets: readonly CandidateSet[]): number {
	let n = 0;
	for (const set of sets) for (const f of set.features) if (f.geometry) n += geometryEdges(f.geometry);
	return n;
}
