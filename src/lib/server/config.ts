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
	/** Importer: the largest zip entry unpacked, declared or found while unpacking (IMPORT_MAX_ZIP_ENTRY_MB, default 1024). */
	importMaxZipEntryBytes: number;
	/** Importer: the largest GeoPackage, KML or single-feature GeoJSON, which are read whole (IMPORT_MAX_WHOLE_FILE_MB, default 256). */
	importMaxWholeFileBytes: number;
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
		importMaxZipEntryBytes: megabytes('IMPORT_MAX_ZIP_ENTRY_MB', blank(env.IMPORT_MAX_ZIP_ENTRY_MB), 1024),
		importMaxWholeFileBytes: megabytes('IMPORT_MAX_WHOLE_FILE_MB', blank(env.IMPORT_MAX_WHOLE_FILE_MB), 256)
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
