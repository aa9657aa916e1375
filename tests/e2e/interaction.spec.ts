import type { Page } from '@playwright/test';
import { expect, jumpTo, openMap, project, test } from './fixtures';
import { knownPlace } from './known-places';

async function hitId(page: Page, layer: string, name: string): Promise<number> {
	const response = await page.request.get(`/api/search?q=${encodeURIComponent(name)}`);
	const hits = (await response.json()) as { layer: string; id: number; name: string }[];
	const hit = hits.find((h) => h.layer === layer && h.name === name);
	if (!hit) throw new Error(`search does not find ${layer} “${name}”`);
	return hit.id;
}

test('clicking a known feature opens its card with the right name, area and rule', async ({ page, record }) => {
	const place = knownPlace('coal-fire');
	await openMap(page);
	await jumpTo(page, place.point, 12);
	const { x, y } = await project(page, place.point);
	await page.mouse.click(x, y);

	const card = page.getByTestId('feature-card');
	await expect(card.getByRole('heading', { level: 2 })).toHaveText(place.name);
	await expect(card).toHaveAttribute('data-layer', 'coal-fire');
	await expect(card.getByTestId('card-area')).toContainText('公顷');
	await expect(card.getByTestId('card-area')).toContainText('亩');
	await expect(card).toContainText('地质灾害');
	await expect(card.getByRole('link', { name: 'GeoJSON' })).toHaveAttribute('href', '/download/coal-fire.geojson');
	await expect(page).toHaveURL(new RegExp(`sel=coal-fire:${await hitId(page, 'coal-fire', place.name)}`));
	expect(record.errors).toEqual([]);
});

test('search by English name, choose with the keyboard: the map flies there and opens the card', async ({ page, record }) => {
	await openMap(page);
	const search = page.getByTestId('search');
	await search.fill('Hongsangou');
	const option = page.getByRole('option').first();
	await expect(option).toContainText('红三沟火区');
	await expect(search).toHaveAttribute('aria-expanded', 'true');
	await search.press('Enter');

	const card = page.getByTestId('feature-card');
	await expect(card.getByRole('heading', { level: 2 })).toHaveText('红三沟火区');
	const id = await hitId(page, 'coal-fire', '红三沟火区');
	await expect(page).toHaveURL(new RegExp(`sel=coal-fire:${id}`));
	// The camera ends on the feature, zoomed in.
	await page.waitForFunction(() => !window.__ecomap!.map.isMoving());
	const view = await page.evaluate(() => ({ zoom: window.__ecomap!.map.getZoom(), bounds: window.__ecomap!.map.getBounds().toArray() }));
	expect(view.zoom).toBeGreaterThan(10);
	const details = (await (await page.request.get(`/api/layers/coal-fire/features/${id}`)).json()) as { anchor: [number, number] };
	const [[west, south], [east, north]] = view.bounds;
	expect(details.anchor[0]).toBeGreaterThan(west);
	expect(details.anchor[0]).toBeLessThan(east);
	expect(details.anchor[1]).toBeGreaterThan(south);
	expect(details.anchor[1]).toBeLessThan(north);
	expect(record.errors).toEqual([]);
});

test('switching to English changes the panel, and the choice is remembered', async ({ page, record }) => {
	await openMap(page);
	await expect(page.locator('#group-zoning')).toHaveText('生态管控');
	await page.getByTestId('language-switch').click();
	await expect(page.locator('h1')).toHaveText('Changji EcoMap');
	await expect(page.locator('#group-zoning')).toHaveText('Ecological zoning');
	await expect(page.locator('[data-layer="coal-fire"] .title')).toHaveText('Coal-fire zone');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('tab', { name: 'Summary' })).toBeVisible();
	await page.locator('[data-layer="coal-fire"] .more').click();
	await expect(page.locator('[data-layer="coal-fire"] .legend')).toContainText('Extinguished');
	await page.screenshot({ path: 'artifacts/screenshots/desktop-english.png' });

	await page.reload();
	await expect(page.locator('#group-zoning')).toHaveText('Ecological zoning');
	await page.getByTestId('language-switch').click();
	await expect(page.locator('#group-zoning')).toHaveText('生态管控');
	expect(record.errors).toEqual([]);
});

