import { blend, colorDistance, expect, hexToRgb, jumpTo, mapPixel, openMap, test } from './fixtures';
import { knownPlace } from './known-places';

// The map really draws the zoning layers: at a known place inside a feature of each layer,
// the pixel is the registry colour blended over what lies beneath; switching the layer off
// takes that colour away. At zoom 12 and at zoom 9, whose tiles (below DETAIL_ZOOM) carry only
// the attributes the style reads: the colours by status or zone level must still be there.
const ZONING_LAYERS = ['ecological-redline', 'sand-closure-reserve', 'water-source-protection', 'mine-restoration', 'coal-fire'];
const ZOOMS = [12, 9];

test('each visible zoning layer has its colour at a known place, and loses it when switched off', async ({ page, record }, testInfo) => {
	// Twenty camera moves, each waiting for the map to settle, on two shared cores.
	test.setTimeout(600_000);
	await openMap(page);
	// Keep the pointer off the map: a hovered feature is drawn stronger.
	await page.mouse.move(5, 5);
	await page.screenshot({ path: testInfo.outputPath('default-view.png') });
	for (const [layerId, zoom] of ZONING_LAYERS.flatMap((id) => ZOOMS.map((z) => [id, z] as const))) {
		// At zoom 9 a pixel is ~150 m: a place 300 m inside a small zone is two pixels from its
		// antialiased edge, so the low zoom takes a place at least 0.7 km inside a feature (~5 pixels).
		const place = knownPlace(layerId, zoom < 10 ? 0.7 : 0.3);
		await jumpTo(page, place.point, zoom);
		const on = await mapPixel(page, place.point);
		await page.screenshot({ path: testInfo.outputPath(`${layerId}-z${zoom}-on.png`) });

		const toggle = page.getByTestId(`toggle-${layerId}`);
		await expect(toggle).toBeChecked();
		await toggle.uncheck();
		await jumpTo(page, place.point, zoom);
		const off = await mapPixel(page, place.point);

		const expected = blend(hexToRgb(place.fill), place.fillOpacity, off);
		expect(colorDistance(on, expected), `${layerId} at ${place.point}, zoom ${zoom}: drawn ${on}, expected ${expected} over ${off}`).toBeLessThanOrEqual(6);
		expect(colorDistance(on, off), `${layerId}: switching off changes nothing`).toBeGreaterThan(15);

		await toggle.check();
		await jumpTo(page, place.point, zoom);
		expect(colorDistance(await mapPixel(page, place.point), on)).toBeLessThanOrEqual(2);
	}
	expect(record.errors).toEqual([]);
});
