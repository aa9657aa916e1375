import { describe, expect, it } from 'vitest';
import { negotiateCoding } from './compress';

describe('negotiateCoding', () => {
	it.each([
		[null, null],
		['identity', null],
		['gzip', 'gzip'],
		['gzip, deflate, br', 'br'],
		['br;q=0.5, gzip', 'gzip'],
		['br;q=0, gzip;q=0', null],
		['*', 'br'],
		['*;q=0.1, gzip;q=0.5', 'gzip']
	] as const)('%s → %s', (header, expected) => {
		expect(negotiateCoding(header)).toBe(expected);
	});
});
