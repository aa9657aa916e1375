import { describe, expect, it } from 'vitest';
import { BudgetExceededError, runWithBudget } from './time-budget';

describe('runWithBudget', () => {
	it('returns what the task returns, and passes its errors on', () => {
		expect(runWithBudget(() => 6 * 7, 1000)).toBe(42);
		expect(() => runWithBudget(() => JSON.parse('{'), 1000)).toThrow(SyntaxError);
	});

	it('stops a task that never ends — as polyclip looping would — and the thread goes on', () => {
		const started = Date.now();
		let spins = 0;
		expect(() =>
			runWithBudget(() => {
				for (;;) spins++;
			}, 150)
		).toThrow(BudgetExceededError);
		const elapsed = Date.now() - started;
		expect(elapsed).toBeGreaterThanOrEqual(140);
		expect(elapsed).toBeLessThan(2000);
		expect(spins).toBeGreaterThan(0);
		expect(runWithBudget(() => 'still here', 1000)).toBe('still here');
	});
});
