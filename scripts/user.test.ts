// The account command as an administrator runs it on a fresh install (embedded database in a
// temporary directory): the password comes from stdin, never from the command line.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'ecomap-user-'));
const env = { ...process.env, DATABASE_URL: '', EMBEDDED_DB_DIR: join(work, 'db') };

function user(args: string[], stdin = ''): Promise<{ code: number | null; out: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/user.ts', ...args], { cwd: ROOT, env });
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, out }));
		child.stdin.end(stdin);
	});
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

it('creates the first admin, refuses an unknown role, disables (not the last admin) and lists', async () => {
	const added = await user(['add', 'Admin', '--role', 'admin', '--name', '管理员'], 'a long enough secret\n');
	expect(added.out).toContain('Created admin "admin"');
	expect(added.code).toBe(0);
	expect((await user(['add', 'li', '--role', 'boss'])).out).toContain('add needs --role <field|planner|admin>');
	expect((await user(['add', 'li', '--role', 'field'], 'field secret 123\n')).code).toBe(0);
	expect((await user(['disable', 'li'])).out).toContain('Disabled (signed out everywhere): "li"');
	const last = await user(['disable', 'admin']);
	expect(last.code).toBe(1);
	expect(last.out).toContain('At least one enabled admin account must remain');
	const list = await user(['list']);
	expect(list.out).toMatch(/admin\s+admin\s+enabled\s+管理员/);
	expect(list.out).toMatch(/li\s+field\s+disabled/);
}, 480_000); // five starts of the embedded database
