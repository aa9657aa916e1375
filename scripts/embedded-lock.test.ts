// One process owns an embedded database folder, checked on the real app (`npm start`) and
// the real import command: a second app and the importer refuse while the first runs,
// naming it; after the first is killed -9, the next start works.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitHealthy } from './wait-healthy';

const ROOT = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'ecomap-lock-app-'));
const dataDir = join(work, 'db');
const started: ChildProcess[] = [];

function run(args: string[], port: number) {
	const env = { ...process.env, DATABASE_URL: '', EMBEDDED_DB_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', npm_lifecycle_event: '' };
	const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
	started.push(child);
	const output = { stdout: '', stderr: '' };
	child.stdout!.on('data', (d) => (output.stdout += d));
	child.stderr!.on('data', (d) => (output.stderr += d));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return { child, output, exited };
}

const app = (port: number) => run(['scripts/start.js'], port);

afterAll(async () => {
	for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	rmSync(work, { recursive: true, force: true });
});

describe('embedded database folder owned by one process', () => {
	it('refuses a second app and the importer while the app runs, and starts again after a kill -9', async () => {
		const first = app(3351);
		expect(await waitHealthy('http://127.0.0.1:3351', 600, 1000), first.output.stderr).toBe(true);
		const pid = first.child.pid!;

		const second = app(3352);
		expect(await second.exited).toBe(1);
		expect(second.output.stderr).toContain(`is in use by another process (pid ${pid}: node scripts/start.js`);
		expect(second.output.stderr).toContain(`stop that process first (Ctrl-C in its terminal, or kill ${pid})`);
		expect(second.output.stderr).toContain(`正在被另一个进程使用（pid ${pid}`);

		const fixture = join(ROOT, 'src/lib/geo/readers/fixtures/gdal-4538-gbk.shp');
		const importer = run(['--import', 'tsx', 'scripts/import.ts', fixture, '--layer', 'coal-fire', '--append', '--map', '名称=name,ZT=status'], 0);
		expect(await importer.exited).toBe(1);
		expect(importer.output.stderr).toContain(`is in use by another process (pid ${pid}`);
		expect(importer.output.stdout).not.toContain('Import done');

		const health = await (await fetch('http://127.0.0.1:3351/healthz')).json();
		expect(health).toMatchObject({ status: 'ok', backend: 'embedded' });

		first.child.kill('SIGKILL');
		await first.exited;
		const third = app(3353);
		expect(await waitHealthy('http://127.0.0.1:3353', 300, 1000), third.output.stderr).toBe(true);
		third.child.kill('SIGTERM');
		expect(await third.exited).toBe(0);
	}, 900_000);
});
