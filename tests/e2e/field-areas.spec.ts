// Offline areas on a tablet, the parts field-offline.spec.ts leaves out: a box drawn on the
// map, the size before and after, a download cancelled midway, the list with the storage
// used, the check's preview offline in the area, delete (storage freed); and a browser
// restart (a persistent profile closed and opened again) with the queue still there and
// syncing. Screenshots go to test-results/field-areas/.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import type { FieldSitesResponse, Inspection } from '../../src/lib/api/field';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';
import { E2E_ACCOUNTS } from './accounts';
import { expect, test } from './fixtures';

const FUKANG = { latitude: 44.16, longitude: 87.98 };
const SHOTS = 'test-results/field-areas';
const TABLET = {
	viewport: { width: 1024, height: 768 },
	hasTouch: true,
	geolocation: FUKANG,
	permissions: ['geolocation'],
	serviceWorkers: 'allow' as const,
	locale: 'zh-CN',
	timezoneId: 'Asia/Shanghai'
};

test.use(TABLET);

async function shot(page: Page, name: string): Promise<void> {
	mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

async function logIn(context: BrowserContext): Promise<void> {
	const { username, password } = E2E_ACCOUNTS.field;
	const response = await context.request.post('/api/auth/login', { data: { username, password } });
	expect(response.status(), await response.text()).toBe(204);
}

async function openField(page: Page): Promise<void> {
	await page.goto('/field');
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null && window.__ecomapField !== undefined, undefined, { timeout: 120_000 });
}

/** What the downloaded areas hold in Cache Storage: tiles and data files (not TileJSON or pages), and their bytes. */
async function areaCache(page: Page): Promise<{ entries: number; bytes: number }> {
	return page.evaluate(async () => {
		const cache = await caches.open('ecomap-field-tiles');
		let entries = 0;
		let bytes = 0;
		for (const request of await cache.keys()) {
			const path = new URL(request.url).pathname;
			if (!/^\/tiles\/.+\/\d+\/\d+\/\d+\.mvt$/.test(path) && !path.startsWith('/download/')) continue;
			entries += 1;
			bytes += (await (await cache.match(request))!.blob()).size;
		}
		return { entries, bytes };
	});
}

/** Taps the field map at these positions (lon/lat), as a finger would. */
async function tapMap(page: Page, points: [number, number][]): Promise<void> {
	for (const point of points) {
		const { x, y } = await page.evaluate((p) => {
			const map = window.__ecomapField!.map;
			const px = map.project(p);
			const rect = map.getCanvas().getBoundingClientRect();
			return { x: rect.left + px.x, y: rect.top + px.y };
		}, point);
		await page.touchscreen.tap(x, y);
	}
}

/** Draws a square of ±d pixels around a point with the check page's polygon tool. */
async function drawSquare(page: Page, at: [number, number], zoom: number, d = 40): Promise<void> {
	await page.evaluate(
		([lng, lat, z]) =>
			new Promise<void>((resolve) => {
				const map = window.__ecomapCheck!.map;
				map.once('moveend', () => resolve());
				map.jumpTo({ center: [lng, lat], zoom: z });
			}),
		[...at, zoom] as const
	);
	await expect(page.getByTestId('tool-polygon')).toHaveAttribute('aria-pressed', 'true');
	const c = await page.evaluate(([lng, lat]) => {
		const map = window.__ecomapCheck!.map;
		const p = map.project([lng, lat]);
		const rect = map.getCanvas().getBoundingClientRect();
		return { x: rect.left + p.x, y: rect.top + p.y };
	}, at);
	const corners = [
		[c.x - d, c.y - d],
		[c.x + d, c.y - d],
		[c.x + d, c.y + d],
		[c.x - d, c.y + d]
	];
	for (const [x, y] of corners) await page.mouse.click(x, y);
	await page.mouse.click(corners[0][0], corners[0][1]);
}

