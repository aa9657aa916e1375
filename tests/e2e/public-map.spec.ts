import { mkdirSync } from 'node:fs';
import { toGaussKruger3 } from '../../src/lib/geo/gauss-kruger';
import { LAYERS } from '../../src/lib/layers/registry';
import { expect, jumpTo, openMap, project, settle, test } from './fixtures';
import { knownPlace } from './known-places';

// Regressions from the first week of real users on the public map: search by touch and
// by a quick Enter, links pasted into the same tab, the feature card on a phone, and the
// English page.

const HAN = /\p{Script=Han}/u;

mkdirSync('artifacts/screenshots', { recursive: true });

test.describe('on a touch phone', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	test('tapping a search result selects the feature and opens its card', async ({ page, record }) => {
		await openMap(page);
		await page.getByTestId('search').fill('庙尔沟');
		const option = page.getByRole('option', { name: /庙尔沟火区/ }).first();
		await option.tap();
		const card = page.getByTestId('feature-card');
		await expect(card.getByRole('heading', { level: 2 })).toHaveText('庙尔沟火区');
		await expect(page).toHaveURL(/sel=coal-fire:\d+/);
		await page.waitForFunction(() => !window.__ecomap!.map.isMoving());
		// Still open once the camera has arrived: the tap did not reach the map beneath.
		await expect(card).toBeVisible();
		expect(record.errors).toEqual([]);
	});
});

test('Enter before the new results arrive opens the new query’s result, never the previous one', async ({ page, record }) => {
	await openMap(page);
	const search = page.getByTestId('search');
	await search.fill('庙尔沟');
	await expect(page.getByRole('option').first()).toContainText('庙尔沟火区');
	// The server answers the second query slowly, as on a phone network.
	await page.route(/\/api\/search\?q=%E7%BA%A2/, async (route) => {
		await new Promise((resolve) => setTimeout(resolve, 1500));
		await route.continue();
	});
	await search.fill('红三沟');
	await search.press('Enter');
	const card = page.getByTestId('feature-card');
	await expect(card.getByRole('heading', { level: 2 })).toHaveText('红三沟火区');
	await expect(page).toHaveURL(/sel=coal-fire:\d+/);
	expect(record.errors).toEqual([]);
});

test('a link pasted into the same tab is followed every time, and kept in the address', async ({ page, record }) => {
	await openMap(page);
	const targets = [
		{ zoom: 9, lat: 44.2, lng: 87 },
		{ zoom: 10, lat: 44, lng: 88.5 },
		{ zoom: 8.5, lat: 44.5, lng: 87.5 },
		{ zoom: 11, lat: 43.9, lng: 89.1 }
	];
	for (const { zoom, lat, lng } of targets) {
		const hash = `#map=${zoom}/${lat}/${lng}`;
		await page.evaluate((h) => (window.location.hash = h), hash);
		await expect.poll(() => page.evaluate(() => Math.round(window.__ecomap!.map.getZoom() * 100) / 100)).toBe(zoom);
		const center = await page.evaluate(() => window.__ecomap!.map.getCenter().toArray());
		expect(center[0]).toBeCloseTo(lng, 3);
		expect(center[1]).toBeCloseTo(lat, 3);
		await settle(page);
		expect(new URL(page.url()).hash).toMatch(new RegExp(`^#map=${zoom}/${lat}/${lng}(&|$)`));
	}
	expect(record.errors).toEqual([]);
});

