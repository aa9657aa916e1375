/**
 * The conflict-check engine: pure TypeScript, no DOM, no database, no $env — the same code
 * gives the instant preview in the browser and the report of record on the server.
 */
export { runCheck, FootprintInvalidError, ENGINE_VERSION } from './engine';
export { validateFootprint } from './validate';
export { repairFootprint } from './repair';
export { resolveClause, clauseSeverity, conflictSeverity, severityRank, stronger, verdictOf } from './rules';
export { polygonArea, lineLength, distance, pointSegmentDistance, signedRingArea } from './geodesic';
export type * from './types';
