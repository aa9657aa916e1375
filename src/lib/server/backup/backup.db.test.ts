import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTestDb } from '../../../../tests/db';
import { createTempDatabase, type TempDatabase } from '../../../../scripts/temp-database';
import { LocalizedError } from '../../geo/localized-error';
import type { Backend, Db } from '../db/types';
import { openEmbeddedDb } from '../db/embedded';
import { openServerDb } from '../db/server';
import { latestMigrationVersion, schemaVersion } from '../db/migrate';
import { writeBackup } from './write-backup';
import { restoreBackup, RestoreRefused } from './restore-backup';

const adminUrl = process.env.TEST_DATABASE_URL;
const dir = mkdtempSync(join(tmpdir(), 'ecomap-backup-test-'));
const opened: { db: Db; temp?: TempDatabase }[] = [];
/** A fresh PGlite (PostGIS created, nothing else): the first one takes long, copies of it seconds. */
let emptyEmbedded: Blob | undefined;

/** A brand-new database with no schema at all, of either backend; closed and dropped after the file. */
async function freshDb(backend: Backend): Promise<Db> {
	if (backend === 'embedded') {
		const db = await openEmbeddedDb({ dataDir: 'memory://', loadDataDir: emptyEmbedded });
		emptyEmbedded ??= await db.pglite.dumpDataDir('gzip');
		opened.push({ db });
		return db;
	}
	const temp = await createTempDatabase('ecomap_restore_test', 'empty', adminUrl);
	const db = openServerDb(temp.url, 2);
	opened.push({ db, temp });
	return db;
}

/**
 * Per table, a SHA-256 of its rows sorted in JS (no collation differences between backends):
 * every column as text, geometries as hex EWKB, timestamps as epoch seconds. Read from
 * information_schema, independently of the backup's own catalog code. layer_version's
 * versions are left out: a restore moves them on by design (checked apart).
 */
