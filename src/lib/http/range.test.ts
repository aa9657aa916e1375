import { describe, expect, it } from 'vitest';
import { parseRange } from './range';

describe('parseRange', () => {
	it.each([
		[null, { kind: 'whole' }],
		['bytes=0-99', { kind: 'part', start: 0, end: 99 }],
		['bytes=900-', { kind: 'part', start: 900, end: 999 }],
		['bytes=900-5000', { kind: 'part', start: 900, end: 999 }],
		['bytes=-100', { kind: 'part', start: 900, end: 999 }],
		['bytes=-5000', { kind: 'part', start: 0, end: 999 }],
		['bytes=1000-', { kind: 'unsatisfiable' }],
		['bytes=-0', { kind: 'unsatisfiable' }],
		['bytes=0-1,5-6', { kind: 'whole' }],
		['bytes=5-1', { kind: 'whole' }],
		['items=0-1', { kind: 'whole' }]
	])('%s of 1000 bytes → %o', (header, expected) => {
		expect(parseRange(header, 1000)).toEqual(expected);
	});
});
