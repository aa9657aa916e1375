import { Worker, type TransferListItem } from 'node:worker_threads';

/** Every worker is busy and the queue is full: the caller should answer 503 with Retry-After. */
export class PoolSaturatedError extends Error {
	constructor(readonly retryAfterS: number) {
		super('all check workers are busy and the queue is full');
		this.name = 'PoolSaturatedError';
	}
}

/** A task ran past the deadline: its worker was terminated (and replaced). */
export class DeadlineExceededError extends Error {
	constructor(readonly deadlineMs: number) {
		super(`stopped after ${deadlineMs} ms`);
		this.name = 'DeadlineExceededError';
	}
}

/** An error thrown inside a worker, carried back with its name and message. */
export class WorkerTaskError extends Error {
	constructor(name: string, message: string, readonly workerStack?: string) {
		super(message);
		this.name = name;
	}
}

export interface WorkerPoolOptions {
	/** The worker's module: a built `.js` file, or a `.ts` source (dev and tests, loaded through tsx). */
	workerUrl: string;
	/** Worker threads at most (started on demand, kept). */
	size: number;
	/** Tasks that may wait for a free worker; more are refused with PoolSaturatedError. */
	maxQueue: number;
	/** Running time (ms) after which a task's worker is terminated. Waiting in the queue does not count. */
	deadlineMs: number;
	/** Handed to every worker as `workerData`. */
	workerData?: unknown;
}

/** Sent to a worker: one task. */
export interface TaskMessage<T> {
	id: number;
	task: T;
}
/**
 * Sent by a worker once it has loaded and listens: deadlines count from then, not from its
 * start-up. A type only: a worker must not import values from this module (see check-worker.ts).
 */
export interface ReadyMessage {
	ready: true;
}
/** Sent back by a worker. */
export type ReplyMessage<R> =
	| { id: number; ok: true; value: R }
	| { id: number; ok: false; error: { name: string; message: string; stack?: string } };

interface Job<T, R> {
	task: T;
	transfer: readonly TransferListItem[];
	resolve: (value: R) => void;
	reject: (error: Error) => void;
}

interface Slot<T, R> {
	worker: Worker;
	ready: boolean;
	job?: Job<T, R> & { id: number; timer?: NodeJS.Timeout };
}

/**
 * Workers post a ReadyMessage once loaded and then answer each TaskMessage with one ReplyMessage.
 *
 * Node has no way to stop a synchronous computation on the main thread from outside, so the
 * CPU-heavy work of a check runs here: a fixed number of worker threads, a bounded queue, and a
 * hard deadline per task that terminates the worker (V8 stops even a tight loop) and starts a
 * fresh one. Why not piscina or tinypool: both can abort a task through an AbortSignal, but the
 * signal's clock cannot tell waiting in the queue (the server is busy: 503) from running (the
 * task is too heavy: 422), and that difference is what the API reports.
 */
export class WorkerPool<T, R> {
	private readonly slots: Slot<T, R>[] = [];
	private readonly queue: Job<T, R>[] = [];
	private nextId = 1;
	private closed = false;

	constructor(private readonly options: WorkerPoolOptions) {
		if (options.size < 1) throw new Error('WorkerPool: size must be ≥ 1');
	}

	/** Tasks running and waiting, for the logs and tests. */
	get load(): { running: number; queued: number; workers: number } {
		return { running: this.slots.filter((s) => s.job).length, queued: this.queue.length, workers: this.slots.length };
	}

	/** Runs `task` in a worker; rejects with PoolSaturatedError, DeadlineExceededError or the task's own error. */
	run(task: T, transfer: readonly TransferListItem[] = []): Promise<R> {
		if (this.closed) return Promise.reject(new Error('WorkerPool: closed'));
		return new Promise<R>((resolve, reject) => {
			const job: Job<T, R> = { task, transfer, resolve, reject };
			const slot = this.freeSlot();
			if (slot) this.dispatch(slot, job);
			else if (this.queue.length < this.options.maxQueue) this.queue.push(job);
			else reject(new PoolSaturatedError(Math.max(1, Math.ceil(this.options.deadlineMs / 1000))));
		});
	}

