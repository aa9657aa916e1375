import { createHash, randomUUID } from 'node:crypto';
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import { beforeAll, describe, expect, it } from 'vitest';
import { getTestDb, rollbackAfter } from '../../../../tests/db';
import { solidPng } from '../../../../tests/png';
import { createTestUser, type TestUser } from '../../../../tests/users';
import type { FieldSite, FieldSiteDetail, Inspection, InspectionInput, ProgressResponse } from '../../api/field';
import type { ErrorEnvelope } from '../../api/errors';
import type { Lang } from '../../api/i18n';
import { getLayer } from '../../layers/registry';
import type { Db } from '../db/types';
import { featureDetails } from '../feature-details';
import { summary } from '../summary';
import { dataVersion } from '../serving/layer-version';
import { renderTile } from '../tiles/render';
import { GET as areaEstimateGet } from '../../../routes/api/field/area-estimate/+server';
import { GET as sitesGet } from '../../../routes/api/field/sites/+server';
import { GET as siteGet } from '../../../routes/api/field/sites/[layer]/[id]/+server';
import { DELETE as inspectionDelete, PUT as inspectionPut } from '../../../routes/api/field/inspections/[id]/+server';
import { GET as photoGet, HEAD as photoHead, PUT as photoPut } from '../../../routes/api/field/photos/[sha256]/+server';
import { GET as progressGet } from '../../../routes/api/progress/+server';
import { GET as progressCsvGet } from '../../../routes/api/progress.csv/+server';
import { ApiError } from '../http/errors';
import { errorResponse } from '../http/errors';

// The field API through its route handlers as SvelteKit calls them, on the seeded database;
// every test writes inside a transaction that is rolled back.

let db: Db;
const FUKANG: [number, number] = [87.98, 44.16];

interface CallOptions {
	method?: string;
	params?: Record<string, string>;
	body?: BodyInit;
	headers?: Record<string, string>;
	user?: TestUser;
	lang?: Lang;
}

type Handler = (event: never) => Promise<Response> | Response;

