import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { SpinTask } from './fixtures/spin-worker';
import { DeadlineExceededError, PoolSaturatedError, WorkerPool, WorkerTaskError } from './worker-pool';

const workerUrl = new URL('./fixtures/spin-worker.ts', import.meta.url).href;
let sut: WorkerPool<SpinTask, number> | undefined;
afterEach(async () => {
	await sut?.close();
	sut = undefined;
});

describe('WorkerPool', { timeout: 60_000 }, () => {
	it('runs tasks in workers and carries their errors back', async () => {
		sut = new WorkerPool<SpinTask, number>({ workerUrl, size: 2, maxQueue: 4, deadlineMs: 20_000 });
		expect(await Promise.all([1, 2, 3, 4, 5].map((echo) => sut!.run({ echo })))).toEqual([1, 2, 3, 4, 5]);
		const error = await sut.run({ fail: 'no such thing' }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(WorkerTaskError);
		expect((error as Error).name).toBe('RangeError');
		expect((error as Error).message).toBe('no such thing');
	});

	it('terminates a task that runs past the deadline, and its replacement serves the next task', async () => {
		sut = new WorkerPool<SpinTask, number>({ workerUrl, size: 1, maxQueue: 2, deadlineMs: 1500 });
		await sut.run({ echo: 0 }); // the worker is up
		const stuck = sut.run({ spinMs: 10 * 60_000 });
		const queued = sut.run({ echo: 7 });
		const error = await stuck.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DeadlineExceededError);
		expect((error as DeadlineExceededError).deadlineMs).toBe(1500);
		// Waiting in the queue did not count against the queued task's deadline.
		expect(await queued).toBe(7);
		expect(sut.load).toEqual({ running: 0, queued: 0, workers: 1 });
	});

	it('refuses tasks with PoolSaturatedError when every worker is busy and the queue is full', async () => {
		sut = new WorkerPool<SpinTask, number>({ workerUrl, size: 1, maxQueue: 1, deadlineMs: 3000 });
		const running = sut.run({ spinMs: 10 * 60_000 }).catch((e: unknown) => e);
		const waiting = sut.run({ echo: 1 });
		const refused = await sut.run({ echo: 2 }).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(PoolSaturatedError);
		expect((refused as PoolSaturatedError).retryAfterS).toBe(3);
		expect(await running).toBeInstanceOf(DeadlineExceededError);
		expect(await waiting).toBe(1);
	});

	it('does not keep the process alive once its tasks are done (the server must exit on SIGTERM)', () => {
		const poolModule = new URL('./worker-pool.ts', import.meta.url).href;
		const script = `const { WorkerPool } = await import(${JSON.stringify(poolModule)});
const pool = new WorkerPool({ workerUrl: ${JSON.stringify(workerUrl)}, size: 2, maxQueue: 2, deadlineMs: 600000 });
console.log('answer', await pool.run({ echo: 42 }));`;
		// The pool is never closed: if a worker, its port or a timer held the event loop, the
		// child would run until spawnSync's timeout kills it (status null).
		const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 50_000 });
		expect(child.stderr).toBe('');
		expect(child.stdout.trim()).toBe('answer 42');
		expect(child.status).toBe(0);
	});
});
