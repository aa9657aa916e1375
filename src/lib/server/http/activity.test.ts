import { describe, expect, it } from 'vitest';
import { RequestActivity } from './activity';

describe('RequestActivity', () => {
	it('is idle only with no request in flight and none ended within the quiet time', async () => {
		let now = 1000;
		const sut = new RequestActivity(() => now);
		expect(sut.idle(250)).toBe(true);
		sut.begin();
		sut.begin();
		sut.end();
		now += 500;
		expect(sut.idle(250)).toBe(false); // one still in flight
		sut.end();
		now += 100;
		expect(sut.idle(250)).toBe(false);
		now += 150;
		expect(sut.idle(250)).toBe(true);
	});
});
