// Siting guidance through the built app: the contract of POST /api/siting and
// /api/siting/nearest as a script or a GIS client meets it — GeoJSON and FlatGeobuf answers, the
// cache, every refusal in the one error envelope, and nearest sites re-checked with /api/check.
import { geojson as fgb } from 'flatgeobuf';
import type { Feature, Polygon, Position } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '../../src/lib/api/errors';
import type { NearestResponse, SitingResponse } from '../../src/lib/api/siting';
import type { CheckResponse } from '../../src/lib/check/report';
import { startBuiltApp, type BuiltApp } from '../built-app';
import { call } from './client';
import { rectangleAround } from '../../src/lib/siting/shapes';

let app: BuiltApp;

beforeAll(async () => {
	app = await startBuiltApp();
}, 300_000);

afterAll(async () => {
	await app?.stop();
});


async function refused(path: string, json: unknown, status: number, code: string, lang?: string): Promise<string> {
	const response = await call(app, path, { json, headers: lang ? { 'accept-language': lang } : {} });
	expect(response.status).toBe(status);
	expect(response.headers.get('content-type')).toMatch(/^application\/json/);
	const body = (await response.json()) as ErrorEnvelope;
	expect(body.error.code).toBe(code);
	return body.error.message;
}

describe('POST /api/siting', () => {
	it('answers a county as GeoJSON, then from the cache, and the same classes as FlatGeobuf', async () => {
		const body = { projectType: 'solar_wind', area: { county: 'Hutubi' } };
		const first = await call(app, '/api/siting', { json: body });
		expect(first.status).toBe(200);
		expect(first.headers.get('content-type')).toMatch(/^application\/geo\+json/);
		const map = (await first.json()) as SitingResponse;
		expect(map.type).toBe('FeatureCollection');
		for (const f of map.features) {
			expect(['forbidden', 'restricted', 'approval', 'attention', 'clear']).toContain(f.properties.class);
			expect(f.properties.areaM2).toBeGreaterThan(0);
		}
		const again = await call(app, '/api/siting', { json: body });
		expect(again.headers.get('x-siting-cache')).toBe('hit');
		expect(await again.json()).toEqual(map);

		const file = await call(app, '/api/siting', { json: { ...body, format: 'fgb' } });
		expect(file.headers.get('content-type')).toBe('application/flatgeobuf');
		const features: Feature[] = [];
		for await (const f of fgb.deserialize(new Uint8Array(await file.arrayBuffer())) as AsyncGenerator<Feature>) features.push(f);
		expect(features.map((f) => f.properties?.class).sort()).toEqual(map.features.map((f) => f.properties.class).sort());
	});

	it('refuses bad input with a 4xx in the one envelope, in the reader’s language', async () => {
		expect(await refused('/api/siting', { projectType: 'castle', area: { prefecture: true } }, 400, 'invalid-request')).toMatch(/项目类型/);
		expect(await refused('/api/siting', { projectType: 'castle', area: { prefecture: true } }, 400, 'invalid-request', 'en')).toMatch(/projectType/);
		expect(await refused('/api/siting', { projectType: 'building', area: { point: [87.3, 44], radiusM: -5 } }, 400, 'invalid-request', 'en')).toMatch(/area/);
		expect(await refused('/api/siting', { projectType: 'building', area: { type: 'LineString', coordinates: [[87, 44], [88, 45]] } }, 400, 'invalid-request')).toBeTruthy();
		expect(await refused('/api/siting', { projectType: 'building', area: { county: 'Atlantis' } }, 400, 'unknown-county', 'en')).toMatch(/Changji/);
		expect(await refused('/api/siting', { projectType: 'building', area: { point: [116.4, 39.9], radiusM: 5000 } }, 422, 'outside-prefecture', 'en')).toMatch(/outside/);
		const raw = await call(app, '/api/siting', { body: '{"projectType":', headers: { 'content-type': 'application/json' } });
		expect(raw.status).toBe(400);
		expect(((await raw.json()) as ErrorEnvelope).error.code).toBe('invalid-json');
	});
});

describe('POST /api/siting/nearest', () => {
	it('refuses bad input with a 4xx in the one envelope', async () => {
		const footprint = rectangleAround([87.43, 43.9], 1250, 800);
		await refused('/api/siting/nearest', { footprint, projectType: 'building', maxDistanceM: 50_000 }, 400, 'invalid-request');
		await refused('/api/siting/nearest', { footprint, projectType: 'building', maxDistanceM: 1000, accept: 'forbidden' }, 400, 'invalid-request');
		const bow: Polygon = { type: 'Polygon', coordinates: [[[87.4, 43.9], [87.42, 43.92], [87.42, 43.9], [87.4, 43.92], [87.4, 43.9]]] };
		await refused('/api/siting/nearest', { footprint: bow, projectType: 'building', maxDistanceM: 1000 }, 422, 'self-intersection');
	});

	it('gives sites whose verdict /api/check confirms, nearest first', async () => {
		const response = await call(app, '/api/siting/nearest', {
			json: { footprint: rectangleAround([87.42589744563182, 43.8947045], 1250, 800), projectType: 'solar_wind', maxDistanceM: 5000, accept: 'attention' }
		});
		expect(response.status).toBe(200);
		const answer = (await response.json()) as NearestResponse;
		expect(answer.footprintVerdict).toBe('forbidden');
		expect(answer.alternatives.length).toBeGreaterThan(0);
		let last = 0;
		for (const alt of answer.alternatives) {
			expect(alt.distanceM).toBeGreaterThanOrEqual(last);
			last = alt.distanceM;
			const check = (await (await call(app, '/api/check', { json: { footprint: alt.footprint, projectType: 'solar_wind' } })).json()) as CheckResponse;
			expect(check.verdict).toBe(alt.verdict);
			expect(['attention', 'clear']).toContain(check.verdict);
			expect(check.reportId).toBe(alt.reportId);
		}
	});
});
