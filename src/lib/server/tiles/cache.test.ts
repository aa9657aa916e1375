import { describe, expect, it } from 'vitest';
import { TileCache } from './cache';

const bytes = (n: number) => new Uint8Array(n);

describe('TileCache', () => {
	it('evicts the least recently used tiles to stay within its byte budget', () => {
		const sut = new TileCache(3 * (1000 + 200));
		const keys = [1, 2, 3, 4].map((i) => TileCache.key('coal-fire', '1-ab', 10, i, 0));
		sut.set(keys[0], bytes(1000));
		sut.set(keys[1], bytes(1000));
		sut.set(keys[2], bytes(1000));
		expect(sut.get(keys[0])).toBeDefined(); // now the most recent
		sut.set(keys[3], bytes(1000));
		expect(sut.get(keys[1])).toBeUndefined();
		expect(sut.get(keys[0])).toBeDefined();
		expect(sut.stats().bytes).toBeLessThanOrEqual(sut.maxBytes);
		expect(sut.stats().entries).toBe(3);
	});

	it('forgets a layer’s tiles of other versions when its version changes, and only that layer’s', () => {
		const sut = new TileCache(1 << 20);
		sut.set(TileCache.key('coal-fire', '1-ab', 6, 1, 1), bytes(10));
		sut.set(TileCache.key('county', '5-cd', 6, 1, 1), bytes(10));
		sut.dropStale('coal-fire', '2-ab');
		expect(sut.get(TileCache.key('coal-fire', '1-ab', 6, 1, 1))).toBeUndefined();
		expect(sut.get(TileCache.key('county', '5-cd', 6, 1, 1))).toBeDefined();
	});

	it('is off with a budget of 0 and keeps nothing larger than its budget', () => {
		const off = new TileCache(0);
		expect(off.enabled).toBe(false);
		const small = new TileCache(500);
		small.set('a', bytes(1000));
		expect(small.get('a')).toBeUndefined();
		expect(small.stats().bytes).toBe(0);
	});
});
