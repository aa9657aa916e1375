import { describe, expect, it } from 'vitest';
import { formatArea, formatDate, formatNumber } from './format';

describe('formatNumber', () => {
	it('groups thousands the way each language writes them', () => {
		expect(formatNumber(165800, 'en')).toBe('165,800');
		expect(formatNumber(165800, 'zh-CN')).toBe('165,800');
	});
	it('keeps about three significant figures', () => {
		expect(formatNumber(704.75, 'en')).toBe('704.8');
		expect(formatNumber(3.14159, 'en')).toBe('3.14');
		expect(formatNumber(12, 'en')).toBe('12');
	});
});

describe('formatArea', () => {
	it('gives hectares and mu (1 ha = 15 亩)', () => {
		expect(formatArea(2_000_000, 'zh-CN')).toEqual({ hectares: '200', mu: '3,000' });
		expect(formatArea(12_345, 'en')).toEqual({ hectares: '1.23', mu: '18.52' });
	});
});

describe('formatDate', () => {
	it('writes a calendar date without shifting it by time zone', () => {
		expect(formatDate('2025-03-01', 'en')).toBe('March 1, 2025');
		expect(formatDate('2025-03-01', 'zh-CN')).toBe('2025年3月1日');
	});
	it('returns text that is not a date unchanged', () => {
		expect(formatDate('soon', 'en')).toBe('soon');
	});
});
