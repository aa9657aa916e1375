// Prepares one migrated, seeded database per test project, shared by its test files:
// - db-embedded: a PGlite data directory dumped to a tarball (cached under .data/test,
//   keyed by the migrations and seed files), which each worker loads in a few seconds;
// - db-server: a fresh database on the PostGIS server of TEST_DATABASE_URL, dropped at the end.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createTempDatabase } from '../scripts/temp-database';
import { openEmbeddedDb } from '../src/lib/server/db/embedded';
import { migrate, MIGRATIONS_DIR } from '../src/lib/server/db/migrate';
import { seed, SEED_DIR } from '../src/lib/server/seed';
import type { Db } from '../src/lib/server/db/types';

declare module 'vitest' {
	export interface ProvidedContext {
		testDb: { backend: 'embedded'; template: string } | { backend: 'server'; url: string };
	}
}

async function prepare(db: Db) {
	await migrate(db);
	await seed(db);
}

function inputsHash(): string {
	const hash = createHash('sha256');
	for (const dir of [MIGRATIONS_DIR, SEED_DIR, join(SEED_DIR, '../../src/lib/layers')])
		for (const name of readdirSync(dir).sort()) {
			const path = join(dir, name);
			if (name.endsWith('.sql') || name.endsWith('.geojson') || name.endsWith('.ts')) hash.update(name).update(readFileSync(path));
		}
	return hash.digest('hex').slice(0, 16);
}

async function setupEmbedded(project: TestProject) {
	const dir = '.data/test';
	mkdirSync(dir, { recursive: true });
	const template = join(dir, `template-${inputsHash()}.tar.gz`);
	if (!existsSync(template)) {
		console.log('[tests] Building the seeded embedded test database (about 30 s, cached afterwards)…');
		const db = await openEmbeddedDb({ dataDir: 'memory://' });
		await prepare(db);
		const dump = await db.pglite.dumpDataDir('gzip');
		writeFileSync(template, Buffer.from(await dump.arrayBuffer()));
		await db.close();
	}
	project.provide('testDb', { backend: 'embedded', template });
}

async function setupServer(project: TestProject) {
	const adminUrl = process.env.TEST_DATABASE_URL;
	if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
	const temp = await createTempDatabase('ecomap_test', 'seeded', adminUrl);
	project.provide('testDb', { backend: 'server', url: temp.url });
	return () => temp.drop();
}

export default async function setup(project: TestProject) {
	const backend = project.config.env?.TEST_BACKEND;
	if (backend === 'server') return setupServer(project);
	return setupEmbedded(project);
}