test.describe('the feature card on a phone', () => {
	test.use({ viewport: { width: 390, height: 844 } });

	test('keeps the selected feature in view above it, is opaque, and Escape closes it', async ({ page, record }) => {
		const place = knownPlace('coal-fire');
		await openMap(page);
		await jumpTo(page, place.point, 12);
		// Put the feature low on the screen, where the card will open.
		await page.evaluate(
			() =>
				new Promise<void>((resolve) => {
					const map = window.__ecomap!.map;
					map.once('idle', () => resolve());
					map.panBy([0, -260], { duration: 0 });
				})
		);
		const before = await project(page, place.point);
		await page.mouse.click(before.x, before.y);
		const card = page.getByTestId('feature-card');
		await expect(card.getByRole('heading', { level: 2 })).toHaveText(place.name);
		await page.waitForFunction(() => !window.__ecomap!.map.isMoving());

		const sheet = (await page.locator('.card-panel').boundingBox())!;
		const topbar = (await page.locator('.topbar').boundingBox())!;
		const after = await project(page, place.point);
		expect(after.y, 'the feature is above the card').toBeLessThan(sheet.y);
		expect(after.y, 'the feature is below the top bar').toBeGreaterThan(topbar.y + topbar.height);

		await page.screenshot({ path: 'artifacts/screenshots/phone-390x844-card-feature-in-view.png' });
		const background = await page.locator('.card-panel').evaluate((el) => getComputedStyle(el).backgroundColor);
		expect(background, 'the card is opaque').toMatch(/^rgb\(/);

		await page.keyboard.press('Escape');
		await expect(card).toBeHidden();
		await expect(page).not.toHaveURL(/sel=/);
		expect(record.errors).toEqual([]);
	});
});

test.describe('a browser set to English', () => {
	test.use({ locale: 'en-US' });

	test('starts in English, with English source notes, attribution and labels', async ({ page, record }) => {
		const place = knownPlace('coal-fire');
		await openMap(page);
		await expect(page.locator('h1')).toHaveText('Changji EcoMap');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.locator('.maplibregl-ctrl-attrib-inner')).toContainText('Changji EcoMap');
		await expect(page.locator('.maplibregl-ctrl-attrib-inner')).not.toContainText(HAN);

		await jumpTo(page, place.point, 12);
		const { x, y } = await project(page, place.point);
		await page.mouse.click(x, y);
		const card = page.getByTestId('feature-card');
		await expect(card.getByTestId('card-source')).toContainText('Illustrative');
		await expect(card.getByTestId('card-source')).not.toContainText(HAN);
		await expect(card).toContainText('Download this layer:');
		await expect(card).not.toContainText('：');
		expect(record.errors).toEqual([]);
	});

	test('keeps the language the user chose', async ({ page }) => {
		await page.addInitScript(() => {
			if (!sessionStorage.getItem('seeded')) {
				localStorage.setItem('PARAGLIDE_LOCALE', 'zh-CN');
				sessionStorage.setItem('seeded', '1');
			}
		});
		await openMap(page);
		await expect(page.locator('h1')).toHaveText('昌吉生态一张图');
	});
});

test('in Chinese, every map control and the attribution are in Chinese', async ({ page, record }) => {
	await openMap(page);
	await settle(page);
	const titles = await page.evaluate(() =>
		[...document.querySelectorAll<HTMLElement>('.maplibregl-ctrl button')].map((b) => ({ button: b.className, names: [b.title, b.getAttribute('aria-label') ?? ''] }))
	);
	expect(titles.length).toBeGreaterThan(5);
	for (const { button, names } of titles) for (const name of names) expect(name, button).toMatch(HAN);
	expect(record.errors).toEqual([]);
});

const ALL_LAYERS = LAYERS.map((l) => l.id);
const SCREENS = [
	{ name: 'phone-390x844', width: 390, height: 844 },
	{ name: 'tablet-768x1024', width: 768, height: 1024 },
	{ name: 'desktop-1440x900', width: 1440, height: 900 }
];

for (const locale of ['zh-CN', 'en-US']) {
	for (const screen of SCREENS) {
		test(`${screen.name}, ${locale}, every layer on: a legend of what is on, labels above fills and hexagons`, async ({ page, record }) => {
			await page.setViewportSize({ width: screen.width, height: screen.height });
			await page.emulateMedia({ reducedMotion: 'reduce' });
			await page.addInitScript((l) => localStorage.setItem('PARAGLIDE_LOCALE', l), locale === 'en-US' ? 'en' : 'zh-CN');
			await openMap(page, `#layers=${ALL_LAYERS.join(',')}`);
			await page.waitForFunction(() => window.__ecomap!.map.getLayer('monitoring-station:hexagons') !== undefined, undefined, { timeout: 60_000 });
			await settle(page);

			const legend = page.getByTestId('map-legend');
			if (screen.width < 1000) await legend.locator('summary').click();
			await expect(legend.locator('li[data-layer]')).toHaveCount(ALL_LAYERS.length);
			const order = await page.evaluate(() => window.__ecomap!.map.getStyle().layers.map((l) => l.id));
			const lowestLabel = Math.min(...order.flatMap((id, i) => (id.startsWith('label:') || id === 'basemap:landscape-labels' ? [i] : [])));
			const highestFill = Math.max(...order.flatMap((id, i) => (id.endsWith(':fill') || id === 'monitoring-station:hexagons' ? [i] : [])));
			expect(lowestLabel).toBeGreaterThan(highestFill);
			await page.screenshot({ path: `artifacts/screenshots/${screen.name}-${locale}-all-layers.png` });

			// The layer panel is a closed sheet on a phone: switch the layer off where it lives.
			await page.getByTestId('toggle-coal-fire').evaluate((input: HTMLInputElement) => input.click());
			await expect(legend.locator('li[data-layer="coal-fire"]')).toHaveCount(0);
			await expect(legend.locator('li[data-layer]')).toHaveCount(ALL_LAYERS.length - 1);
			expect(record.errors).toEqual([]);
		});
	}
}

