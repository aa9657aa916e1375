// Driving /check in browser tests: the seeded zone to aim at, footprints around a point,
// opening the page and uploading files.
import { pointOnFeature } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export const SCREENSHOTS = 'artifacts/screenshots';

export interface Zone {
	name: string;
	point: [number, number];
}

/** A first-level drinking-water source zone as the OGC API serves it, and a point inside it. */
export async function firstLevelWaterZone(page: Page): Promise<Zone> {
	const response = await page.request.get('/ogc/collections/water-source-protection/items?zone_level=first&limit=1');
	expect(response.ok()).toBe(true);
	const collection = (await response.json()) as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
	const zone = collection.features[0];
	const [lon, lat] = pointOnFeature(zone).geometry.coordinates;
	return { name: zone.properties.name, point: [lon, lat] };
}

/** A square of `halfM` metres around a point, closed, WGS84. */
export function squareAround([lon, lat]: [number, number], halfM: number): Polygon {
	const dLat = halfM / 111_320;
	const dLon = halfM / (111_320 * Math.cos((lat * Math.PI) / 180));
	const ring: Position[] = [
		[lon - dLon, lat - dLat],
		[lon + dLon, lat - dLat],
		[lon + dLon, lat + dLat],
		[lon - dLon, lat + dLat],
		[lon - dLon, lat - dLat]
	];
	return { type: 'Polygon', coordinates: [ring] };
}

/** Opens /check and waits for the map and the zoning layers. */
export async function openCheck(page: Page): Promise<void> {
	await page.goto('/check');
	await expect(page.locator('[data-testid="map"][data-zoning-drawn]')).toBeAttached({ timeout: 90_000 });
	await page.waitForFunction(() => window.__ecomapCheck?.map !== undefined);
}

/** A file for setInputFiles. */
export function file(name: string, mimeType: string, content: string | Buffer) {
	return { name, mimeType, buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) };
}

/** Chooses files on the upload tab. */
export async function upload(page: Page, files: ReturnType<typeof file>[]): Promise<void> {
	await page.getByRole('tab', { name: '上传文件' }).click();
	await page.getByTestId('upload-input').setInputFiles(files);
}
