import { afterEach, describe, expect, it } from 'vitest';
import { publicOrigin } from './origin';

// adapter-node hands routes `https://<Host>/…` when neither ORIGIN nor PROTOCOL_HEADER is set.
const request = (host: string, path = '/ogc') => new Request(`https://${host}${path}`);
const saved = { ...process.env };
afterEach(() => {
	for (const name of ['ORIGIN', 'TRUSTED_HOSTS', 'PROTOCOL_HEADER']) {
		if (saved[name] === undefined) delete process.env[name];
		else process.env[name] = saved[name];
	}
});

describe('publicOrigin', () => {
	it('uses plain http for a trusted host when no proxy reports the scheme', () => {
		delete process.env.ORIGIN;
		delete process.env.TRUSTED_HOSTS;
		expect(publicOrigin(request('localhost:3000'))).toEqual({ ok: true, origin: 'http://localhost:3000' });
		expect(publicOrigin(request('[::1]:3000'))).toEqual({ ok: true, origin: 'http://[::1]:3000' });
	});

	it('refuses a host that is not trusted, with 421', () => {
		delete process.env.ORIGIN;
		delete process.env.TRUSTED_HOSTS;
		const result = publicOrigin(request('evil.example'));
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.error.status).toBe(421);
			expect(result.error.code).toBe('untrusted-host');
			expect(result.error.messages.en).toContain('TRUSTED_HOSTS');
			expect(result.error.messages.zh).toContain('TRUSTED_HOSTS');
		}
	});

	it('takes ORIGIN as it is, whatever the Host', () => {
		process.env.ORIGIN = 'https://map.example.org';
		expect(publicOrigin(request('evil.example'))).toEqual({ ok: true, origin: 'https://map.example.org' });
	});

	it('trusts exactly TRUSTED_HOSTS, any port, and the proxy’s scheme when PROTOCOL_HEADER is set', () => {
		delete process.env.ORIGIN;
		process.env.TRUSTED_HOSTS = 'Map.Example.org, 10.0.0.5';
		process.env.PROTOCOL_HEADER = 'x-forwarded-proto';
		expect(publicOrigin(request('map.example.org:8443'))).toEqual({ ok: true, origin: 'https://map.example.org:8443' });
		expect(publicOrigin(request('10.0.0.5'))).toEqual({ ok: true, origin: 'https://10.0.0.5' });
		expect(publicOrigin(request('localhost:3000')).ok).toBe(false);
	});
});
