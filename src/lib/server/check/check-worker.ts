import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { renderPdf, runEngine, validateWithRepairOffer, type EngineOutcome, type EngineTask, type PdfTask, type Validated } from './compute';
import type { ReadyMessage, ReplyMessage, TaskMessage } from './pool/worker-pool';

/**
 * The check worker: this module is both the worker's entry and, on the main thread, where the
 * pool learns the worker's URL. The pool imports it dynamically, so the bundler gives it a chunk
 * of its own in the built app (build/server/chunks/check-worker-*.js) and `import.meta.url` is
 * that chunk — no separate build entry, and in vite dev and vitest it is the .ts source.
 * Import only types from the server side here: Rollup puts a module shared with the request
 * handler into the handler's chunk, and the worker would then load the database drivers too.
 */
export const CHECK_WORKER_URL = import.meta.url;
/** Marks our workers, so importing this module elsewhere never starts listening. */
export const CHECK_WORKER_MARK = 'ecomap-check-worker';

export type CheckTask =
	| { kind: 'validate'; footprint: unknown }
	| { kind: 'engine'; input: EngineTask }
	| { kind: 'pdf'; input: PdfTask };

/** What each kind of task answers. */
export interface CheckTaskResults {
	validate: Validated;
	engine: EngineOutcome;
	pdf: Uint8Array;
}

async function perform(task: CheckTask): Promise<Validated | EngineOutcome | Uint8Array> {
	switch (task.kind) {
		case 'validate':
			return validateWithRepairOffer(task.footprint);
		case 'engine':
			return runEngine(task.input);
		case 'pdf':
			return renderPdf(task.input);
	}
}

if (!isMainThread && parentPort && workerData === CHECK_WORKER_MARK) {
	const port = parentPort;
	port.on('message', async ({ id, task }: TaskMessage<CheckTask>) => {
		let reply: ReplyMessage<unknown>;
		try {
			reply = { id, ok: true, value: await perform(task) };
		} catch (e) {
			const error = e instanceof Error ? e : new Error(String(e));
			reply = { id, ok: false, error: { name: error.name, message: error.message, stack: error.stack } };
		}
		port.postMessage(reply);
	});
	port.postMessage({ ready: true } satisfies ReadyMessage);
}
