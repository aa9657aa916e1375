// End-to-end: the import command as a person runs it, against a throw-away database —
// a temporary database on the PostGIS server when TEST_DATABASE_URL is set, else an
// embedded one in a temporary directory (its first start takes about 20 s).
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;
const SHAPEFILE = join(ROOT, 'src/lib/geo/readers/fixtures/gdal-4538-gbk.shp');
const adminUrl = process.env.TEST_DATABASE_URL;
const work = mkdtempSync(join(tmpdir(), 'ecomap-import-'));
const databaseName = `ecomap_import_cli_${process.pid}`;
let env: NodeJS.ProcessEnv;

function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/import.ts', ...args], { cwd: ROOT, env });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

beforeAll(async () => {
	const base = { ...process.env, DATABASE_URL: '', EMBEDDED_DB_DIR: '' };
	if (adminUrl) {
		const admin = new pg.Client({ connectionString: adminUrl });
		await admin.connect();
		await admin.query(`CREATE DATABASE ${databaseName}`);
		await admin.end();
		const url = new URL(adminUrl);
		url.pathname = `/${databaseName}`;
		env = { ...base, DATABASE_URL: url.toString() };
	} else env = { ...base, EMBEDDED_DB_DIR: join(work, 'db') };
});

afterAll(async () => {
	if (adminUrl) {
		const admin = new pg.Client({ connectionString: adminUrl });
		await admin.connect();
		await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
		await admin.end();
	}
	rmSync(work, { recursive: true, force: true });
});

describe('npm run import', () => {
	it('imports a loose GBK shapefile, then refuses to touch the layer again without --replace/--append', async () => {
		const first = await cli(SHAPEFILE, '--layer', 'coal-fire', '--map', '名称=name,ZT=status');
		expect(first.stderr).not.toMatch(/Error|错误/);
		expect(first.code).toBe(0);
		expect(first.stdout).toContain('导入完成 / Import done');
		expect(first.stdout).toMatch(/写入 written: +2/);
		expect(first.stdout).toMatch(/坐标系 CRS: +EPSG:4538/);
		expect(first.stdout).toMatch(/面积 area: +[\d,]+(\.\d+)? ha/);
		expect(first.stdout).toMatch(/数据版本 data version: \d{13}/);
		expect(first.stderr).toContain('Wrote 2/2 features');

		const again = await cli(SHAPEFILE, '--layer', 'coal-fire', '--map', '名称=name,ZT=status');
		expect(again.code).toBe(2);
		expect(again.stderr).toMatch(/already holds 2 features: choose --replace .* or --append/);

		const dry = await cli(SHAPEFILE, '--layer', 'coal-fire', '--map', '名称=name,ZT=status', '--append', '--dry-run');
		expect(dry.code).toBe(0);
		expect(dry.stdout).toContain('Dry run (nothing was written)');
		expect(dry.stdout).toMatch(/将写入 would write: +2/);
	}, 240_000);

	it('refuses a GDAL shapefile whose .shp was cut in half, also for --replace --dry-run, naming the three counts', async () => {
		const dir = join(work, 'cut');
		mkdirSync(dir, { recursive: true });
		const fixtures = join(ROOT, 'src/lib/geo/readers/fixtures');
		for (const name of readdirSync(fixtures).filter((n) => n.startsWith('gdal-4538-gbk.'))) copyFileSync(join(fixtures, name), join(dir, name));
		const shp = join(dir, 'gdal-4538-gbk.shp');
		const whole = readFileSync(shp);
		writeFileSync(shp, whole.subarray(0, Math.floor(whole.length / 2)));
		for (const mode of [['--append'], ['--replace', '--dry-run']]) {
			const refused = await cli(shp, '--layer', 'coal-fire', '--map', '名称=name,ZT=status', ...mode);
			expect(refused.code, mode.join(' ')).toBe(1);
			expect(refused.stderr).toMatch(/gdal-4538-gbk\.shp is incomplete: its parts hold different numbers of records \(\.shp 0 \(the last one cut short\), \.shx 2, \.dbf 2\)/);
			expect(refused.stderr).toContain('各文件的记录数不一致');
			expect(refused.stdout).not.toMatch(/would write|written/);
		}
	}, 240_000);

	it('exits 1 with the reason when the data does not fit, and 2 on wrong usage', async () => {
		const wrong = join(work, 'wrong.geojson');
		writeFileSync(
			wrong,
			JSON.stringify({
				type: 'FeatureCollection',
				features: [{ type: 'Feature', properties: { name: 'x', status: 'untreated' }, geometry: { type: 'Point', coordinates: [29512345, 4870000] } }]
			})
		);
		const refused = await cli(wrong, '--layer', 'coal-fire', '--append');
		expect(refused.code).toBe(1);
		expect(refused.stderr).toContain('坐标不符合所声明的坐标系：声明为 WGS 84');
		expect(refused.stderr).toContain('Coordinates do not fit the declared CRS: declared WGS 84 (EPSG:4326)');
		expect(refused.stderr).toContain('(EPSG:4517)');

		const usage = await cli(wrong, '--layer', 'no-such-layer');
		expect(usage.code).toBe(2);
		expect(usage.stderr).toContain('Unknown layer "no-such-layer"');
		const help = await cli('--help');
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('--from-gcj02');
	}, 240_000);
});
