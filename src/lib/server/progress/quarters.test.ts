import { describe, expect, it } from 'vitest';
import { recentQuarters } from './quarters';

describe('recentQuarters', () => {
	it('counts quarters in China time: 31 Dec 17:00 UTC is already the new year', () => {
		const quarters = recentQuarters(new Date('2026-12-31T17:00:00Z'), 3);
		expect(quarters.map((q) => q.label)).toEqual(['2026Q3', '2026Q4', '2027Q1']);
		expect(quarters[2].start.toISOString()).toBe('2026-12-31T16:00:00.000Z');
		expect(quarters[0].end.toISOString()).toBe(quarters[1].start.toISOString());
	});

	it('crosses year boundaries backwards', () => {
		expect(recentQuarters(new Date('2026-02-10T00:00:00Z'), 5).map((q) => q.label)).toEqual(['2025Q1', '2025Q2', '2025Q3', '2025Q4', '2026Q1']);
	});
});
