import { availableParallelism } from 'node:os';

/**
 * The one place that reads the environment. Works in the SvelteKit server (adapter-node
 * sets process.env) and in the command-line scripts alike.
 */
export interface Config {
	/** Set → a PostgreSQL server with PostGIS; unset → the embedded database. */
	databaseUrl: string | undefined;
	/**
	 * DATABASE_READ_URL: a streaming replica of DATABASE_URL's database for the read routes
	 * (tiles, OGC API, downloads, search, the live check's candidates). Unset → they read the primary.
	 */
	databaseReadUrl: string | undefined;
	embeddedDbDir: string;
	tianDiTuToken: string | undefined;
	basemapXyzUrl: string | undefined;
	basemapXyzAttribution: string | undefined;
	/** Byte budget of the in-process tile cache; 0 turns it off (TILE_CACHE_MB, default 64). */
	tileCacheBytes: number;
	/** Where generated layer downloads (FlatGeobuf, GeoJSON) are kept between restarts. */
	downloadsDir: string;
	/**
	 * Vertices per query while a download is written (DOWNLOAD_BATCH_VERTICES, default 20,000:
	 * see downloads/feature-batches.ts); 0 or unset = the default. For benches and tuning.
	 */
	downloadBatchVertices: number;
	/** Where rendered low-zoom tiles are kept between restarts (TILE_DIR, default .data/tiles; `off` = nowhere). */
	tileDir: string | null;
	/**
	 * Render the opening view's low-zoom tiles in the background when a layer's data version
	 * changes (and on start), so the first visitor after an import is served from the caches
	 * (TILE_WARM, default on; 0 = off).
	 */
	tileWarm: boolean;
	/**
	 * Conflict checks (/api/check, its PDF) each client address may run per minute; 0 turns the
	 * limit off, e.g. for the benchmark (CHECK_RATE_LIMIT, default 30).
	 */
	checkRateLimitPerMinute: number;
	/** How long the PostGIS server may take to answer: see `DbTimeouts`. */
	dbTimeouts: DbTimeouts;
	/** One access line per request on stdout; ACCESS_LOG=0 silences it (tests). */
	accessLog: boolean;
	/** A check slower than this is logged as slow (SLOW_CHECK_MS, default 2000). */
	slowCheckMs: number;
	/** ORIGIN: the public origin every link is built from, when set. */
	origin: string | undefined;
	/**
	 * TRUSTED_HOSTS (comma-separated host names, any port; `*` trusts every Host): the Host
	 * headers links may be built from when ORIGIN is unset. Unset → this machine's names.
	 */
	trustedHosts: string[] | undefined;
	/** adapter-node's PROTOCOL_HEADER is set: the request URL's scheme is the client's. */
	protocolFromProxy: boolean;
	/** Importer: the largest zip entry unpacked, declared or found while unpacking (IMPORT_MAX_ZIP_ENTRY_MB, default 1024). */
	importMaxZipEntryBytes: number;
	/** Importer: the largest GeoPackage, KML or single-feature GeoJSON, which are read whole (IMPORT_MAX_WHOLE_FILE_MB, default 256). */
	importMaxWholeFileBytes: number;
	/** Worker threads for the CPU work of checks (CHECK_WORKERS, default: the available cores). */
	checkWorkers: number;
	/** Running time after which a check's worker is stopped: 422 too-complex (CHECK_DEADLINE_MS, default 20 000). */
	checkDeadlineMs: number;
	/**
	 * Footprint vertices × candidate-feature vertices above which a check is refused up front with
	 * 422 too-complex (CHECK_MAX_WORK, default 10⁸).
	 */
	checkMaxWork: number;
	/** Largest field photo accepted, in bytes (PHOTO_MAX_MB, default 8). */
	photoMaxBytes: number;
}

/**
 * Bounds on waiting for a PostGIS server, so a stopped or frozen database answers 503 in
 * seconds instead of hanging requests. 0 turns a bound off.
 */
