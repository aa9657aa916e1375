import { readConfig } from '../config';
import type { CheckTask, CheckTaskResults } from './check-worker';
import { WorkerPool } from './pool/worker-pool';

/** Tasks that may wait per worker before the pool answers 503: a few ordinary checks' worth. */
const QUEUE_PER_WORKER = 4;

let shared: Promise<WorkerPool<CheckTask, CheckTaskResults[keyof CheckTaskResults]>> | undefined;

async function pool(): Promise<WorkerPool<CheckTask, CheckTaskResults[keyof CheckTaskResults]>> {
	shared ??= (async () => {
		const { CHECK_WORKER_URL, CHECK_WORKER_MARK } = await import('./check-worker');
		const config = readConfig();
		return new WorkerPool<CheckTask, CheckTaskResults[keyof CheckTaskResults]>({
			workerUrl: CHECK_WORKER_URL,
			workerData: CHECK_WORKER_MARK,
			size: config.checkWorkers,
			maxQueue: config.checkWorkers * QUEUE_PER_WORKER,
			deadlineMs: config.checkDeadlineMs
		});
	})();
	return shared;
}

/**
 * Runs one CPU-heavy step of a check in the shared worker pool (sized by CHECK_WORKERS, each task
 * stopped after CHECK_DEADLINE_MS). Rejects with PoolSaturatedError or DeadlineExceededError.
 */
export async function inCheckWorker<K extends CheckTask['kind']>(task: Extract<CheckTask, { kind: K }>): Promise<CheckTaskResults[K]> {
	return (await (await pool()).run(task)) as CheckTaskResults[K];
}

/** Stops the workers (tests; the server's workers do not hold the process open). */
export async function closeCheckPool(): Promise<void> {
	const current = shared;
	shared = undefined;
	if (current) await (await current).close();
}
