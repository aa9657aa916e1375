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
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
	return {
		databaseUrl: blank(env.DATABASE_URL),
		embeddedDbDir: blank(env.EMBEDDED_DB_DIR) ?? '.data/pglite',
		tianDiTuToken: blank(env.TIANDITU_TOKEN),
		basemapXyzUrl: blank(env.BASEMAP_XYZ_URL),
		basemapXyzAttribution: blank(env.BASEMAP_XYZ_ATTRIBUTION)
	};
}
