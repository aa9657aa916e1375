import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff';

describe('retry backoff', () => {
	it('doubles and is capped', () => {
		const mid = () => 0.5;
		expect(retryDelayMs(1, mid)).toBe(2000);
		expect(retryDelayMs(2, mid)).toBe(4000);
		expect(retryDelayMs(4, mid)).toBe(16000);
		expect(retryDelayMs(30, mid)).toBe(300000);
		expect(retryDelayMs(1, () => 0)).toBe(1600);
	});
});
