import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './rate-limit';

describe('TokenBuckets', () => {
	it('lets a burst of perMinute through, then one token every 60/perMinute s', () => {
		const sut = new TokenBuckets(30);
		for (let i = 0; i < 30; i++) expect(sut.take('a', 0).ok).toBe(true);
		const refused = sut.take('a', 0);
		expect(refused).toEqual({ ok: false, retryAfterS: 2 });
		expect(sut.take('b', 0).ok).toBe(true); // other clients are not affected
		expect(sut.take('a', 1999).ok).toBe(false);
		expect(sut.take('a', 2000).ok).toBe(true);
	});

	it('is off at 0', () => {
		const sut = new TokenBuckets(0);
		for (let i = 0; i < 1000; i++) expect(sut.take('a', 0).ok).toBe(true);
	});

	it('forgets full buckets when it holds too many', () => {
		const sut = new TokenBuckets(60, 10);
		for (let i = 0; i < 20; i++) sut.take(`k${i}`, 0);
		expect(sut.take('late', 61_000).ok).toBe(true);
		expect((sut as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThanOrEqual(2);
	});
});