test('the address keeps the view, the layers and the selection across a reload', async ({ page, record }) => {
	await openMap(page);
	await jumpTo(page, [88.2, 44.1], 8.5);
	await page.getByTestId('toggle-coal-fire').uncheck();
	await page.getByTestId('toggle-control-unit').check();
	await page.getByTestId('search').fill('天池');
	await page.getByRole('option').first().click();
	await expect(page.getByTestId('feature-card')).toHaveAttribute('data-layer', 'lake');
	await page.waitForFunction(() => !window.__ecomap!.map.isMoving());
	await jumpTo(page, [88.2, 44.1], 8.5);
	await expect(page).toHaveURL(/#map=8\.5\/44\.1\/88\.2&layers=[^&]*control-unit/);
	const url = page.url();
	expect(url).not.toMatch(/layers=[^&]*coal-fire/);

	await page.reload();
	await expect(page.locator('[data-testid="map"][data-zoning-drawn]')).toBeAttached({ timeout: 90_000 });
	const view = await page.evaluate(() => {
		const map = window.__ecomap!.map;
		return { zoom: map.getZoom(), center: map.getCenter().toArray() };
	});
	expect(view.zoom).toBeCloseTo(8.5, 2);
	expect(view.center[0]).toBeCloseTo(88.2, 3);
	expect(view.center[1]).toBeCloseTo(44.1, 3);
	await expect(page.getByTestId('toggle-coal-fire')).not.toBeChecked();
	await expect(page.getByTestId('toggle-control-unit')).toBeChecked();
	await expect(page.getByTestId('feature-card')).toHaveAttribute('data-layer', 'lake');
	expect(page.url()).toBe(url);
	expect(record.errors).toEqual([]);
});

test('the summary counts coal-fire zones and mine restoration by status from the live data', async ({ page, record }) => {
	await openMap(page);
	await page.getByRole('tab', { name: '概况' }).click();
	const coal = page.getByTestId('summary-coal-fire');
	await expect(coal).toContainText('共 26 处');
	const summary = (await (await page.request.get('/api/summary')).json()) as { coalFire: { byStatus: Record<string, number> } };
	await expect(coal.locator('[data-status="extinguished"] strong')).toHaveText(String(summary.coalFire.byStatus.extinguished));
	expect(record.errors).toEqual([]);
});

test('the monitoring network loads deck.gl only when switched on, and draws', async ({ page, record }) => {
	await openMap(page);
	expect(record.requests.some((url) => url.includes('monitoring-station.geojson'))).toBe(false);
	await page.getByTestId('toggle-monitoring-station').check();
	await expect.poll(() => record.requests.some((url) => url.includes('/download/monitoring-station.geojson'))).toBe(true);
	await page.waitForFunction(() => window.__ecomap!.map.getLayer('monitoring-station:hexagons') !== undefined, undefined, { timeout: 60_000 });
	expect(record.errors).toEqual([]);
});

test('on a phone, a search result opens its card as a bottom sheet over the map', async ({ page, record }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await openMap(page);
	await page.getByTestId('search').fill('庙尔沟');
	await page.getByRole('option').first().click();
	const card = page.getByTestId('feature-card');
	await expect(card.getByRole('heading', { level: 2 })).toHaveText('庙尔沟火区');
	await expect(card).toContainText('亩');
	const box = (await card.boundingBox())!;
	expect(box.width).toBeGreaterThan(340);
	expect(box.y + box.height).toBeGreaterThan(600);
	await page.waitForFunction(() => !window.__ecomap!.map.isMoving());
	await page.screenshot({ path: 'artifacts/screenshots/phone-390x844-card.png' });
	expect(record.errors).toEqual([]);
});
