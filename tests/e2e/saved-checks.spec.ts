// The planner's check of record: log in, draw, save, open the permalink in another browser
// context, share it with someone without an account, revoke the link (then 404).
import { pointOnFeature } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { E2E_ACCOUNTS } from './accounts';
import { expect, test } from './fixtures';

async function logIn(context: BrowserContext, account: { username: string; password: string }): Promise<void> {
	const response = await context.request.post('/api/auth/login', { data: { username: account.username, password: account.password } });
	expect(response.status()).toBe(204);
}

async function plannerContext(browser: Browser): Promise<BrowserContext> {
	const context = await browser.newContext();
	await logIn(context, E2E_ACCOUNTS.planner);
	return context;
}

/** A first-level water-source zone's inner point: a footprint there is 禁止. */
async function zonePoint(page: Page): Promise<[number, number]> {
	const response = await page.request.get('/ogc/collections/water-source-protection/items?zone_level=first&limit=1');
	const zone = ((await response.json()) as FeatureCollection<Polygon | MultiPolygon>).features[0];
	const [lon, lat] = pointOnFeature(zone).geometry.coordinates;
	return [lon, lat];
}

/** Draws a square of ±d pixels around a map point with the polygon tool. */
async function drawSquare(page: Page, at: [number, number], d = 30): Promise<void> {
	await page.evaluate(
		([lng, lat]) =>
			new Promise<void>((resolve) => {
				const map = window.__ecomapCheck!.map;
				map.once('idle', () => resolve());
				map.jumpTo({ center: [lng, lat], zoom: 15 });
			}),
		at
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

test.describe('saved checks', () => {
	test('anonymous visitors may not save a check', async ({ playwright, baseURL }) => {
		const anonymous = await playwright.request.newContext({ baseURL });
		const response = await anonymous.post('/api/checks', { data: { footprint: { type: 'Point', coordinates: [87, 44] }, projectName: 'x', developer: 'y' } });
		expect(response.status()).toBe(401);
		expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
		await anonymous.dispose();
	});

	test('log in, draw, save; the permalink in a new context; a share link without login; revoked → 404', async ({ browser, record, page }) => {
		// Two checks of record and a PDF-free round of pages on the shared machine.
		test.setTimeout(300_000);
		await logIn(page.context(), E2E_ACCOUNTS.planner);
		const point = await zonePoint(page);

		await page.goto('/check');
		await expect(page.locator('[data-testid="map"][data-zoning-drawn]')).toBeAttached({ timeout: 90_000 });
		await page.waitForFunction(() => window.__ecomapCheck?.map !== undefined);
		await drawSquare(page, point);
		await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'forbidden');
		await page.getByTestId('check-record').click();
		await expect(page.getByTestId('record-verdict')).toHaveAttribute('data-verdict', 'forbidden');

		const projectName = `阜康水源地旁光伏 ${Date.now()}`;
		await page.getByTestId('save-project-name').fill(projectName);
		await page.getByTestId('save-developer').fill('昌吉测试能源有限公司');
		await page.getByTestId('save-check').click();
		const link = page.getByTestId('saved-link');
		await expect(link).toBeVisible();
		const permalink = (await link.getAttribute('href'))!;
		expect(permalink).toMatch(/^\/check\/\d+$/);

		// The permalink in a new context: the same record for a signed-in planner; a login for nobody.
		const other = await plannerContext(browser);
		const view = await other.newPage();
		await view.goto(permalink);
		await expect(view.getByTestId('saved-project-name')).toHaveText(projectName);
		await expect(view.getByTestId('saved-verdict')).toHaveAttribute('data-verdict', 'forbidden');
		await expect(view.getByTestId('map')).toBeVisible();
		const reportId = (await view.getByTestId('saved-report-id').textContent())!.trim();
		await view.screenshot({ path: 'artifacts/screenshots/saved-check.png' });
		expect(reportId).toMatch(/^[0-9a-f]{16}$/);
		const stranger = await browser.newContext();
		const refused = await stranger.request.get(permalink, { maxRedirects: 0 });
		expect(refused.status()).toBe(303);
		expect(refused.headers().location).toContain('/login?next=');

		// Share: a link anyone can open without an account, and its report.
		await view.getByTestId('share-create').click();
		const shareUrl = await view.getByTestId('share-url').inputValue();
		expect(shareUrl).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);
		const shared = await stranger.newPage();
		await shared.goto(shareUrl);
		await expect(shared.getByTestId('saved-project-name')).toHaveText(projectName);
		await expect(shared.getByTestId('saved-report-id')).toHaveText(reportId);
		await expect(shared.getByTestId('share-create')).toHaveCount(0);
		await shared.getByTestId('saved-report').click();
		await expect(shared.getByTestId('report-id')).toHaveText(reportId);
		await expect(shared.getByTestId('report-fact').first()).toHaveText(projectName);
		// What a reviewer files: 界址点 (J1 … back to J1), both areas, 审查意见 with the signature block, the permalink's QR code.
		await expect(shared.getByTestId('report-boundary').locator('tbody tr').first().locator('td').first()).toHaveText('J1');
		await expect(shared.getByTestId('report-boundary').locator('tbody tr').last().locator('td').first()).toHaveText('J1');
		await expect(shared.getByTestId('report-areas').locator('tbody tr')).toHaveCount(2);
		await expect(shared.getByTestId('report-opinion')).toContainText(/经办人|Prepared by/);
		await expect(shared.getByTestId('report-qr').locator('a')).toHaveAttribute('href', new RegExp(`/check/\\d+$`));
		await expect(shared.locator('[data-role="grid"] text').first()).toHaveText(/^\d+°\d{2}′/);
		await shared.screenshot({ path: 'artifacts/screenshots/saved-check-report.png', fullPage: true });
		const pdfHref = (await shared.getByTestId('download-pdf').getAttribute('href'))!;
		const pdf = await stranger.request.get(pdfHref);
		expect(pdf.status()).toBe(200);
		expect(pdf.headers()['x-report-id']).toBe(reportId);

		// Revoke: the link and its PDF are gone.
		await view.getByTestId('share-revoke').click();
		await expect(view.getByTestId('share-revoke')).toHaveCount(0);
		const gone = await stranger.newPage();
		const response = await gone.goto(shareUrl);
		expect(response?.status()).toBe(404);
		expect((await stranger.request.get(pdfHref)).status()).toBe(404);

		// My checks lists it.
		await view.goto('/checks');
		await expect(view.getByTestId('checks-row').filter({ hasText: projectName })).toBeVisible();

		await Promise.all([other.close(), stranger.close()]);
		expect(record.errors).toEqual([]);
	});
});
