import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getTestDb } from '../../../../tests/db';
import type { Db } from '$lib/server/db/types';
import { closeCheckPool } from '$lib/server/check/check-pool';
import { issueStar } from '$lib/check/test/generate';
import type { CheckErrorBody } from '$lib/server/check/responses';
import { POST } from './+server';

// The bounds on one check's work, through the route handler: the work limit before the engine
// (CHECK_MAX_WORK) and the deadline that terminates a worker (CHECK_DEADLINE_MS). Both are read
// from the environment as the server reads them; the pool is rebuilt for each setting.

let db: Db;
let address = 0;
function call(body: unknown, lang = 'en'): Promise<Response> {
	const request = new Request('http://localhost/api/check', {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'accept-language': lang },
		body: JSON.stringify(body)
	});
	const clientAddress = `198.51.100.${++address}`;
	return POST({ request, getClientAddress: () => clientAddress, locals: { db, readDb: db, lang: 'en' } } as unknown as Parameters<typeof POST>[0]) as Promise<Response>;
}

beforeAll(async () => {
	db = await getTestDb();
});

afterEach(async () => {
	delete process.env.CHECK_MAX_WORK;
	delete process.env.CHECK_DEADLINE_MS;
	await closeCheckPool();
});

describe('POST /api/check bounds the work of one request', () => {
	it('refuses vertices × candidate edges over CHECK_MAX_WORK with 422 too-complex and the figures, in zh and en', async () => {
		process.env.CHECK_MAX_WORK = '1000000';
		const response = await call({ footprint: issueStar(2000) }, 'zh-CN');
		expect(response.status).toBe(422);
		const body = (await response.json()) as CheckErrorBody;
		expect(body.error.code).toBe('too-complex');
		const details = body.error.details?.complexity;
		expect(details?.reason).toBe('work-limit');
		expect(details?.vertices).toBe(2000);
		expect(details?.candidateEdges).toBeGreaterThan(500);
		expect(details?.limit).toBe(1_000_000);
		const messages = body.error.details?.messages;
		expect(body.error.message).toBe(messages?.zh);
		expect(messages?.zh).toContain('请简化或拆分范围');
		expect(messages?.en).toContain('Too complex: simplify or split the footprint');
		expect(messages?.en).toContain('2,000 vertices');
	});

	it('terminates a step that runs past CHECK_DEADLINE_MS and answers 422 too-complex; the next check is served', async () => {
		process.env.CHECK_DEADLINE_MS = '5';
		const response = await call({ footprint: issueStar(10_000) });
		expect(response.status).toBe(422);
		const body = (await response.json()) as CheckErrorBody;
		expect(body.error.code).toBe('too-complex');
		expect(body.error.details?.complexity).toMatchObject({ reason: 'deadline', deadlineMs: 5, step: 'validate', vertices: null });
		expect(body.error.message).toContain('did not finish within');

		await closeCheckPool();
		delete process.env.CHECK_DEADLINE_MS;
		const small = await call({ footprint: issueStar(40) });
		expect(small.status).toBe(200);
	});
});
