import type { Geometry } from 'geojson';
import type { CandidateSet } from './types';

/** A candidate feature with its geometry still GeoJSON text, as it left the database. */
export interface CandidateText {
	id: number;
	properties: Record<string, string | number | boolean | null>;
	geometry: string;
}

/**
 * Candidate sets on their way to a check worker. A string crosses to a worker as one copy,
 * while nested coordinate arrays are cloned array by array (several ms for a few thousand
 * vertices — more than a small check's engine); the worker parses them itself.
 */
export interface CandidateTextSet {
	layerId: string;
	features: CandidateText[];
}

/** The engine's candidate sets from their text form. */
export function parseCandidateSets(sets: readonly CandidateTextSet[]): CandidateSet[] {
	return sets.map((set) => ({
		layerId: set.layerId,
		features: set.features.map((f) => ({ type: 'Feature', id: f.id, properties: f.properties, geometry: JSON.parse(f.geometry) as Geometry }))
	}));
}
