import { createContext, Script } from 'node:vm';

/** Thrown when a synchronous computation ran past its budget and was stopped. */
export class BudgetExceededError extends Error {
	constructor(readonly budgetMs: number) {
		super(`stopped after ${budgetMs} ms`);
		this.name = 'BudgetExceededError';
	}
}

// Calling through a vm script with `timeout` arms V8's watchdog: when the time is up it
// terminates whatever JavaScript runs on this thread — including functions from outside the
// context such as polyclip's sweep loop (turf issues 2705, 2955) — and the script throws.
// About 0.6 ms per call, against 30–60 ms to start a worker thread and structured-clone the
// candidates into it; and it needs no separately bundled worker file in the built app.
const script = new Script('task()');
// One context for every call (creating one costs ~1 ms); its `task` slot is set per call.
const context = createContext({ task: () => undefined as unknown });

/**
 * Runs `task` synchronously, stopping it after `budgetMs`. Only for pure computations: a task
 * stopped midway may leave module state half-updated, so callers re-run something known-good
 * before trusting that module again.
 */
export function runWithBudget<T>(task: () => T, budgetMs: number): T {
	let result: T | undefined;
	context.task = () => {
		result = task();
	};
	try {
		script.runInContext(context, { timeout: budgetMs });
	} catch (error) {
		if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new BudgetExceededError(budgetMs);
		throw error;
	} finally {
		context.task = () => undefined;
	}
	return result as T;
}
