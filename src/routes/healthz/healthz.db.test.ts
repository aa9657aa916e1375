import { describe, expect, it } from 'vitest';
import { getTestDb } from '../../../tests/db';
import { useDatabase } from '$lib/server/database';
import { openServerDb } from '$lib/server/db/server';
import { GET } from './+server';

const call = () => GET({} as Parameters<typeof GET>[0]) as Promise<Response>;

describe('GET /healthz', () => {
	it('reports the backend and the PostGIS version', async () => {
		const db = await getTestDb();
		useDatabase(db);
		const response = await call();
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body).toMatchObject({ status: 'ok', backend: db.backend });
		expect(body.postgis).toMatch(/^3\.\d+/);
	});

	it('answers 503 with a reason when the database is unreachable', async () => {
		// Nothing listens on port 1: a real connection failure, no mock.
		const unreachable = openServerDb('postgres://postgres@127.0.0.1:1/none');
		useDatabase(unreachable);
		try {
			const response = await call();
			expect(response.status).toBe(503);
			const body = await response.json();
			expect(body.status).toBe('unavailable');
			expect(body.reason).toMatch(/ECONNREFUSED|connect/i);
		} finally {
			await unreachable.close();
			useDatabase(await getTestDb());
		}
	});
});
