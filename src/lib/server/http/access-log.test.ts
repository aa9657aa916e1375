import type { RequestEvent, ResolveOptions } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { accessLog } from './access-log';

function request(routeId: string | null, method = 'GET', path = '/x?q=secret'): RequestEvent {
	return {
		route: { id: routeId },
		url: new URL(`http://localhost${path}`),
		request: new Request(`http://localhost${path}`, { method }),
		getClientAddress: () => '192.0.2.7'
	} as unknown as RequestEvent;
}

const resolveWith = (status: number, afterMs = 0) =>
	(() => new Promise<Response>((done) => setTimeout(() => done(new Response(null, { status })), afterMs))) as (
		e: RequestEvent,
		o?: ResolveOptions
	) => Promise<Response>;

describe('access log', () => {
	it('writes one line per request: method, route, status, ms — no query text', async () => {
		const lines: string[] = [];
		const sut = accessLog({ accessLog: true, slowCheckMs: 2000 }, (line) => lines.push(line));
		await sut({ event: request('/api/search'), resolve: resolveWith(200) });
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/^\[access\] GET \/api\/search 200 \d+ms$/);
	});

	it('marks 429s with the client address and slow checks', async () => {
		const lines: string[] = [];
		const sut = accessLog({ accessLog: true, slowCheckMs: 1 }, (line) => lines.push(line));
		await sut({ event: request('/api/check', 'POST', '/api/check'), resolve: resolveWith(429, 5) });
		expect(lines[0]).toMatch(/^\[access\] POST \/api\/check 429 \d+ms$/);
		expect(lines[1]).toBe('[access] rate-limited POST /api/check from 192.0.2.7');
		expect(lines[2]).toMatch(/^\[access\] slow check \/api\/check 429 \d+ms \(> 1ms\)$/);
	});

	it('is silent when ACCESS_LOG=0', async () => {
		const lines: string[] = [];
		const sut = accessLog({ accessLog: false, slowCheckMs: 0 }, (line) => lines.push(line));
		const response = await sut({ event: request('/api/check', 'POST'), resolve: resolveWith(429) });
		expect(response.status).toBe(429);
		expect(lines).toEqual([]);
	});
});
