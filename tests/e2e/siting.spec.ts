// Siting guidance (选址引导) on /check: a county classed for a project type with the area of each
// class, a tapped spot's verdict, and the nearest site for a conflicting footprint taken into the
// alternatives and checked of record. Runs against the seeded illustrative dataset.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { Position } from 'geojson';
import { expect, test } from './fixtures';
import { rectangleAround } from '../../src/lib/siting/shapes';

const SCREENSHOTS = 'artifacts/screenshots';
/** Inside the first-level zone of the Toutun river drinking-water source (昌吉市头屯河水源地) of the seed. */
const WATER_SOURCE: Position = [87.42589744563182, 43.8947045];


async function openSiting(page: Page): Promise<void> {
	await page.goto('/check');
	await expect(page.locator('[data-testid="map"][data-zoning-drawn]')).toBeAttached({ timeout: 90_000 });
	await page.waitForFunction(() => window.__ecomapCheck?.map !== undefined);
	await page.getByRole('tab', { name: '选址引导' }).click();
	await expect(page.getByTestId('siting-panel')).toBeVisible();
}

/** Moves the camera without animation and waits until the map has drawn. */
async function jumpTo(page: Page, center: Position, zoom: number): Promise<void> {
	await page.evaluate(
		([lng, lat, z]) =>
			new Promise<void>((resolve) => {
				const map = window.__ecomapCheck!.map;
				map.once('idle', () => resolve());
				map.jumpTo({ center: [lng, lat], zoom: z });
			}),
		[center[0], center[1], zoom] as const
	);
}

test.describe('siting guidance', () => {
	// The first class map and the first site search of a fresh embedded database warm up PGlite's
	// PostGIS and the check workers: over a minute on the shared two-core machine.
	test.describe.configure({ timeout: 480_000 });
	test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

	test('a county classed for a building, with each class on the map and its area; a tapped spot gets its verdict', async ({ page, record }) => {
		await openSiting(page);
		await page.getByTestId('project-type').selectOption('building');
		await page.getByTestId('siting-county').selectOption('昌吉市');
		await page.getByTestId('siting-show').click();
		const classes = page.getByTestId('siting-class');
		await expect(classes.first()).toBeVisible({ timeout: 240_000 });
		const shown = await classes.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-class')));
		expect(shown).toEqual(expect.arrayContaining(['forbidden', 'approval', 'attention']));
		// Every class in the legend is drawn: the map's source holds a feature of each.
		await page.waitForFunction((expected) => {
			const map = window.__ecomapCheck!.map;
			const drawn = new Set(map.querySourceFeatures('siting:classes').map((f) => f.properties?.class));
			return expected.every((c) => drawn.has(c));
		}, shown);
		await expect(page.getByTestId('siting-legend')).toContainText('亩');
		await page.waitForFunction(() => window.__ecomapCheck!.map.loaded());
		await page.screenshot({ path: `${SCREENSHOTS}/siting-county.png` });

		// A tap inside the first-level water-source zone: forbidden, with the zone behind it.
		await jumpTo(page, WATER_SOURCE, 13);
		const point = await page.evaluate(([lon, lat]) => {
			const p = window.__ecomapCheck!.map.project([lon, lat]);
			const box = window.__ecomapCheck!.map.getCanvas().getBoundingClientRect();
			return { x: box.left + p.x, y: box.top + p.y };
		}, WATER_SOURCE);
		await page.mouse.click(point.x, point.y);
		await expect(page.getByTestId('spot-verdict')).toHaveAttribute('data-verdict', 'forbidden', { timeout: 30_000 });
		await expect(page.getByTestId('siting-spot').locator('[data-testid="conflict-group"][data-layer="water-source-protection"]')).toBeVisible();
		await page.screenshot({ path: `${SCREENSHOTS}/siting-spot.png` });
		expect(record.errors).toEqual([]);
	});

	test('a conflicting footprint gets its nearest workable site, which becomes 方案 B and is checked of record', async ({ page, record }) => {
		await openSiting(page);
		await page.getByTestId('project-type').selectOption('solar_wind');
		await page.evaluate((geometry) => window.__ecomapCheck!.state.replaceWithGeometry(geometry, 'paste'), rectangleAround(WATER_SOURCE, 1250, 800));
		await jumpTo(page, WATER_SOURCE, 11);
		// Every spot of the shipped data lies in a 三线一单 control unit, whose general units call for
		// attention: "attention" is the best verdict ground can have here, so the planner accepts it.
		await page.getByTestId('nearest-accept').selectOption('attention');
		await page.getByTestId('nearest-distance').fill('5');
		await page.getByTestId('nearest-search').click();
		const alternatives = page.getByTestId('nearest-alternative');
		await expect(alternatives.first()).toBeVisible({ timeout: 240_000 });
		await expect(alternatives.first()).toHaveAttribute('data-verdict', 'attention');
		await page.waitForFunction(() => window.__ecomapCheck!.map.loaded());
		await page.screenshot({ path: `${SCREENSHOTS}/siting-nearest.png` });

		await alternatives.first().getByTestId('nearest-use').click();
		await expect(page.getByTestId('nearest-used')).toBeVisible();
		await expect(page.getByTestId('alternative-B')).toHaveAttribute('aria-pressed', 'true');
		await page.getByRole('tab', { name: '冲突核查' }).click();
		await page.getByTestId('check-record').click();
		await expect(page.getByTestId('record-verdict')).toHaveAttribute('data-verdict', 'attention', { timeout: 60_000 });
		// 方案 A, the footprint as drawn, stays forbidden beside it.
		await page.getByTestId('alternative-A').click();
		await page.getByTestId('check-record').click();
		await expect(page.getByTestId('record-verdict')).toHaveAttribute('data-verdict', 'forbidden', { timeout: 60_000 });
		await page.getByTestId('compare').click();
		await page.screenshot({ path: `${SCREENSHOTS}/siting-compare.png` });
		expect(record.errors).toEqual([]);
	});
});
