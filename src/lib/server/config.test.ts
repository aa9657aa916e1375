import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('readConfig: database timeouts and logs', () => {
	it('bounds waiting for the database by default and logs each request', () => {
		const sut = readConfig({});
		expect(sut.dbTimeouts).toEqual({ connectMs: 3000, statementMs: 15_000, idleMs: 30_000 });
		expect(sut.accessLog).toBe(true);
		expect(sut.slowCheckMs).toBe(2000);
	});

	it('reads DB_*_TIMEOUT_MS, ACCESS_LOG=0 and SLOW_CHECK_MS', () => {
		const sut = readConfig({ DB_CONNECT_TIMEOUT_MS: '500', DB_STATEMENT_TIMEOUT_MS: '0', DB_IDLE_TIMEOUT_MS: '1000', ACCESS_LOG: '0', SLOW_CHECK_MS: '50' });
		expect(sut.dbTimeouts).toEqual({ connectMs: 500, statementMs: 0, idleMs: 1000 });
		expect(sut.accessLog).toBe(false);
		expect(sut.slowCheckMs).toBe(50);
	});

	it('refuses a timeout that is not a whole number of milliseconds', () => {
		expect(() => readConfig({ DB_STATEMENT_TIMEOUT_MS: '15s' })).toThrow(/DB_STATEMENT_TIMEOUT_MS/);
	});
});

describe('readConfig: DATABASE_READ_URL', () => {
	it('is a replica beside DATABASE_URL, and nothing without it', () => {
		expect(readConfig({ DATABASE_URL: 'postgres://p/ecomap' }).databaseReadUrl).toBeUndefined();
		expect(readConfig({ DATABASE_URL: 'postgres://p/ecomap', DATABASE_READ_URL: ' postgres://r/ecomap ' }).databaseReadUrl).toBe('postgres://r/ecomap');
	});

	it('refuses a replica without a primary: the embedded database has none', () => {
		expect(() => readConfig({ DATABASE_READ_URL: 'postgres://r/ecomap' })).toThrow(/DATABASE_READ_URL.*DATABASE_URL/);
	});
});

describe('readConfig: tile warming', () => {
	it('warms by default; TILE_WARM=0 turns it off', () => {
		expect(readConfig({}).tileWarm).toBe(true);
		expect(readConfig({ TILE_WARM: '1' }).tileWarm).toBe(true);
		expect(readConfig({ TILE_WARM: '0' }).tileWarm).toBe(false);
	});
});
