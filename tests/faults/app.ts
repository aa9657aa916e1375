import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
export const BUILD_ENTRY = join(ROOT, 'build', 'index.js');

/** The built app (`node build`) on `port`, with its output kept for the failure message. */
export class BuiltApp {
	readonly origin: string;
	readonly output: string[] = [];
	private child: ChildProcess | undefined;

	constructor(
		readonly port: number,
		private readonly env: Record<string, string>
	) {
		this.origin = `http://127.0.0.1:${port}`;
	}

	/** Starts the app and waits until it listens (any answer, even a 503). */
	async start(): Promise<void> {
		if (!existsSync(BUILD_ENTRY)) throw new Error('build/index.js is missing: run `npm run build` first');
		this.child = spawn(process.execPath, [BUILD_ENTRY], {
			cwd: ROOT,
			env: { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', ORIGIN: this.origin, ...this.env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		this.child.stdout?.on('data', (d: Buffer) => this.output.push(d.toString()));
		this.child.stderr?.on('data', (d: Buffer) => this.output.push(d.toString()));
		for (let i = 0; i < 300; i++) {
			if (this.child.exitCode !== null) throw new Error(`the app exited: ${this.output.join('')}`);
			if (await fetch(`${this.origin}/healthz`).then(() => true, () => false)) return;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		throw new Error(`the app did not listen on ${this.port}: ${this.output.join('')}`);
	}

	async stop(): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
		if (child.exitCode === null) child.kill('SIGKILL');
	}
}
