import { createHash } from 'node:crypto';
import type { Footprint } from '../../check/types';

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * The report's identity: the same footprint and project type checked against the same data
 * with the same engine gives the same id, so a printed report can be re-created and verified.
 * The footprint enters as validated parts, so wrapping (Feature, FeatureCollection) and
 * foreign properties do not change the id. First 16 hex digits of a SHA-256.
 */
export function reportId(input: {
	footprint: Footprint;
	projectType: string;
	dataVersions: Record<string, string>;
	engineVersion: string;
}): string {
	const { polygons, lines, points } = input.footprint.parts;
	const text = canonicalJson({
		footprint: { polygons, lines, points },
		projectType: input.projectType,
		dataVersions: input.dataVersions,
		engine: input.engineVersion
	});
	return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
