// Inputs planners actually have, on /check: a 报盘 .txt (GBK) dropped on the upload tab, a file
// whose declared zone puts the site far from Changji (the suggestion, or the file's CRS anyway),
// and lon/lat of unstated source (AMap/Tencent GCJ-02 or GPS) asked about once a session.
import { mkdirSync } from 'node:fs';
import iconv from 'iconv-lite';
import proj4 from 'proj4';
import type { FeatureCollection, Position } from 'geojson';
import type { Page } from '@playwright/test';
import { crsFromEpsg } from '../../src/lib/geo/crs';
import { wgs84ToGcj02 } from '../../src/lib/geo/gcj02';
import { file, firstLevelWaterZone, openCheck, SCREENSHOTS, squareAround, upload } from './check-page';
import { expect, test } from './fixtures';

/** A 报盘 file (自然资源部 建设用地报盘 format) of one parcel: the ring's 界址点 in `epsg`, X the northing. */
function baopan(ring: Position[], epsg: number, zone: number): string {
	const forward = proj4('WGS84', crsFromEpsg(epsg)!.proj4);
	const points = ring.slice(0, -1).map((p, i) => {
		const [easting, northing] = forward.forward(p);
		return `J${i + 1},1,${northing.toFixed(3)},${easting.toFixed(3)}`;
	});
	return [
		'[属性描述]',
		'格式版本号=1.01版本',
		'数据产生单位=示意：浏览器测试',
		'坐标系=2000国家大地坐标系',
		'几度分带=3',
		'投影类型=高斯克吕格',
		'计量单位=米',
		`带号=${zone}`,
		'精度=0.001',
		'[地块坐标]',
		`${points.length + 1},1.0000,1,示意拟建项目,面,,建设用地,,@`,
		...points,
		points[0]
	].join('\r\n');
}

/** Drops a file on the upload tab's drop zone, as a planner drags it from the desktop. */
async function drop(page: Page, name: string, bytes: Buffer): Promise<void> {
	await page.getByRole('tab', { name: '上传文件' }).click();
	const dataTransfer = await page.evaluateHandle(
		({ name, bytes }) => {
			const transfer = new DataTransfer();
			transfer.items.add(new File([new Uint8Array(bytes)], name, { type: 'text/plain' }));
			return transfer;
		},
		{ name, bytes: [...bytes] }
	);
	await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
}

/** The first vertex of the open alternative's footprint, WGS84. */
const firstVertex = (page: Page) =>
	page.evaluate(() => {
		const g = window.__ecomapCheck!.state.active.parts[0]?.geometry;
		return g?.type === 'Polygon' ? g.coordinates[0][0] : undefined;
	});

