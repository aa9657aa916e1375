import { availableParallelism } from 'node:os';

/**
 * The one place that reads the environment. Works in the SvelteKit server (adapter-node
 * sets process.env) and in the command-line scripts alike.
 */
export interface Config {
	/** Set → a PostgreSQL server with PostGIS; unset → the embedded database. */
	databaseUrl: string | undefined;
	embeddedDbDir: string;
	tianDiTuToken: string | undefined;
	basemapXyzUrl: string | undefined;
	basemapXyzAttribution: string | undefined;
	/** Byte budget of the in-process tile cache; 0 turns it off (TILE_CACHE_MB, default 64). */
	tileCacheBytes: number;
	/** Where generated layer downloads (FlatGeobuf, GeoJSON) are kept between restarts. */
	downloadsDir: string;
	/**
	 * Conflict checks (/api/check, its PDF) each client address may run per minute; 0 turns the
	 * limit off, e.g. for the benchmark (CHECK_RATE_LIMIT, default 30).
	 */
	checkRateLimitPerMinute: number;
	/** Worker threads for the CPU work of checks (CHECK_WORKERS, default: the available cores). */
	checkWorkers: number;
	/** Running time after which a check's worker is stopped: 422 too-complex (CHECK_DEADLINE_MS, default 20 000). */
	checkDeadlineMs: number;
	/**
	 * Footprint vertices × candidate-feature vertices above which a check is refused up front with
	 * 422 too-complex (CHECK_MAX_WORK, default 10⁸).
	 */
	checkMaxWork: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
	return {
		databaseUrl: blank(env.DATABASE_URL),
		embeddedDbDir: blank(env.EMBEDDED_DB_DIR) ?? '.data/pglite',
		tianDiTuToken: blank(env.TIANDITU_TOKEN),
		basemapXyzUrl: blank(env.BASEMAP_XYZ_URL),
		basemapXyzAttribution: blank(env.BASEMAP_XYZ_ATTRIBUTION),
		tileCacheBytes: megabytes('TILE_CACHE_MB', blank(env.TILE_CACHE_MB), 64),
		downloadsDir: blank(env.DOWNLOADS_DIR) ?? '.data/downloads',
		checkRateLimitPerMinute: count('CHECK_RATE_LIMIT', blank(env.CHECK_RATE_LIMIT), 30),
		checkWorkers: Math.max(1, count('CHECK_WORKERS', blank(env.CHECK_WORKERS), availableParallelism())),
		checkDeadlineMs: Math.max(1, count('CHECK_DEADLINE_MS', blank(env.CHECK_DEADLINE_MS), 20_000)),
		checkMaxWork: count('CHECK_MAX_WORK', blank(env.CHECK_MAX_WORK), 100_000_000)
	};
}

function megabytes(name: string, value: string | undefined, fallback: number): number {
	if (value === undefined) return fallback * 1024 * 1024;
	const mb = Number(value);
	if (!Number.isFinite(mb) || mb < 0) throw new Error(`${name} must be a number of megabytes ≥ 0, not "${value}"`);
	return Math.round(mb * 1024 * 1024);
}

function count(name: string, value: string | undefined, fallback: number): number {
	if (value === undefined) return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0, not "${value}"`);
	return n;
}