test('a drawn area: size before, cancel midway, download, the check preview offline, delete frees the storage', async ({ page, context }) => {
	test.setTimeout(900_000);
	await logIn(context);
	// A water-source zone near Fukang: the box goes around it, the footprint on it.
	const sites = (await (await context.request.get('/api/field/sites?layer=water-source-protection&county=阜康市&limit=1')).json()) as FieldSitesResponse;
	const zone = sites.sites[0].centroid;
	await openField(page);
	await page.evaluate(
		([lng, lat]) =>
			new Promise<void>((resolve) => {
				const map = window.__ecomapField!.map;
				map.once('moveend', () => resolve());
				map.jumpTo({ center: [lng + 0.1, lat], zoom: 9 });
			}),
		zone
	);
	const baseline = await areaCache(page);

	// Draw the box: two taps, opposite corners.
	await page.getByTestId('nav-areas').click();
	await page.getByTestId('area-mode-box').check();
	await expect(page.getByTestId('area-plan')).toBeDisabled();
	await page.getByTestId('area-draw').click();
	await expect(page.getByTestId('area-draw-hint')).toBeVisible();
	const box: [number, number, number, number] = [zone[0] - 0.06, zone[1] - 0.045, zone[0] + 0.06, zone[1] + 0.045];
	await tapMap(page, [
		[box[0], box[3]],
		[box[2], box[1]]
	]);
	await expect(page.getByTestId('area-box')).toBeVisible();
	const drawn = (await page.getByTestId('area-box').textContent())!.split(',').map(Number);
	drawn.forEach((v, i) => expect(v).toBeCloseTo(box[i], 2));
	// The page stayed on the areas view: the taps drew the box, they did not open a site.
	await expect(page.getByTestId('areas')).toBeVisible();

	// Midway cancel (z8–14: hundreds of requests): nothing of it stays.
	await page.getByTestId('area-min-zoom').fill('8');
	await page.getByTestId('area-max-zoom').fill('14');
	await page.getByTestId('area-plan').click();
	await expect(page.getByTestId('area-estimate')).toBeVisible({ timeout: 120_000 });
	await page.getByTestId('area-start').click();
	await expect.poll(async () => Number(await page.getByTestId('area-progress').getAttribute('value')), { timeout: 120_000 }).toBeGreaterThan(5);
	const total = Number(await page.getByTestId('area-progress').getAttribute('max'));
	await shot(page, '01-download-progress');
	await page.getByTestId('area-cancel').click();
	await expect(page.getByTestId('area-progress')).toHaveCount(0);
	await expect(page.getByTestId('area')).toHaveCount(0);
	expect(total).toBeGreaterThan(100);
	await expect.poll(() => areaCache(page)).toEqual(baseline);

	// The download itself (z8–11): the size first, the actual after.
	await page.getByTestId('area-max-zoom').fill('11');
	await page.getByTestId('area-plan').click();
	await expect(page.getByTestId('area-estimate-detail')).toBeVisible({ timeout: 120_000 });
	const estimate = Number(await page.getByTestId('area-estimate').getAttribute('data-bytes'));
	await shot(page, '02-size-before-download');
	await page.getByTestId('area-start').click();
	await expect(page.getByTestId('area')).toHaveCount(1, { timeout: 300_000 });
	await expect(page.getByTestId('area-done')).toBeVisible();
	const actual = Number(await page.getByTestId('area').getAttribute('data-bytes'));
	const stored = await areaCache(page);
	console.log(`[field-areas] drawn box z8–11: estimated ${estimate} B, stored ${actual} B (ratio ${(estimate / actual).toFixed(2)}); ${stored.entries - baseline.entries} tiles and data files in Cache Storage`);
	expect(estimate / actual).toBeGreaterThan(0.5);
	expect(estimate / actual).toBeLessThan(2);
	expect(stored.bytes).toBeGreaterThan(baseline.bytes);
	await expect(page.getByTestId('storage-used')).toBeVisible();
	await shot(page, '03-area-listed-with-storage');

	// No network: the check page opens and its preview answers in the area.
	await context.setOffline(true);
	await page.goto('/check');
	await expect(page.getByTestId('check-offline')).toBeVisible({ timeout: 60_000 });
	await page.waitForFunction(() => window.__ecomapCheck?.map !== undefined, undefined, { timeout: 60_000 });
	await drawSquare(page, zone, 11);
	const verdict = page.getByTestId('verdict');
	await expect(verdict).toHaveAttribute('data-verdict', /\w+/, { timeout: 60_000 });
	const offlineVerdict = await verdict.getAttribute('data-verdict');
	await expect(page.getByTestId('preview')).toHaveAttribute('data-status', 'done');
	await shot(page, '04-check-preview-offline-1024');
	await page.setViewportSize({ width: 768, height: 1024 });
	await shot(page, '05-check-preview-offline-768');
	await page.setViewportSize({ width: 1280, height: 800 });
	await shot(page, '06-check-preview-offline-1280');

	// Online again: the same footprint gets the same verdict from the network.
	await context.setOffline(false);
	await page.setViewportSize(TABLET.viewport);
	await page.goto('/check');
	await expect(page.getByTestId('check-offline')).toHaveCount(0);
	await page.waitForFunction(() => window.__ecomapCheck?.map !== undefined, undefined, { timeout: 60_000 });
	await drawSquare(page, zone, 11);
	await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', offlineVerdict!, { timeout: 60_000 });

	// Delete the area: its tiles and data files leave the device.
	await openField(page);
	await page.getByTestId('nav-areas').click();
	await expect(page.getByTestId('area')).toHaveCount(1);
	await page.getByTestId('area').getByRole('button').click();
	await expect(page.getByTestId('area')).toHaveCount(0);
	await expect.poll(() => areaCache(page)).toEqual(baseline);
	await shot(page, '07-area-deleted');
});

