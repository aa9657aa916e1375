import { describe, expect, it } from 'vitest';
import { getTestDb } from '../../../tests/db';
import type { Db } from '$lib/server/db/types';
import { openServerDb } from '$lib/server/db/server';
import { GET } from './+server';

const call = (db: Db) => GET({ locals: { db, readDb: db, lang: 'en' } } as Parameters<typeof GET>[0]) as Promise<Response>;

describe('GET /healthz', () => {
	it('reports the backend and the PostGIS version', async () => {
		const db = await getTestDb();
		const response = await call(db);
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body).toMatchObject({ status: 'ok', backend: db.backend });
		expect(body.postgis).toMatch(/^3\.\d+/);
	});

	it('answers 503 in the error envelope, without naming the host, when the database is unreachable', async () => {
		// Nothing listens on port 1: a real connection failure, no mock.
		const unreachable = openServerDb('postgres://postgres@127.0.0.1:1/none');
		try {
			const response = await call(unreachable);
			expect(response.status).toBe(503);
			expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
			const text = await response.text();
			expect(JSON.parse(text).error).toMatchObject({ code: 'database-unavailable', message: expect.stringMatching(/unavailable/) });
			expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|:1\b/);
		} finally {
			await unreachable.close();
		}
	});
});