export interface DbTimeouts {
	/** Opening a connection (DB_CONNECT_TIMEOUT_MS, default 3000). */
	connectMs: number;
	/**
	 * One statement: the server cancels it (statement_timeout) and the client gives up on an
	 * answer that never comes, e.g. from a frozen server (DB_STATEMENT_TIMEOUT_MS, default 15000).
	 */
	statementMs: number;
	/** An idle pooled connection is closed after this (DB_IDLE_TIMEOUT_MS, default 30000). */
	idleMs: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
	return {
		databaseUrl: blank(env.DATABASE_URL),
		databaseReadUrl: readUrl(blank(env.DATABASE_READ_URL), blank(env.DATABASE_URL)),
		embeddedDbDir: blank(env.EMBEDDED_DB_DIR) ?? '.data/pglite',
		tianDiTuToken: blank(env.TIANDITU_TOKEN),
		basemapXyzUrl: blank(env.BASEMAP_XYZ_URL),
		basemapXyzAttribution: blank(env.BASEMAP_XYZ_ATTRIBUTION),
		tileCacheBytes: megabytes('TILE_CACHE_MB', blank(env.TILE_CACHE_MB), 64),
		photoMaxBytes: megabytes('PHOTO_MAX_MB', blank(env.PHOTO_MAX_MB), 8),
		downloadsDir: blank(env.DOWNLOADS_DIR) ?? '.data/downloads',
		downloadBatchVertices: count('DOWNLOAD_BATCH_VERTICES', blank(env.DOWNLOAD_BATCH_VERTICES), 0),
		tileDir: blank(env.TILE_DIR) === 'off' ? null : (blank(env.TILE_DIR) ?? '.data/tiles'),
		tileWarm: blank(env.TILE_WARM) !== '0',
		checkRateLimitPerMinute: count('CHECK_RATE_LIMIT', blank(env.CHECK_RATE_LIMIT), 30),
		dbTimeouts: {
			connectMs: count('DB_CONNECT_TIMEOUT_MS', blank(env.DB_CONNECT_TIMEOUT_MS), 3000),
			statementMs: count('DB_STATEMENT_TIMEOUT_MS', blank(env.DB_STATEMENT_TIMEOUT_MS), 15_000),
			idleMs: count('DB_IDLE_TIMEOUT_MS', blank(env.DB_IDLE_TIMEOUT_MS), 30_000)
		},
		accessLog: blank(env.ACCESS_LOG) !== '0',
		slowCheckMs: count('SLOW_CHECK_MS', blank(env.SLOW_CHECK_MS), 2000),
		origin: origin(blank(env.ORIGIN)),
		trustedHosts: blank(env.TRUSTED_HOSTS)
			?.split(',')
			.map((h) => h.trim().toLowerCase())
			.filter(Boolean),
		protocolFromProxy: blank(env.PROTOCOL_HEADER) !== undefined,
		importMaxZipEntryBytes: megabytes('IMPORT_MAX_ZIP_ENTRY_MB', blank(env.IMPORT_MAX_ZIP_ENTRY_MB), 1024),
		importMaxWholeFileBytes: megabytes('IMPORT_MAX_WHOLE_FILE_MB', blank(env.IMPORT_MAX_WHOLE_FILE_MB), 256),
		checkWorkers: Math.max(1, count('CHECK_WORKERS', blank(env.CHECK_WORKERS), availableParallelism())),
		checkDeadlineMs: Math.max(1, count('CHECK_DEADLINE_MS', blank(env.CHECK_DEADLINE_MS), 20_000)),
		checkMaxWork: count('CHECK_MAX_WORK', blank(env.CHECK_MAX_WORK), 100_000_000)
	};
}

/** A replica only makes sense beside a primary server: the embedded database has none. */
function readUrl(value: string | undefined, databaseUrl: string | undefined): string | undefined {
	if (value !== undefined && databaseUrl === undefined)
		throw new Error('DATABASE_READ_URL names a replica of the DATABASE_URL server: set DATABASE_URL too (the embedded database has no replicas)');
	return value;
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

function origin(value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	const url = URL.parse(value);
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== value.replace(/\/+$/, ''))
		throw new Error(`ORIGIN must be a scheme and host such as https://map.example.org, not "${value}"`);
	return url.origin;
}
