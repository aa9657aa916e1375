import { mkdirSync } from 'node:fs';
import { expect, foreignRequests, openMap, test } from './fixtures';

// The page on a phone, tablets both ways and a desktop: it loads without console errors,
// fetches nothing from outside its own origin, draws the zoning layers, and each
// viewport's screenshot is kept in artifacts/screenshots for a person to look at.
const VIEWPORTS = [
	{ name: 'phone-390x844', width: 390, height: 844 },
	{ name: 'tablet-portrait-768x1024', width: 768, height: 1024 },
	{ name: 'tablet-landscape-1024x768', width: 1024, height: 768 },
	{ name: 'desktop-1440x900', width: 1440, height: 900 }
];

mkdirSync('artifacts/screenshots', { recursive: true });

for (const viewport of VIEWPORTS) {
	test(`${viewport.name}: loads clean, same origin only, map drawn`, async ({ page, record, baseURL }, testInfo) => {
		await page.setViewportSize({ width: viewport.width, height: viewport.height });
		await openMap(page);
		// Let the panels' own requests (layer stats) finish too.
		await expect(page.getByTestId('illustrative-badge')).toBeVisible();
		await expect(page.locator('h1')).toHaveText('昌吉生态一张图');

		const canvas = page.getByTestId('map-canvas');
		const box = await canvas.boundingBox();
		expect(box?.width).toBe(viewport.width);
		expect(box?.height).toBe(viewport.height);

		const path = `artifacts/screenshots/${viewport.name}.png`;
		await page.screenshot({ path });
		await testInfo.attach(viewport.name, { path, contentType: 'image/png' });

		if (viewport.width < 700) {
			// On a phone the layer panel is a bottom sheet, opened from its tab.
			await expect(page.getByTestId('panel')).toBeHidden();
			await page.getByRole('tab', { name: '图层' }).click();
			await expect(page.getByTestId('panel')).toBeVisible();
			const sheet = `artifacts/screenshots/${viewport.name}-sheet.png`;
			await page.screenshot({ path: sheet });
			await testInfo.attach(`${viewport.name}-sheet`, { path: sheet, contentType: 'image/png' });
		}

		expect(record.errors).toEqual([]);
		expect(foreignRequests(record, new URL(baseURL!).origin)).toEqual([]);
		expect(record.requests.some((url) => url.includes('/tiles/'))).toBe(true);
	});
}

test('every interactive target is at least 44 px', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await openMap(page);
	await page.getByRole('tab', { name: '图层' }).click();
	const small = await page.evaluate(() =>
		[...document.querySelectorAll<HTMLElement>('button, summary, [role="tab"], input[type="search"], a[href]')]
			.filter((el) => el.offsetParent !== null)
			.map((el) => ({ el: el.className || el.textContent, rect: el.getBoundingClientRect() }))
			// Visually hidden until focused (the skip link): 1 px, not a target.
			.filter(({ rect }) => rect.width > 1)
			.filter(({ rect }) => rect.width < 44 || rect.height < 44)
			.map(({ el, rect }) => `${el}: ${Math.round(rect.width)}×${Math.round(rect.height)}`)
	);
	expect(small).toEqual([]);
	// Checkboxes and radios are small, but their labels (the click target) are not.
	const labels = await page.evaluate(() =>
		[...document.querySelectorAll<HTMLElement>('label:has(input[type="checkbox"]), label:has(input[type="radio"])')]
			.filter((el) => el.offsetParent !== null)
			.map((el) => el.getBoundingClientRect().height)
	);
	expect(labels.length).toBeGreaterThan(4);
	for (const height of labels) expect(height).toBeGreaterThanOrEqual(44);
});