test.describe('inputs planners have', () => {
	// Each test opens /check and loads the readers on first upload: on this shared machine under
	// load that alone can take a minute or more.
	test.describe.configure({ timeout: 300_000 });
	test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

	test('a GBK 报盘 .txt dropped on the upload tab gives a footprint and a check result', async ({ page, record }) => {
		const zone = await firstLevelWaterZone(page);
		const text = baopan(squareAround(zone.point, 50).coordinates[0], 4517, 29);
		await openCheck(page);
		await drop(page, '建设用地报盘.txt', iconv.encode(text, 'gbk'));

		await expect(page.getByTestId('upload-summary')).toContainText('建设用地报盘.txt', { timeout: 90_000 });
		await expect(page.getByTestId('upload-summary')).toContainText('EPSG:4517');
		await expect(page.getByTestId('input-notes')).toContainText('GBK');
		await expect(page.getByTestId('input-notes')).toContainText('由文件中的带号 29 确定');
		// Plane coordinates: no lon/lat source question.
		await expect(page.getByTestId('lonlat-question')).toHaveCount(0);
		await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'forbidden');
		await expect(page.getByTestId('conflict-name').filter({ hasText: zone.name })).toBeVisible();
		await page.screenshot({ path: `${SCREENSHOTS}/check-baopan-dropped.png` });

		await page.getByTestId('check-record').click();
		await expect(page.getByTestId('record-verdict')).toHaveAttribute('data-verdict', 'forbidden');
		expect(record.errors).toEqual([]);
	});

	test('a file whose header names a far zone: where it lands, the zone that fits, or its own CRS anyway', async ({ page, record }) => {
		const zone = await firstLevelWaterZone(page);
		// The surveyor computed unprefixed eastings with CM 87°E but wrote 带号=39 (CM 117°E) in the header.
		const text = iconv.encode(baopan(squareAround(zone.point, 50).coordinates[0], 4538, 39), 'gbk');
		await openCheck(page);
		await drop(page, '带号写错.txt', text);

		const error = page.getByTestId('upload-error');
		await expect(error).toContainText('EPSG:4548', { timeout: 90_000 });
		await expect(error).toContainText(/坐标落在 11\d\.\d{4}°E .*（距昌吉州约 [\d,]+ 公里）/);
		const suggestion = page.getByTestId('crs-suggestion').first();
		await expect(suggestion).toContainText('EPSG:4538');
		await expect(page.getByTestId('crs-keep')).toContainText('EPSG:4548');
		await page.screenshot({ path: `${SCREENSHOTS}/check-far-zone-question.png` });

		// "Use the file's CRS anyway": the footprint is where the file says, far away, and checked there.
		await page.getByTestId('crs-keep').click();
		await expect(page.getByTestId('upload-summary')).toContainText('EPSG:4548');
		await expect(page.getByTestId('input-notes')).toContainText('已按要求保留');
		await expect(page.getByTestId('preview')).toHaveAttribute('data-status', 'done');
		await expect(page.getByTestId('conflict')).toHaveCount(0);
		expect((await firstVertex(page))![0]).toBeGreaterThan(110);
		await page.screenshot({ path: `${SCREENSHOTS}/check-far-zone-kept.png` });

		// The suggestion puts it on the water-source zone.
		await drop(page, '带号写错.txt', text);
		await page.getByTestId('crs-suggestion').first().click();
		await expect(page.getByTestId('upload-summary')).toContainText('EPSG:4538');
		await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'forbidden');
		await expect(page.getByTestId('conflict-name').filter({ hasText: zone.name })).toBeVisible();
		expect(record.errors).toEqual([]);
	});

	test('lon/lat of unstated source: asked once (AMap → GCJ-02), remembered for the session, changeable', async ({ page, record }) => {
		const zone = await firstLevelWaterZone(page);
		// The site as AMap shows it: GCJ-02, ≈ 300 m off the WGS84 ground truth around Changji.
		const truth = squareAround(zone.point, 50);
		const amap: FeatureCollection = {
			type: 'FeatureCollection',
			features: [{ type: 'Feature', properties: { name: '高德拾取' }, geometry: { type: 'Polygon', coordinates: [truth.coordinates[0].map(wgs84ToGcj02)] } }]
		};
		await openCheck(page);
		await upload(page, [file('amap.geojson', 'application/geo+json', JSON.stringify(amap))]);

		// Nothing lands until the planner says where the numbers came from.
		await expect(page.getByTestId('lonlat-question')).toBeVisible({ timeout: 90_000 });
		await expect(page.getByTestId('preview')).toHaveAttribute('data-status', 'empty');
		await page.screenshot({ path: `${SCREENSHOTS}/check-lonlat-question.png` });
		await page.getByTestId('lonlat-gcj02').click();

		await expect(page.getByTestId('lonlat-applied')).toHaveAttribute('data-source', 'gcj02');
		await expect(page.getByTestId('lonlat-applied')).toContainText('GCJ-02');
		await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'forbidden');
		const converted = (await firstVertex(page))!;
		expect(Math.abs(converted[0] - truth.coordinates[0][0][0])).toBeLessThan(1e-7);
		expect(Math.abs(converted[1] - truth.coordinates[0][0][1])).toBeLessThan(1e-7);
		await page.screenshot({ path: `${SCREENSHOTS}/check-lonlat-applied.png` });

		// Typed lon/lat later in the session: not asked again, converted the same way.
		await page.getByRole('tab', { name: '粘贴坐标' }).click();
		const typed = amap.features[0].geometry.type === 'Polygon' ? amap.features[0].geometry.coordinates[0] : [];
		await page.getByTestId('paste-text').fill(typed.map(([lon, lat]) => `${lon.toFixed(7)},${lat.toFixed(7)}`).join('\n'));
		await page.getByTestId('paste-parse').click();
		await expect(page.getByTestId('paste-parsed')).toContainText('GCJ-02');
		await expect(page.getByTestId('lonlat-question')).toHaveCount(0);

		// And after a reload (same tab, same session).
		await openCheck(page);
		await upload(page, [file('amap-again.geojson', 'application/geo+json', JSON.stringify(amap))]);
		await expect(page.getByTestId('upload-summary')).toContainText('GCJ-02', { timeout: 90_000 });
		await expect(page.getByTestId('lonlat-question')).toHaveCount(0);

		// Changed afterwards: it was GPS after all — the footprint moves back by the offset (≈ 300 m).
		await page.getByTestId('lonlat-change').click();
		await page.getByTestId('lonlat-wgs84').click();
		await expect(page.getByTestId('lonlat-applied')).toHaveAttribute('data-source', 'wgs84');
		const asGiven = (await firstVertex(page))!;
		expect(Math.abs(asGiven[0] - typed[0][0])).toBeLessThan(1e-9);
		expect(await page.evaluate(() => sessionStorage.getItem('ecomap.check.lonLatSource'))).toBe('wgs84');
		expect(record.errors).toEqual([]);
	});
});
