import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

const serverDb = process.env.TEST_DATABASE_URL;

export default defineConfig({
	plugins: [
		// Compiles messages/*.json into src/lib/paraglide (generated, not in git) on build, dev and test.
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['custom-ecomap', 'localStorage', 'baseLocale'],
			isServer: 'import.meta.env.SSR'
		}),
		sveltekit()
	],
	// PGlite loads its WASM and the PostGIS bundle relative to its own files: keep it out of the bundle.
	optimizeDeps: { exclude: ['@electric-sql/pglite', '@electric-sql/pglite-postgis'] },
	ssr: { external: ['@electric-sql/pglite', '@electric-sql/pglite-postgis', 'pg'] },
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
					exclude: ['src/**/*.db.test.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					// The built app over HTTP against a PostgreSQL cluster each test file starts (and stops, and freezes).
					name: 'faults',
					include: ['tests/faults/**/*.test.ts'],
					environment: 'node',
					fileParallelism: false,
					testTimeout: 120_000,
					hookTimeout: 180_000
				}
			},
			{
				extends: true,
				test: {
					name: 'db-embedded',
					include: ['src/**/*.db.test.ts', 'tests/http/**/*.test.ts'],
					environment: 'node',
					env: { TEST_BACKEND: 'embedded' },
					globalSetup: ['tests/global-setup.ts'],
					// One shared database per project (PGlite runs one query at a time anyway):
					// files run one after another in one worker that keeps its modules.
					fileParallelism: false,
					isolate: false,
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			},
			...(serverDb
				? [
						{
							extends: true as const,
							test: {
								name: 'db-server',
								include: ['src/**/*.db.test.ts', 'tests/http/**/*.test.ts'],
								environment: 'node' as const,
								env: { TEST_BACKEND: 'server' },
								globalSetup: ['tests/global-setup.ts'],
								fileParallelism: false,
								isolate: false,
								testTimeout: 60_000,
								hookTimeout: 120_000
							}
						}
					]
				: [])
		]
	}
});