async function digests(db: Db): Promise<Record<string, { rows: number; sha256: string }>> {
	const tables = await db.query<{ name: string }>(
		`SELECT table_name AS name FROM information_schema.tables
		 WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'spatial_ref_sys' ORDER BY 1`
	);
	const out: Record<string, { rows: number; sha256: string }> = {};
	for (const { name } of tables) {
		const columns = await db.query<{ name: string; type: string; udt: string }>(
			`SELECT column_name AS name, data_type AS type, udt_name AS udt FROM information_schema.columns
			 WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
			[name]
		);
		const values = columns
			.filter((c) => !(name === 'layer_version' && c.name !== 'layer'))
			.map((c) =>
				c.udt === 'geometry'
					? `encode(ST_AsEWKB("${c.name}"), 'hex')`
					: c.type === 'timestamp with time zone'
						? `extract(epoch FROM "${c.name}")::text`
						: `"${c.name}"::text`
			);
		const rows = await db.query<{ line: string }>(`SELECT to_json(ARRAY[${values.join(', ')}]::text[])::text AS line FROM "${name}"`);
		const sorted = rows.map((r) => r.line).sort();
		out[name] = { rows: sorted.length, sha256: createHash('sha256').update(sorted.join('\n')).digest('hex') };
	}
	return out;
}

const versions = async (db: Db) =>
	new Map((await db.query<{ layer: string; version: number }>('SELECT layer, version FROM layer_version')).map((r) => [r.layer, r.version]));
const sequences = (db: Db) =>
	db.query<{ name: string; last: number | null }>('SELECT sequencename AS name, last_value AS last FROM pg_sequences ORDER BY 1');

/** Rewrites a backup's lines and recomputes each table's SHA-256, so only `edit` differs. */
function rewriteBackup(from: string, to: string, edit: (line: string, table: string | undefined) => string) {
	const lines = gunzipSync(readFileSync(from)).toString('utf8').trimEnd().split('\n');
	let table: string | undefined;
	let hash = createHash('sha256');
	const out = lines.map((line) => {
		const edited = edit(line, table);
		if (line.startsWith('{"table":')) {
			table = JSON.parse(line).table;
			hash = createHash('sha256');
		} else if (line.startsWith('[')) hash.update(`${edited}\n`);
		else if (line.startsWith('{"end":')) {
			table = undefined;
			return JSON.stringify({ ...JSON.parse(edited), sha256: hash.digest('hex') });
		}
		return edited;
	});
	writeFileSync(to, gzipSync(`${out.join('\n')}\n`));
}

let source: Db;
let backupFile: string;
let sourceDigests: Awaited<ReturnType<typeof digests>>;

beforeAll(async () => {
	source = await getTestDb();
	backupFile = join(dir, 'seeded.ecomap-backup.gz');
	await writeBackup(source, backupFile);
	sourceDigests = await digests(source);
}, 240_000);

afterAll(async () => {
	for (const { db, temp } of opened) {
		await db.close();
		await temp?.drop();
	}
	rmSync(dir, { recursive: true, force: true });
});

// Opening a fresh embedded database takes up to a minute on a busy machine.
describe('backup and restore', { timeout: 240_000 }, () => {
	it('restores every table row for row into a fresh database of the same backend', async () => {
		const target = await freshDb(source.backend);
		const result = await restoreBackup(target, backupFile);
		expect(result.schemaVersion).toBe(latestMigrationVersion());
		expect(result.replaced).toEqual([]);
		expect(Object.keys(sourceDigests)).toEqual(expect.arrayContaining(['schemaversion', 'layer_version', 'coal_fire', 'monitoring_station']));
		expect(await digests(target)).toEqual(sourceDigests);
		expect(result.summary.rows).toBe(Object.values(sourceDigests).reduce((sum, t) => sum + t.rows, 0));
		expect(await sequences(target)).toEqual(await sequences(source));
		// Caches keyed on layer versions must see the restored data as new.
		const before = await versions(source);
		for (const [layer, version] of await versions(target)) expect(version, layer).toBeGreaterThan(before.get(layer)!);
	});

	it.runIf(adminUrl)('restores onto the other backend (embedded ⇄ server)', async () => {
		const target = await freshDb(source.backend === 'embedded' ? 'server' : 'embedded');
		await restoreBackup(target, backupFile);
		expect(await digests(target)).toEqual(sourceDigests);
	});

	it('refuses a database that holds data unless forced, and then replaces it', async () => {
		const target = await freshDb(source.backend);
		await restoreBackup(target, backupFile);
		await target.query(`DELETE FROM coal_fire WHERE id IN (SELECT id FROM coal_fire ORDER BY id LIMIT 3)`);
		const changed = await digests(target);
		const error = await restoreBackup(target, backupFile).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(RestoreRefused);
		expect((error as RestoreRefused).text.en).toMatch(/already holds data .*--force/);
		expect((error as RestoreRefused).text.zh).toMatch(/已有数据/);
		expect(await digests(target)).toEqual(changed);
		const forced = await restoreBackup(target, backupFile, { force: true });
		expect(forced.replaced.map((r) => r.table)).toContain('"public"."coal_fire"');
		expect(await digests(target)).toEqual(sourceDigests);
	});

	describe('bad input changes nothing', () => {
		let target: Db;
		beforeAll(async () => {
			target = await freshDb(source.backend);
		}, 240_000);
		const untouched = async () => expect(await schemaVersion(target)).toBe(0);
		const refusal = async (file: string) => {
			const error = await restoreBackup(target, file).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(LocalizedError);
			return (error as LocalizedError).text;
		};

		it('a truncated file', async () => {
			const bytes = readFileSync(backupFile);
			const file = join(dir, 'truncated.gz');
			writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
			const text = await refusal(file);
			expect(text.en).toMatch(/truncated|incomplete|cut off/);
			expect(text.zh).toMatch(/不完整|截断/);
			await untouched();
		});

		it('a file cut off at a line end (valid gzip, no end record)', async () => {
			const lines = gunzipSync(readFileSync(backupFile)).toString('utf8').split('\n');
			const file = join(dir, 'cut.gz');
			writeFileSync(file, gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n') + '\n'));
			const text = await refusal(file);
			expect(text.en).toMatch(/incomplete|do not end properly/);
			await untouched();
		});

		it('a damaged file (one byte changed in a row, checksum left as it was)', async () => {
			const text = gunzipSync(readFileSync(backupFile)).toString('utf8');
			const at = text.indexOf('0106000020E6100000') + 30; // a hex digit inside a geometry: still valid JSON
			const file = join(dir, 'damaged.gz');
			writeFileSync(file, gzipSync(text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1)));
			const message = await refusal(file);
			expect(message.en).toMatch(/checksum .* does not match/);
			expect(message.zh).toMatch(/校验和/);
			await untouched();
		});

		it('a file that is not a backup', async () => {
			const file = join(dir, 'not-a-backup.gz');
			writeFileSync(file, gzipSync('{"type":"FeatureCollection","features":[]}\n'));
			expect((await refusal(file)).en).toMatch(/not a Changji EcoMap backup/);
			await untouched();
		});

		it('a backup from a newer schema', async () => {
			const file = join(dir, 'newer.gz');
			const newer = latestMigrationVersion() + 1;
			rewriteBackup(backupFile, file, (line) =>
				line.startsWith('{"format"') ? JSON.stringify({ ...JSON.parse(line), schemaVersion: newer }) : line
			);
			const text = await refusal(file);
			expect(text.en).toMatch(new RegExp(`newer schema \\(version ${newer}\\)`));
			expect(text.zh).toMatch(/更新的数据库结构/);
			await untouched();
		});

		it('a row the database rejects half-way through the load (all or nothing)', async () => {
			const file = join(dir, 'bowtie.gz');
			// A self-intersecting polygon breaks the CHECK (ST_IsValid(geom)) of a row of the last layer table.
			const [{ bowtie }] = await source.query<{ bowtie: string }>(
				"SELECT ST_GeomFromText('MULTIPOLYGON(((88 44,88.1 44.1,88.1 44,88 44.1,88 44)))', 4326)::text AS bowtie"
			);
			const starts = gunzipSync(readFileSync(backupFile))
				.toString('utf8')
				.split('\n')
				.filter((l) => l.startsWith('{"table":'))
				.map((l) => JSON.parse(l) as { table: string; columns: { name: string }[] });
			const last = starts.filter((t) => t.columns.some((c) => c.name === 'geom')).pop()!;
			const geomIndex = last.columns.findIndex((c) => c.name === 'geom');
			let replaced = false;
			rewriteBackup(backupFile, file, (line, table) => {
				if (replaced || table !== last.table || !line.startsWith('[')) return line;
				replaced = true;
				const row = JSON.parse(line) as (string | null)[];
				row[geomIndex] = bowtie;
				return JSON.stringify(row);
			});
			expect(replaced).toBe(true);
			await expect(restoreBackup(target, file)).rejects.toThrow();
			await untouched();
		});
	});
});