test('a browser restart: the queue is still there and syncs', async ({ baseURL }) => {
	test.setTimeout(600_000);
	const profile = mkdtempSync(join(tmpdir(), 'ecomap-field-profile-'));
	const launch = () => chromium.launchPersistentContext(profile, { ...TABLET, baseURL, executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
	try {
		let context = await launch();
		await logIn(context);
		let page = context.pages()[0] ?? (await context.newPage());
		await openField(page);
		// The site page is stored once opened; then the network goes.
		const first = page.getByTestId('site-card').first();
		await expect(first).toBeVisible({ timeout: 60_000 });
		await first.click();
		await expect(page.getByTestId('site-page')).toBeVisible();
		await page.waitForFunction(async () => (await caches.open('ecomap-field-pages').then((c) => c.match('/field'))) !== undefined);
		await context.setOffline(true);
		await page.getByTestId('new-inspection').click();
		await page.getByTestId('notes').fill('before the restart');
		await page.getByTestId('save-inspection').click();
		const mine = page.getByTestId('inspection').filter({ hasText: 'before the restart' });
		await expect(mine).toHaveAttribute('data-state', 'pending');
		const id = (await mine.getAttribute('data-id'))!;
		await context.close();

		// The browser starts again on the same profile, still without a network.
		context = await launch();
		await context.setOffline(true);
		page = context.pages()[0] ?? (await context.newPage());
		await page.goto(`/field?view=queue`);
		await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 60_000 });
		await expect(page.getByTestId('queue-item')).toHaveAttribute('data-state', 'pending');
		await shot(page, '08-after-restart-still-queued');
		await context.setOffline(false);
		await expect(page.getByTestId('queue-item')).toHaveAttribute('data-state', 'synced', { timeout: 120_000 });
		const response = await context.request.get(`/api/field/inspections/${id}`);
		expect(response.status()).toBe(200);
		expect(((await response.json()) as Inspection).notes).toBe('before the restart');
		await shot(page, '09-after-restart-synced');
		await context.close();
	} finally {
		rmSync(profile, { recursive: true, force: true });
	}
});

for (const [name, viewport] of [
	['768', { width: 768, height: 1024 }],
	['1280', { width: 1280, height: 800 }],
	['phone', { width: 390, height: 844 }]
] as const) {
	test(`/progress at ${name}: the illustrative notice, coal fires with the monitoring split, no figure past its chart`, async ({ page }) => {
		await page.setViewportSize(viewport);
		await page.goto('/progress?lang=en');
		await expect(page.getByTestId('progress-illustrative')).toBeVisible();
		await expect(page.getByTestId('coal-fire-extinguished')).toHaveText(/^\d+ \/ \d+$/);
		await expect(page.getByTestId('coal-fire-split')).toContainText(/monitoring|监测/);
		const overflow = await page.evaluate(() => {
			const out: string[] = [];
			for (const chart of document.querySelectorAll('figure.chart')) {
				const box = chart.getBoundingClientRect();
				for (const part of chart.querySelectorAll('span')) {
					const r = part.getBoundingClientRect();
					if (r.right > box.right + 0.5 || r.left < box.left - 0.5 || r.right > document.documentElement.clientWidth) out.push(part.textContent ?? '');
				}
			}
			return out;
		});
		expect(overflow).toEqual([]);
		expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
		await page.screenshot({ path: `${SHOTS}/progress-${name}.png`, fullPage: true });
	});
}
