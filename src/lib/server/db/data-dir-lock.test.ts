// The folder lock between real processes: a child holds it, this process is refused;
// the child is killed with SIGKILL (no cleanup runs), and this process takes the lock.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseInUse, LOCK_FILE, lockDataDir } from './data-dir-lock';

const ROOT = new URL('../../../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'ecomap-lock-'));
const children: ChildProcess[] = [];

/** A child process that takes the lock, says "held" and waits to be killed. */
function holder(dir: string): Promise<ChildProcess> {
	const code = `import { lockDataDir } from ${JSON.stringify(join(ROOT, 'src/lib/server/db/data-dir-lock.ts'))};
lockDataDir(${JSON.stringify(dir)}); console.log('held'); setInterval(() => {}, 1000);`;
	// node itself with tsx's loader (not the tsx wrapper, whose pid would not be the holder's).
	const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'inherit']
	});
	children.push(child);
	return new Promise((resolve, reject) => {
		child.stdout!.on('data', (d: Buffer) => d.toString().includes('held') && resolve(child));
		child.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
	});
}

const killed = (child: ChildProcess) =>
	new Promise<void>((resolve) => {
		child.once('exit', () => resolve());
		child.kill('SIGKILL');
	});

afterAll(() => {
	for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
	rmSync(work, { recursive: true, force: true });
});

describe('embedded data folder lock', () => {
	it('refuses a second process with who holds it, and takes over after the holder is killed -9', async () => {
		const dir = join(work, 'a');
		const child = await holder(dir);
		const error = (() => {
			try {
				lockDataDir(dir);
			} catch (e) {
				return e;
			}
		})();
		expect(error).toBeInstanceOf(DatabaseInUse);
		const text = (error as DatabaseInUse).text;
		expect(text.en).toContain(`in use by another process (pid ${child.pid}`);
		expect(text.en).toContain(`kill ${child.pid}`);
		expect(text.zh).toContain(`正在被另一个进程使用（pid ${child.pid}`);

		await killed(child);
		expect(existsSync(join(dir, LOCK_FILE))).toBe(true); // SIGKILL left it behind
		const lock = lockDataDir(dir);
		expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
		lock.release();
		expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
	}, 60_000);

	it('takes over a lock whose pid now belongs to another process started later', () => {
		const dir = join(work, 'b');
		const first = lockDataDir(dir);
		first.release();
		// This very process's pid, but an earlier start time: the pid was reused.
		writeFileSync(
			join(dir, LOCK_FILE),
			JSON.stringify({ pid: process.pid, host: hostname(), command: 'old', since: 0, startTicks: 1 })
		);
		const lock = lockDataDir(dir);
		expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).command).not.toBe('old');
		lock.release();
	});

	it('refuses the same folder twice in one process', () => {
		const dir = join(work, 'c');
		const lock = lockDataDir(dir);
		expect(() => lockDataDir(dir)).toThrow(DatabaseInUse);
		lock.release();
	});
});