	/** Terminates every worker; tasks still running or waiting are rejected. */
	async close(): Promise<void> {
		this.closed = true;
		for (const job of this.queue.splice(0)) job.reject(new Error('WorkerPool: closed'));
		await Promise.all(
			this.slots.splice(0).map((slot) => {
				if (slot.job) {
					clearTimeout(slot.job.timer);
					slot.job.reject(new Error('WorkerPool: closed'));
				}
				return slot.worker.terminate();
			})
		);
	}

	private freeSlot(): Slot<T, R> | undefined {
		const idle = this.slots.find((s) => !s.job);
		if (idle) return idle;
		if (this.slots.length < this.options.size) {
			const slot = this.spawn();
			this.slots.push(slot);
			return slot;
		}
		return undefined;
	}

	private spawn(): Slot<T, R> {
		const worker = startWorker(this.options.workerUrl, this.options.workerData);
		const slot: Slot<T, R> = { worker, ready: false };
		worker.on('message', (reply: ReplyMessage<R> | ReadyMessage) => {
			if ('ready' in reply) {
				slot.ready = true;
				if (slot.job) this.startClock(slot);
				return;
			}
			const job = slot.job;
			if (!job || job.id !== reply.id) return;
			clearTimeout(job.timer);
			slot.job = undefined;
			worker.unref();
			if (reply.ok) job.resolve(reply.value);
			else job.reject(new WorkerTaskError(reply.error.name, reply.error.message, reply.error.stack));
			this.next(slot);
		});
		// A worker that dies (out of memory, a bug in loading) fails its task and is replaced.
		const failed = (error: Error) => {
			if (!this.slots.includes(slot)) return;
			const job = slot.job;
			slot.job = undefined;
			if (job) {
				clearTimeout(job.timer);
				job.reject(error);
			}
			this.replace(slot);
		};
		worker.on('error', failed);
		worker.on('exit', (code) => failed(new Error(`check worker exited with code ${code}`)));
		// An idle worker must not keep the process alive (tests, SIGTERM); one with a task does
		// (see dispatch). After the listeners: a 'message' listener refs the port again.
		worker.unref();
		return slot;
	}

	private dispatch(slot: Slot<T, R>, job: Job<T, R>): void {
		const id = this.nextId++;
		slot.job = { ...job, id };
		slot.worker.ref();
		// A worker still loading buffers the message; its clock starts when it is ready.
		const message: TaskMessage<T> = { id, task: job.task };
		slot.worker.postMessage(message, [...job.transfer]);
		if (slot.ready) this.startClock(slot);
	}

	private startClock(slot: Slot<T, R>): void {
		const job = slot.job;
		if (!job || job.timer) return;
		job.timer = setTimeout(() => {
			if (slot.job !== job) return;
			slot.job = undefined;
			job.reject(new DeadlineExceededError(this.options.deadlineMs));
			this.replace(slot);
		}, this.options.deadlineMs);
		job.timer.unref();
	}

	/** Terminates a slot's worker and puts a fresh one in its place (then serves the queue). */
	private replace(slot: Slot<T, R>): void {
		const i = this.slots.indexOf(slot);
		if (i < 0) return;
		slot.worker.removeAllListeners();
		// Keep listening for errors: a worker failing while it is being terminated must not crash the process.
		slot.worker.on('error', () => undefined);
		void slot.worker.terminate();
		if (this.closed) {
			this.slots.splice(i, 1);
			return;
		}
		const fresh = this.spawn();
		this.slots[i] = fresh;
		this.next(fresh);
	}

	private next(slot: Slot<T, R>): void {
		const job = this.queue.shift();
		if (job) this.dispatch(slot, job);
	}
}

/**
 * A built worker (`.js`) starts as it is. A TypeScript source — `vite dev` and vitest, where
 * the module's URL is its `.ts` file — cannot be a worker's main module in Node 20 (`--import
 * tsx` in execArgv comes too late for the entry), so a two-line bootstrap registers tsx (a dev
 * dependency) and then imports it.
 */
function startWorker(url: string, workerData: unknown): Worker {
	if (!url.endsWith('.ts')) return new Worker(new URL(url), { workerData });
	const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url)}); });`;
	return new Worker(bootstrap, { eval: true, workerData });
}