/** Calls a route handler the way the boundary does: a thrown ApiError becomes the envelope. */
async function call(handler: Handler, tx: Db, path: string, options: CallOptions = {}): Promise<Response> {
	const url = new URL(path, 'http://ecomap.test');
	const request = new Request(url, { method: options.method ?? 'GET', body: options.body, headers: options.headers });
	const user = options.user ? { ...options.user.user, sessionId: 'test' } : null;
	const event = { url, request, params: options.params ?? {}, locals: { db: tx, readDb: tx, user, lang: options.lang ?? 'en' }, getClientAddress: () => '192.0.2.7' };
	try {
		return await handler(event as never);
	} catch (error) {
		if (error instanceof ApiError) return errorResponse(error, options.lang ?? 'en');
		throw error;
	}
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function putPhoto(tx: Db, user: TestUser, bytes: Buffer, type = 'image/png', hash = sha(bytes)) {
	return call(photoPut as Handler, tx, `/api/field/photos/${hash}`, { method: 'PUT', params: { sha256: hash }, body: new Uint8Array(bytes), headers: { 'content-type': type }, user });
}

function putInspection(tx: Db, user: TestUser, id: string, input: InspectionInput) {
	return call(inspectionPut as Handler, tx, `/api/field/inspections/${id}`, {
		method: 'PUT',
		params: { id },
		body: JSON.stringify(input),
		headers: { 'content-type': 'application/json' },
		user
	});
}

async function auditRows(tx: Db, entityId: string) {
	return tx.query<{ action: string; actor: string; before: unknown; after: unknown }>(
		'SELECT action, actor, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id',
		[entityId]
	);
}

/** A coal-fire zone whose data status is `untreated`, and a point inside it. */
async function untreatedFire(tx: Db): Promise<{ id: number; lon: number; lat: number }> {
	const [row] = await tx.query<{ id: number; lon: number; lat: number }>(
		`SELECT id, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM coal_fire WHERE status = 'untreated' ORDER BY id LIMIT 1`
	);
	return row;
}

function inspection(siteKey: string, extra: Partial<InspectionInput> = {}): InspectionInput {
	return { siteKey, baseVersion: null, inspectedAt: '2026-11-20T10:30:00+08:00', photos: [], ...extra };
}

beforeAll(async () => {
	db = await getTestDb();
});

describe('sites near me', () => {
	it('sorts every field site by geodesic distance from a point near Fukang, as PostGIS ST_Distance(geography) measures it', async () => {
		const response = await call(sitesGet as Handler, db, `/api/field/sites?lon=${FUKANG[0]}&lat=${FUKANG[1]}&limit=500`);
		expect(response.status).toBe(200);
		const { sites } = (await response.json()) as { sites: FieldSite[] };
		// The reference: each layer's table on its own, measured by PostGIS, nearest first.
		const reference: { key: string; d: number }[] = [];
		for (const id of ['mine-restoration', 'coal-fire', 'sand-closure-reserve', 'water-source-protection']) {
			const layer = getLayer(id)!;
			const rows = await db.query<{ id: number; d: number }>(
				`SELECT id, ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) AS d FROM "${layer.table}"`,
				FUKANG
			);
			reference.push(...rows.map((r) => ({ key: `${id}/${r.id}`, d: Number(r.d) })));
		}
		reference.sort((a, b) => a.d - b.d);
		expect(sites).toHaveLength(reference.length);
		expect(sites[0].key).toBe(reference[0].key);
		for (const [i, site] of sites.entries()) {
			expect(site.distanceM).toBeCloseTo(reference[i].d, 0);
			if (i > 0) expect(site.distanceM!).toBeGreaterThanOrEqual(sites[i - 1].distanceM!);
			expect(site.bearingDeg).toBeGreaterThanOrEqual(0);
			expect(site.bearingDeg).toBeLessThan(360);
		}
		// The nearest is close by: the seed has restoration sites around Fukang.
		expect(sites[0].distanceM!).toBeLessThan(30_000);
	});

	it('filters by layer, county and status, and without a position sorts by name', async () => {
		const response = await call(sitesGet as Handler, db, `/api/field/sites?layer=coal-fire&county=${encodeURIComponent('昌吉市')}&status=in_treatment`);
		const { sites } = (await response.json()) as { sites: FieldSite[] };
		const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM coal_fire WHERE county = '昌吉市' AND status = 'in_treatment'`);
		expect(sites.length).toBe(n);
		expect(n).toBeGreaterThan(0);
		expect(sites.every((s) => s.layer === 'coal-fire' && s.county === '昌吉市' && s.status === 'in_treatment' && s.distanceM === undefined)).toBe(true);
		expect(sites.map((s) => s.name)).toEqual([...sites.map((s) => s.name)].sort());
	});

	it('refuses a lone longitude and an unknown layer with 400 in the envelope', async () => {
		for (const query of ['lon=87.9', 'layer=county', 'notInspectedSince=2026-13-40']) {
			const response = await call(sitesGet as Handler, db, `/api/field/sites?${query}`, { lang: 'zh' });
			expect(response.status).toBe(400);
			expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid-query');
		}
	});

	it('refuses a malformed area-estimate query with 400: the code, the message and the failing field', async () => {
		for (const [query, path] of [
			['bbox=88,44,87,45&minZoom=8&maxZoom=10', 'bbox'],
			['bbox=87.9,44.1,88,44.2&minZoom=11&maxZoom=10', 'minZoom'],
			['bbox=87.9,44.1,88,44.2&minZoom=8', 'maxZoom']
		]) {
			const response = await call(areaEstimateGet as Handler, db, `/api/field/area-estimate?${query}`, { lang: 'zh' });
			expect(response.status).toBe(400);
			const { error } = (await response.json()) as ErrorEnvelope<{ path: string; message: string }[]>;
			expect(error.code).toBe('invalid-query');
			expect(error.message).toBe('查询参数不对：bbox=西,南,东,北（WGS84），minZoom ≤ maxZoom，范围不可过大。');
			expect(error.details).toContainEqual(expect.objectContaining({ path }));
		}
	});

	it('"not inspected since" leaves out a site inspected after that day', () =>
		rollbackAfter(db, async (tx) => {
			const field = await createTestUser(tx, 'field');
			const fire = await untreatedFire(tx);
			const key = `coal-fire/${fire.id}`;
			const listed = async () => {
				const r = await call(sitesGet as Handler, tx, '/api/field/sites?layer=coal-fire&notInspectedSince=2026-10-01&limit=500');
				return ((await r.json()) as { sites: FieldSite[] }).sites.map((s) => s.key);
			};
			expect(await listed()).toContain(key);
			expect((await putInspection(tx, field, randomUUID(), inspection(key))).status).toBe(201);
			expect(await listed()).not.toContain(key);
		}));
});

describe('site detail', () => {
	it('gives WGS84 and CGCS2000 Gauss-Krüger coordinates that PostGIS agrees with, and navigate links in GCJ-02 and BD-09', async () => {
		const fire = await untreatedFire(db);
		const response = await call(siteGet as Handler, db, `/api/field/sites/coal-fire/${fire.id}`, { params: { layer: 'coal-fire', id: String(fire.id) } });
		expect(response.status).toBe(200);
		const detail = (await response.json()) as FieldSiteDetail;
		const [lon, lat] = detail.coordinates.wgs84;
		const { gk } = detail.coordinates;
		expect(gk.zone).toBe(Math.round(lon / 3));
		const [ref] = await db.query<{ x: number; y: number }>(
			`SELECT ST_Y(p) AS x, ST_X(p) AS y FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), $3::int) AS p) t`,
			[lon, lat, gk.epsg]
		);
		expect(gk.x).toBeCloseTo(Number(ref.x), 1);
		expect(gk.y).toBeCloseTo(Number(ref.y), 1);
		expect(detail.navigate.geo).toBe(`geo:${lat.toFixed(6)},${lon.toFixed(6)}`);
		const amap = new URL(detail.navigate.amap).searchParams.get('position')!.split(',').map(Number);
		const baidu = new URL(detail.navigate.baidu).searchParams.get('location')!.split(',').map(Number);
		// GCJ-02 is a few hundred metres east/north of WGS84 here; BD-09 adds about 0.0065°/0.006° more.
		expect(amap[0] - lon).toBeGreaterThan(0.001);
		expect(baidu[1] - amap[1]).toBeGreaterThan(0.004);
		expect(detail.timeline).toEqual([expect.objectContaining({ source: 'data', status: 'untreated' })]);
		expect(detail.attributes.find((a) => a.label.en === 'Status')?.value).toBe('Untreated');
	});

	it('answers 404 for a layer that is not a field layer or a row that does not exist', async () => {
		for (const [layer, id] of [['county', '1'], ['coal-fire', '999999']]) {
			const response = await call(siteGet as Handler, db, `/api/field/sites/${layer}/${id}`, { params: { layer, id } });
			expect(response.status).toBe(404);
		}
	});
});

describe('inspections', () => {
	it('create, replay, update, stale 409, replayed queue, delete — no duplicates, nothing overwritten, all audited', () =>
		rollbackAfter(db, async (tx) => {
			const field = await createTestUser(tx, 'field');
			const other = await createTestUser(tx, 'field');
			const fire = await untreatedFire(tx);
			const id = randomUUID();
			const create = inspection(`coal-fire/${fire.id}`, { statusChange: 'in_treatment', fire: { surfaceTempC: 64.5, smokeOdour: true }, notes: '裂缝冒烟' });

			const first = await putInspection(tx, field, id, create);
			expect(first.status).toBe(201);
			const v1 = (await first.json()) as Inspection;
			expect(v1).toMatchObject({ id, version: 1, accepted: true, statusChange: 'in_treatment', inspector: { id: field.user.id } });

			const replay = await putInspection(tx, field, id, create);
			expect(replay.status).toBe(200);
			expect(((await replay.json()) as Inspection).version).toBe(1);
			const [{ n }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM field_inspection WHERE id = $1', [id]);
			expect(n).toBe(1);

			const differentCreate = await putInspection(tx, field, id, { ...create, notes: 'other' });
			expect(differentCreate.status).toBe(409);

			const update = { ...create, baseVersion: 1, statusChange: 'extinguished', notes: '已熄灭' };
			const second = await putInspection(tx, other, id, update);
			expect(second.status).toBe(200);
			expect(((await second.json()) as Inspection)).toMatchObject({ version: 2, statusChange: 'extinguished', inspector: { id: field.user.id } });

			// Someone else's edit from version 1 arrives late: refused, both versions returned.
			const stale = await putInspection(tx, field, id, { ...create, baseVersion: 1, notes: 'late edit' });
			expect(stale.status).toBe(409);
			const conflict = (await stale.json()) as { error: { code: string; details: { yours: InspectionInput; theirs: Inspection } } };
			expect(conflict.error.code).toBe('version-conflict');
			expect(conflict.error.details.yours.notes).toBe('late edit');
			expect(conflict.error.details.theirs).toMatchObject({ version: 2, notes: '已熄灭' });

			// The whole queue again (create, then the update): no change, no duplicate.
			expect((await putInspection(tx, field, id, create)).status).toBe(200);
			expect((await putInspection(tx, other, id, update)).status).toBe(200);
			const [row] = await tx.query<{ version: number; n: number }>('SELECT version, (SELECT count(*)::int FROM field_inspection) AS n FROM field_inspection WHERE id = $1', [id]);
			expect(row.version).toBe(2);

			const del = (v: number) => call(inspectionDelete as Handler, tx, `/api/field/inspections/${id}?baseVersion=${v}`, { method: 'DELETE', params: { id }, user: field });
			expect((await del(1)).status).toBe(409);
			expect((await del(2)).status).toBe(204);
			expect((await del(2)).status).toBe(204); // a replayed delete
			const [deleted] = await tx.query<{ deleted: boolean; version: number }>('SELECT deleted_at IS NOT NULL AS deleted, version FROM field_inspection WHERE id = $1', [id]);
			expect(deleted).toEqual({ deleted: true, version: 3 });

			const audit = await auditRows(tx, id);
			expect(audit.map((a) => a.action)).toEqual([
				'field_inspection.create',
				'field_inspection.conflict',
				'field_inspection.update',
				'field_inspection.conflict',
				'field_inspection.conflict',
				'field_inspection.delete'
			]);
			// The refused edit and the version it lost to are both in the trail.
			expect(audit[3]).toMatchObject({ before: { version: 2, notes: '已熄灭' }, after: { notes: 'late edit', baseVersion: 1 } });
			expect(audit.every((a) => a.actor === field.user.username || a.actor === other.user.username)).toBe(true);
		}));

	it('refuses missing photos (422 with the hashes), an unknown site, a status the layer does not have, and a bad body', () =>
		rollbackAfter(db, async (tx) => {
			const field = await createTestUser(tx, 'field');
			const fire = await untreatedFire(tx);
			const ghost = 'ab'.repeat(32);
			const photo = { sha256: ghost, role: 'before' as const, capturedAt: '2026-11-20T10:31:00+08:00', width: 8, height: 6, bytes: 100, mime: 'image/png' as const };
			const missing = await putInspection(tx, field, randomUUID(), inspection(`coal-fire/${fire.id}`, { photos: [photo] }));
			expect(missing.status).toBe(422);
			expect(((await missing.json()) as { error: { code: string; details: { missing: string[] } } }).error).toMatchObject({ code: 'missing-photos', details: { missing: [ghost] } });

			expect((await putInspection(tx, field, randomUUID(), inspection('coal-fire/999999'))).status).toBe(422);
			expect((await putInspection(tx, field, randomUUID(), inspection(`coal-fire/${fire.id}`, { statusChange: 'accepted' }))).status).toBe(422);
			const [reserve] = await tx.query<{ id: number }>('SELECT id FROM sand_closure_reserve LIMIT 1');
			expect((await putInspection(tx, field, randomUUID(), inspection(`sand-closure-reserve/${reserve.id}`, { statusChange: 'extinguished' }))).status).toBe(422);
			expect((await putInspection(tx, field, randomUUID(), { ...inspection(`coal-fire/${fire.id}`), vegetationCoverPct: 140 })).status).toBe(400);
			const [{ n }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM field_inspection');
			expect(n).toBe(0);
		}));
});

describe('statuses of the sand-closure reserves and water-source works (migration 009)', () => {
	it('every seeded reserve and water-source zone has a status the registry knows, and an inspection may change it', () =>
		rollbackAfter(db, async (tx) => {
			const field = await createTestUser(tx, 'field');
			for (const [id, next] of [
				['sand-closure-reserve', 'accepted'],
				['water-source-protection', 'under_way']
			] as const) {
				const layer = getLayer(id)!;
				const values = Object.keys(layer.attributes.find((a) => a.name === 'status')?.values ?? {});
				const rows = await tx.query<{ id: number; status: string | null }>(`SELECT id, status FROM "${layer.table}" ORDER BY id`);
				expect(rows.length).toBeGreaterThan(0);
				expect(rows.every((r) => r.status !== null && values.includes(r.status))).toBe(true);
				const site = rows.find((r) => r.status !== next)!;
				const key = `${id}/${site.id}`;
				const response = await putInspection(tx, field, randomUUID(), inspection(key, { statusChange: next }));
				expect(response.status).toBe(201);
				const listed = ((await (await call(sitesGet as Handler, tx, `/api/field/sites?layer=${id}&status=${next}&limit=500`)).json()) as { sites: FieldSite[] }).sites;
				expect(listed.find((s) => s.key === key)).toMatchObject({ status: next, statusLabel: layer.attributes.find((a) => a.name === 'status')!.values![next] });
				const progress = (await (await call(progressGet as Handler, tx, '/api/progress')).json()) as ProgressResponse;
				const counted = progress.layers.find((l) => l.layer === id)!.byStatus.find((b) => b.status === next)!.count;
				const [{ n }] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${layer.table}" WHERE status = $1`, [next]);
				expect(counted).toBe(n + 1);
			}
			// Values of another layer are still refused there.
			const [source] = await tx.query<{ id: number }>('SELECT id FROM water_source_protection ORDER BY id LIMIT 1');
			expect((await putInspection(tx, field, randomUUID(), inspection(`water-source-protection/${source.id}`, { statusChange: 'closed' }))).status).toBe(422);
		}));

	it('the water sources of the 2026–30 works counties start "planned", the others "completed" (seed and migration 009 alike)', async () => {
		const rows = await db.query<{ county: string; statuses: string[] }>(
			`SELECT county, array_agg(DISTINCT status ORDER BY status) AS statuses FROM water_source_protection GROUP BY county ORDER BY county`
		);
		const works = ['木垒哈萨克自治县', '吉木萨尔县', '呼图壁县', '玛纳斯县'];
		for (const row of rows) expect(row.statuses).toEqual([works.includes(row.county) ? 'planned' : 'completed']);
	});
});

