// The field team's day on a tablet: nearest sites, an area downloaded, no network, an
// inspection with a photo queued, synced when the network returns; a server edit made
// meanwhile comes back as a conflict resolved field by field; a replayed queue creates
// no duplicate. Screenshots of each step go to test-results/field/.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { request as playwrightRequest, type APIRequestContext, type Page } from '@playwright/test';
import type { FieldSiteDetail, FieldSitesResponse, Inspection } from '../../src/lib/api/field';
import type { AuditPage } from '../../src/lib/api/audit';
import { E2E_ACCOUNTS, type E2eAccount } from './accounts';
import { expect, test } from './fixtures';

const FUKANG = { latitude: 44.16, longitude: 87.98 };
const SHOTS = 'test-results/field';

test.use({
	viewport: { width: 1024, height: 768 },
	hasTouch: true,
	geolocation: FUKANG,
	permissions: ['geolocation'],
	serviceWorkers: 'allow'
});

let step = 0;
async function shot(page: Page, name: string): Promise<void> {
	mkdirSync(SHOTS, { recursive: true });
	step += 1;
	await page.screenshot({ path: `${SHOTS}/${String(step).padStart(2, '0')}-${name}.png` });
}

async function apiSession(baseURL: string, account: E2eAccount): Promise<APIRequestContext> {
	const context = await playwrightRequest.newContext({ baseURL });
	const response = await context.post('/api/auth/login', { data: { username: account.username, password: account.password } });
	expect(response.status(), await response.text()).toBe(204);
	return context;
}

/** Marks every synced queue item as waiting again: the next start sends the same queue once more. */
async function requeueAll(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('ecomap-field');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction('queue', 'readwrite');
					const store = tx.objectStore('queue');
					let count = 0;
					store.getAll().onsuccess = (event) => {
						for (const item of (event.target as IDBRequest<{ state: string; nextAttemptAt: number; attempts: number }[]>).result) {
							if (item.state !== 'synced') continue;
							store.put({ ...item, state: 'pending', nextAttemptAt: 0, attempts: 0 });
							count += 1;
						}
					};
					tx.oncomplete = () => resolve(count);
					tx.onerror = () => reject(tx.error);
				};
			})
	);
}

/** A 3000×2000 photo-like PNG made in the page (the tablet resizes it to 2048 px). */
async function largePhoto(page: Page): Promise<Buffer> {
	const base64 = await page.evaluate(async () => {
		const canvas = document.createElement('canvas');
		canvas.width = 3000;
		canvas.height = 2000;
		const g = canvas.getContext('2d')!;
		const gradient = g.createLinearGradient(0, 0, 3000, 2000);
		gradient.addColorStop(0, '#c2a878');
		gradient.addColorStop(1, '#4d7c3a');
		g.fillStyle = gradient;
		g.fillRect(0, 0, 3000, 2000);
		g.fillStyle = '#1f2937';
		g.font = '180px sans-serif';
		g.fillText('Fukang site photo', 300, 1000);
		const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
		const bytes = new Uint8Array(await blob.arrayBuffer());
		let text = '';
		for (const byte of bytes) text += String.fromCharCode(byte);
		return btoa(text);
	});
	return Buffer.from(base64, 'base64');
}