test('the bundled basemap names Ürümqi, the neighbours, the Tianshan, Bogda Peak and the desert; zoomed past it, it says so', async ({ page, record }) => {
	await openMap(page);
	const labels = () =>
		page.evaluate(() => window.__ecomap!.map.queryRenderedFeatures({ layers: ['basemap:landscape-labels'] }).map((f) => String(f.properties.name)));
	await jumpTo(page, [88.4, 44.5], 6.4);
	const wide = await labels();
	for (const name of ['古尔班通古特沙漠', '天山', '阿勒泰地区', '吐鲁番市', '哈密市', '石河子市', '塔城地区', '巴音郭楞蒙古自治州']) expect(wide, name).toContain(name);
	await jumpTo(page, [87.95, 43.85], 8.6);
	const near = await labels();
	for (const name of ['乌鲁木齐市', '博格达峰 5445']) expect(near, name).toContain(name);
	// Ürümqi's built-up area fills the notch between Changji city and Fukang.
	await jumpTo(page, [87.6, 43.84], 9);
	const { x, y } = await project(page, [87.6, 43.84]);
	const under = await page.evaluate(([px, py]) => window.__ecomap!.map.queryRenderedFeatures([px, py], { layers: ['basemap:landscape'] }).map((f) => f.properties.kind), [x, y]);
	expect(under).toContain('urban');

	await expect(page.getByTestId('basemap-detail-note')).toBeHidden();
	await jumpTo(page, [87.6, 43.84], 12.5);
	await expect(page.getByTestId('basemap-detail-note')).toBeVisible();
	await expect(page.getByTestId('basemap-detail-note')).toContainText('TIANDITU_TOKEN');
	await page.mouse.move(700, 500);
	await expect(page.getByTestId('pointer-readout')).toBeVisible();
	await page.screenshot({ path: 'artifacts/screenshots/desktop-zoom-12.5-note-and-readout.png' });
	expect(record.errors).toEqual([]);
});

test('the pointer readout gives WGS84 and CGCS2000 Gauss-Krüger zone, X and Y', async ({ page, record }) => {
	await openMap(page);
	await jumpTo(page, [88.2, 44.1], 9);
	const { x, y } = await project(page, [88.2, 44.1]);
	await page.mouse.move(x, y);
	const lngLat = await page.evaluate(([px, py]) => {
		const map = window.__ecomap!.map;
		const rect = map.getCanvas().getBoundingClientRect();
		return map.unproject([px - rect.left, py - rect.top]).toArray();
	}, [x, y]);
	const readout = page.getByTestId('pointer-readout');
	await expect(readout.getByTestId('readout-wgs84')).toHaveText(`WGS84 ${lngLat[0].toFixed(5)}°E ${lngLat[1].toFixed(5)}°N`);
	const expected = toGaussKruger3(lngLat[0], lngLat[1])!;
	const gk = readout.getByTestId('readout-gk');
	await expect(gk).toHaveAttribute('data-zone', '29');
	await expect(gk).toContainText(`X ${expected.x.toFixed(1)} Y ${expected.y.toFixed(1)}`);
	expect(expected.y).toBeGreaterThan(29_500_000);
	expect(record.errors).toEqual([]);
});
