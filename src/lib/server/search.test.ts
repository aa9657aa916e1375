import { describe, expect, it } from 'vitest';
import { likePattern } from './search';

describe('likePattern', () => {
	it('escapes LIKE wildcards and the escape character itself', () => {
		expect(likePattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
	});
	it('matches a prefix when asked', () => {
		expect(likePattern('红三沟', true)).toBe('红三沟%');
	});
});