describe('coal fires out of 26', () => {
	it('counts a zone in post-extinction monitoring as put out, and shows the split', () =>
		rollbackAfter(db, async (tx) => {
			const field = await createTestUser(tx, 'field');
			const progressNow = async () => (await (await call(progressGet as Handler, tx, '/api/progress')).json()) as ProgressResponse;
			const before = await progressNow();
			const [counts] = await tx.query<{ extinguished: number; monitoring: number; total: number }>(
				`SELECT count(*) FILTER (WHERE status = 'extinguished')::int AS extinguished, count(*) FILTER (WHERE status = 'monitoring')::int AS monitoring, count(*)::int AS total FROM coal_fire`
			);
			expect(before.coalFire).toEqual({ ...counts, finished: counts.extinguished + counts.monitoring });
			const fire = await untreatedFire(tx);
			expect((await putInspection(tx, field, randomUUID(), inspection(`coal-fire/${fire.id}`, { statusChange: 'monitoring' }))).status).toBe(201);
			const after = await progressNow();
			expect(after.coalFire).toEqual({ ...before.coalFire, monitoring: before.coalFire.monitoring + 1, finished: before.coalFire.finished + 1 });
		}));
});

describe('photos', () => {
	it('stores a photo once by its hash, serves it immutable, and refuses a wrong hash, a wrong type, too many bytes and too many pixels', () =>
		rollbackAfter(db, async (tx) => {
			const field = await createTestUser(tx, 'field');
			const png = solidPng(12, 9, [200, 120, 40]);
			const hash = sha(png);
			const head = () => call(photoHead as Handler, tx, `/api/field/photos/${hash}`, { method: 'HEAD', params: { sha256: hash }, user: field });
			expect((await head()).status).toBe(404);
			expect((await putPhoto(tx, field, png)).status).toBe(201);
			expect((await putPhoto(tx, field, png)).status).toBe(200);
			expect((await head()).status).toBe(200);
			const [stored] = await tx.query<{ n: number; width: number; height: number }>('SELECT count(*) OVER ()::int AS n, width, height FROM field_photo WHERE sha256 = $1', [hash]);
			expect(stored).toEqual({ n: 1, width: 12, height: 9 });

			const got = await call(photoGet as Handler, tx, `/api/field/photos/${hash}`, { params: { sha256: hash }, user: field });
			expect(got.headers.get('content-type')).toBe('image/png');
			expect(got.headers.get('cache-control')).toContain('immutable');
			expect(got.headers.get('etag')).toBe(`"${hash}"`);
			expect(sha(new Uint8Array(await got.arrayBuffer()))).toBe(hash);

			// A half-finished upload: the first half under the whole file's hash.
			const half = png.subarray(0, png.length >> 1);
			const torn = await putPhoto(tx, field, Buffer.from(half), 'image/png', sha(solidPng(5, 5, [1, 2, 3])));
			expect(torn.status).toBe(422);
			expect(((await torn.json()) as { error: { code: string } }).error.code).toBe('hash-mismatch');
			expect((await putPhoto(tx, field, solidPng(5, 5, [1, 2, 3]), 'image/jpeg')).status).toBe(415);
			expect((await putPhoto(tx, field, Buffer.from('GIF89a not a photo'), 'image/gif')).status).toBe(415);
			const huge = Buffer.concat([solidPng(4, 4, [0, 0, 0]), Buffer.alloc(8 * 1024 * 1024)]);
			expect((await putPhoto(tx, field, huge)).status).toBe(413);
			const wide = solidPng(4100, 1, [9, 9, 9]);
			const tooWide = await putPhoto(tx, field, wide);
			expect(tooWide.status).toBe(422);
			expect(((await tooWide.json()) as { error: { code: string } }).error.code).toBe('photo-too-many-pixels');

			const [{ n }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM field_photo');
			expect(n).toBe(1);
			expect((await auditRows(tx, hash)).map((a) => a.action)).toEqual(['field_photo.upload']);
		}));
});

describe('status of record', () => {
	it('the latest accepted inspection sets the status in tiles, features, the summary and /api/progress, bumping the layer version; deleting it restores the data', () =>
		rollbackAfter(db, async (tx) => {
			const field = await createTestUser(tx, 'field');
			const layer = getLayer('coal-fire')!;
			const fire = await untreatedFire(tx);
			const key = `coal-fire/${fire.id}`;
			const progressNow = async () => (await (await call(progressGet as Handler, tx, '/api/progress')).json()) as ProgressResponse;
			const tileStatus = async () => {
				const z = 12;
				const n = 2 ** z;
				const phi = (fire.lat * Math.PI) / 180;
				const tile = { z, x: Math.floor(((fire.lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n) };
				const { bytes } = await renderTile(tx, layer, tile);
				const mvt = new VectorTile(new Pbf(bytes)).layers['coal-fire'];
				for (let i = 0; i < mvt.length; i++) if (mvt.feature(i).id === fire.id) return mvt.feature(i).properties.status;
				return undefined;
			};
			const before = await progressNow();
			const versionBefore = await dataVersion(tx, layer);
			expect(await tileStatus()).toBe('untreated');

			// An older inspection (made offline, synced later) does not outrank a newer one.
			const newer = randomUUID();
			expect((await putInspection(tx, field, newer, inspection(key, { statusChange: 'extinguished', inspectedAt: '2026-11-25T09:00:00+08:00' }))).status).toBe(201);
			expect((await putInspection(tx, field, randomUUID(), inspection(key, { statusChange: 'in_treatment', inspectedAt: '2026-11-01T09:00:00+08:00' }))).status).toBe(201);
			// One that records no status leaves it as it is.
			expect((await putInspection(tx, field, randomUUID(), inspection(key, { inspectedAt: '2026-11-28T09:00:00+08:00' }))).status).toBe(201);

			expect(await dataVersion(tx, layer)).toBeGreaterThan(versionBefore);
			expect(await tileStatus()).toBe('extinguished');
			expect((await featureDetails(tx, layer, fire.id))?.properties.status).toBe('extinguished');
			expect((await summary(tx)).coalFire.byStatus.extinguished).toBe(
				(await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM coal_fire WHERE status = 'extinguished'`))[0].n + 1
			);
			const after = await progressNow();
			expect(after.coalFire.extinguished).toBe(before.coalFire.extinguished + 1);
			expect(after.coalFire.total).toBe(before.coalFire.total);
			const q = after.layers.find((l) => l.layer === 'coal-fire')!.quarterly.find((x) => x.quarter === '2026Q4')!;
			expect(q.inspections).toBe(3);
			const sites = ((await (await call(sitesGet as Handler, tx, `/api/field/sites?layer=coal-fire&status=extinguished&limit=500`)).json()) as { sites: FieldSite[] }).sites;
			expect(sites.find((s) => s.key === key)).toMatchObject({ status: 'extinguished', lastInspection: { inspectedAt: '2026-11-28T01:00:00.000Z', status: null } });
			const detail = (await (await call(siteGet as Handler, tx, `/api/field/sites/${key}`, { params: { layer: 'coal-fire', id: String(fire.id) } })).json()) as FieldSiteDetail;
			expect(detail.timeline.map((t) => [t.source, t.status])).toEqual([
				['data', 'untreated'],
				['inspection', 'in_treatment'],
				['inspection', 'extinguished']
			]);
			expect(detail.inspections).toHaveLength(3);

			const bumped = await dataVersion(tx, layer);
			expect((await call(inspectionDelete as Handler, tx, `/api/field/inspections/${newer}?baseVersion=1`, { method: 'DELETE', params: { id: newer }, user: field })).status).toBe(204);
			expect(await dataVersion(tx, layer)).toBeGreaterThan(bumped);
			expect(await tileStatus()).toBe('in_treatment');
		}));

	it('restored hectares of record follow inspections into /api/progress and its CSV', () =>
		rollbackAfter(db, async (tx) => {
			const field = await createTestUser(tx, 'field');
			const [mine] = await tx.query<{ id: number; restored: number }>(`SELECT id, restored_ha::float8 AS restored FROM mine_restoration WHERE status = 'under_way' ORDER BY id LIMIT 1`);
			const before = (await (await call(progressGet as Handler, tx, '/api/progress')).json()) as ProgressResponse;
			const mines = () => before.layers.find((l) => l.layer === 'mine-restoration')!;
			expect(mines().restoredHa).toBeLessThan(mines().targetHa!);
			expect((await putInspection(tx, field, randomUUID(), inspection(`mine-restoration/${mine.id}`, { restoredHa: mine.restored + 10, vegetationCoverPct: 35 }))).status).toBe(201);
			const after = (await (await call(progressGet as Handler, tx, '/api/progress')).json()) as ProgressResponse;
			const restoredAfter = after.layers.find((l) => l.layer === 'mine-restoration')!.restoredHa!;
			expect(restoredAfter).toBeCloseTo(mines().restoredHa! + 10, 1);

			const csv = await call(progressCsvGet as Handler, tx, '/api/progress.csv', { lang: 'zh' });
			expect(csv.headers.get('content-type')).toContain('text/csv');
			const bytes = new Uint8Array(await csv.arrayBuffer());
			expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM (Response.text() would hide it)
			const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
			expect(text.startsWith('图层,')).toBe(true);
			expect(text).toContain(`矿山生态修复,合计,mine-restoration,矿山生态修复,`);
			expect(text).toContain(`,${restoredAfter},`);
			expect(text).toMatch(/煤田火区,状态,extinguished,已熄灭,\d+,/);
		}));
});
