import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, jumpTo, openMap, project, test } from './fixtures';
import { knownPlace } from './known-places';

// axe-core in the browser on every page: no critical or serious violation, in both languages.

async function seriousViolations(page: Page): Promise<string[]> {
	const result = await new AxeBuilder({ page }).analyze();
	return result.violations
		.filter((v) => v.impact === 'critical' || v.impact === 'serious')
		.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const locale of ['zh-CN', 'en-US']) {
	test.describe(`axe, ${locale}`, () => {
		test.use({ locale });

		test('the public map, with the layer details and a feature card open', async ({ page }) => {
			await openMap(page);
			expect(await seriousViolations(page)).toEqual([]);
			await page.locator('[data-layer="coal-fire"] .more').click();
			const place = knownPlace('coal-fire');
			await jumpTo(page, place.point, 12);
			const { x, y } = await project(page, place.point);
			await page.mouse.click(x, y);
			await expect(page.getByTestId('feature-card').getByRole('heading', { level: 2 })).toHaveText(/\S/);
			await expect(page.getByTestId('card-area')).toBeVisible();
			expect(await seriousViolations(page)).toEqual([]);
			await page.getByRole('tab', { name: /概况|Summary/ }).click();
			await expect(page.getByTestId('summary-coal-fire')).toBeVisible();
			expect(await seriousViolations(page)).toEqual([]);
		});

		test('the check page and its report page', async ({ page }) => {
			await page.goto('/check');
			await expect(page.locator('h1')).toBeVisible();
			await page.waitForLoadState('networkidle');
			expect(await seriousViolations(page)).toEqual([]);
			await page.goto('/check/report');
			await expect(page.locator('h1, [role="alert"]').first()).toBeVisible();
			expect(await seriousViolations(page)).toEqual([]);
		});

		test('the OGC API landing and collections pages', async ({ page }) => {
			for (const path of ['/ogc', '/ogc/collections', '/ogc/collections/coal-fire', '/ogc/collections/coal-fire/items?limit=3']) {
				await page.goto(path, { waitUntil: 'load' });
				const html = await page.evaluate(() => document.contentType);
				expect(html, path).toBe('text/html');
				expect(await seriousViolations(page), path).toEqual([]);
			}
		});
	});
}