test('a field team works offline and nothing is lost', async ({ page, context, baseURL, record }) => {
	test.setTimeout(900_000);
	const origin = baseURL!;
	const tablet = E2E_ACCOUNTS.field;

	// Sign in and open /field: the nearest site is first.
	await page.goto('/login?next=/field');
	await page.getByTestId('login-form').locator('input[name="username"]').fill(tablet.username);
	await page.getByTestId('login-form').locator('input[name="password"]').fill(tablet.password);
	await page.getByTestId('login-form').locator('button[type="submit"]').click();
	await page.waitForURL('**/field');
	const cards = page.getByTestId('site-card');
	await expect(page.getByTestId('field-position')).toContainText('44.16');
	await expect(cards.first().getByTestId('site-distance')).toBeVisible();
	const nearest = (await (await page.request.get(`/api/field/sites?lon=${FUKANG.longitude}&lat=${FUKANG.latitude}`)).json()) as FieldSitesResponse;
	const firstKey = await cards.first().getAttribute('data-key');
	expect(firstKey).toBe(nearest.sites[0].key);
	expect(nearest.sites[0].county).toBe('阜康市');
	await shot(page, 'sites-near-fukang');

	// The service worker controls the page before the network goes.
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 120_000 });

	// Download Fukang for offline: size first, then progress.
	await page.getByTestId('nav-areas').click();
	await page.getByTestId('area-county').selectOption('阜康市');
	await page.getByTestId('area-min-zoom').fill('6');
	await page.getByTestId('area-max-zoom').fill('11');
	await page.getByTestId('area-plan').click();
	await expect(page.getByTestId('area-estimate')).toContainText(/\d+/);
	await shot(page, 'area-size-before-download');
	await page.getByTestId('area-start').click();
	await expect(page.getByTestId('area-progress')).toBeVisible();
	await shot(page, 'area-download-progress');
	await expect(page.getByTestId('area')).toHaveCount(1, { timeout: 300_000 });
	await shot(page, 'area-downloaded');

	// No network: reload; the app, the map in that area and the site list still work.
	await context.setOffline(true);
	const tilesFromWorker: string[] = [];
	page.on('response', (response) => {
		if (response.url().includes('/tiles/') && response.fromServiceWorker() && response.status() === 200) tilesFromWorker.push(response.url());
	});
	await page.goto('/field');
	await expect(page.getByTestId('offline-banner')).toBeVisible();
	// Offline the tablet ranks by its own distances: nearest first, the server's nearest among the first three.
	await expect(cards.first()).toHaveAttribute('data-distance', /\d/);
	const offlineOrder = await cards.evaluateAll((els) => els.map((e) => ({ key: e.dataset.key!, distance: Number(e.dataset.distance) })));
	expect(offlineOrder.map((c) => c.distance)).toEqual([...offlineOrder.map((c) => c.distance)].sort((a, b) => a - b));
	expect(offlineOrder.slice(0, 3).map((c) => c.key)).toContain(firstKey);
	await expect(page.getByTestId('offline-data')).toBeVisible();
	await expect(page.getByTestId('field-map-canvas')).toBeVisible();
	await page.locator(`[data-testid="site-card"][data-key="${firstKey}"]`).click();
	await expect(page.getByTestId('site-page')).toBeVisible();
	await expect(page.getByTestId('coord-gk')).toContainText('X');
	await expect.poll(() => tilesFromWorker.length, { timeout: 60_000 }).toBeGreaterThan(0);
	await shot(page, 'offline-site-page');

	// Record an inspection with a photo, offline.
	await page.getByTestId('new-inspection').click();
	await page.getByTestId('vegetation').fill('35');
	await page.getByTestId('notes').fill('offline: fence intact');
	await page.getByTestId('photo-input').setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: await largePhoto(page) });
	const photo = page.getByTestId('new-photo');
	await expect(photo).toContainText('2048×1365');
	const sha256 = (await photo.getAttribute('data-sha256'))!;
	await shot(page, 'offline-inspection-form');
	await page.getByTestId('save-inspection').click();
	const mine = page.getByTestId('inspection').filter({ hasText: 'offline: fence intact' });
	await expect(mine).toHaveAttribute('data-state', 'pending');
	const inspectionId = (await mine.getAttribute('data-id'))!;

	// Reload offline: still queued.
	await page.reload();
	await expect(page.getByTestId('offline-banner')).toBeVisible();
	await expect(page.getByTestId('queue-count')).toHaveText('1');
	await page.getByTestId('nav-queue').click();
	await expect(page.getByTestId('queue-item')).toHaveAttribute('data-state', 'pending');
	await shot(page, 'offline-reload-still-queued');

	// Online: it syncs; the server has it, with the photo, its hash, and an audit row.
	await context.setOffline(false);
	await expect(page.getByTestId('queue-item').first()).toHaveAttribute('data-state', 'synced', { timeout: 120_000 });
	await shot(page, 'online-synced');
	const stored = (await (await page.request.get(`/api/field/inspections/${inspectionId}`)).json()) as Inspection;
	expect(stored.version).toBe(1);
	expect(stored.inspector.username).toBe(tablet.username);
	expect(stored.photos.map((p) => p.sha256)).toEqual([sha256]);
	expect(stored.photos[0]).toMatchObject({ width: 2048, height: 1365, mime: 'image/jpeg' });
	expect(stored.photos[0].lat).toBeCloseTo(FUKANG.latitude, 3);
	const bytes = await (await page.request.get(`/api/field/photos/${sha256}`)).body();
	expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
	const admin = await apiSession(origin, E2E_ACCOUNTS.admin);
	const auditOf = async () => ((await (await admin.get(`/api/admin/audit?entity=field_inspection&entityId=${inspectionId}`)).json()) as AuditPage).rows;
	expect((await auditOf()).map((r) => r.action)).toEqual(['field_inspection.create']);

	// The same queue replayed twice creates no duplicate.
	const countOnSite = async () => {
		const detail = (await (await page.request.get(`/api/field/sites/${stored.siteKey}`)).json()) as FieldSiteDetail;
		return { total: detail.inspections.length, ours: detail.inspections.filter((i) => i.id === inspectionId).length };
	};
	const before = await countOnSite();
	expect(before.ours).toBe(1);
	for (let replay = 0; replay < 2; replay++) {
		expect(await requeueAll(page)).toBeGreaterThan(0);
		await page.reload();
		await page.getByTestId('nav-queue').click();
		await expect(page.getByTestId('queue-item').first()).toHaveAttribute('data-state', 'synced', { timeout: 120_000 });
	}
	expect(await countOnSite()).toEqual(before);
	expect((await auditOf()).map((r) => r.action)).toEqual(['field_inspection.create']);

	// A server edit made meanwhile: the tablet edits offline, the office edits online.
	await page.goto(`/field?site=${encodeURIComponent(stored.siteKey)}`);
	await expect(page.getByTestId('site-page')).toBeVisible();
	await context.setOffline(true);
	await page.getByTestId('inspection').filter({ hasText: 'offline: fence intact' }).getByTestId('edit-inspection').click();
	await page.getByTestId('notes').fill('tablet: fence repaired');
	await page.getByTestId('save-inspection').click();
	await expect(page.getByTestId('inspection').filter({ hasText: 'tablet: fence repaired' })).toHaveAttribute('data-state', 'pending');
	const office = await apiSession(origin, E2E_ACCOUNTS.office);
	const { id: _id, version, inspector: _i, createdAt: _c, updatedAt: _u, accepted: _a, ...fields } = stored;
	const officeEdit = await office.put(`/api/field/inspections/${inspectionId}`, {
		data: { ...fields, baseVersion: version, notes: 'office: sign missing', vegetationCoverPct: 40 }
	});
	expect(officeEdit.status(), await officeEdit.text()).toBe(200);

	await context.setOffline(false);
	await page.getByTestId('nav-queue').click();
	const conflicted = page.getByTestId('queue-item').filter({ has: page.getByTestId('open-conflict') });
	await expect(conflicted).toHaveAttribute('data-state', 'conflict', { timeout: 120_000 });
	await conflicted.getByTestId('open-conflict').click();
	const notesRow = page.locator('[data-testid="conflict-field"][data-field="notes"]');
	await expect(notesRow.getByTestId('mine-value')).toHaveText('tablet: fence repaired');
	await expect(notesRow.getByTestId('theirs-value')).toHaveText('office: sign missing');
	const coverRow = page.locator('[data-testid="conflict-field"][data-field="vegetationCoverPct"]');
	await coverRow.getByTestId('keep-theirs').check();
	await shot(page, 'conflict-screen');
	await page.getByTestId('apply-resolution').click();
	await expect(page.getByTestId('queue-item').first()).toHaveAttribute('data-state', 'synced', { timeout: 120_000 });
	await shot(page, 'conflict-resolved-synced');

	const resolved = (await (await page.request.get(`/api/field/inspections/${inspectionId}`)).json()) as Inspection;
	expect(resolved).toMatchObject({ version: 3, notes: 'tablet: fence repaired', vegetationCoverPct: 40 });
	// Both versions survive in the audit trail: the office's edit and the tablet's resolution.
	const trail = await auditOf();
	expect(trail.map((r) => r.action).sort()).toEqual(
		['field_inspection.conflict', 'field_inspection.create', 'field_inspection.update', 'field_inspection.update'].sort()
	);
	const notes = trail.filter((r) => r.action === 'field_inspection.update').map((r) => (r.after as Inspection).notes);
	expect(notes.sort()).toEqual(['office: sign missing', 'tablet: fence repaired']);
	// The site page shows the resolved inspection with its photo; the daylight theme on a 1280×800 tablet.
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.goto(`/field?site=${encodeURIComponent(stored.siteKey)}`);
	const synced = page.getByTestId('inspection').filter({ hasText: 'tablet: fence repaired' });
	await expect(synced.locator(`img[data-sha256="${sha256}"]`)).toBeVisible();
	await page.getByText(/强光模式|Daylight/).click();
	await shot(page, 'site-page-daylight-1280');
	expect(record.errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED|Failed to fetch|AJAXError/.test(e))).toEqual([]);
	await admin.dispose();
	await office.dispose();
});
