import { test as base, expect, type Page } from '@playwright/test';

/** What a page did that a test may assert on: console errors and every request it made. */
export interface PageRecord {
	errors: string[];
	requests: string[];
}

/**
 * `test` with a `record` fixture: the page's console errors, uncaught exceptions and
 * requested URLs, collected from the first navigation on.
 */
export const test = base.extend<{ record: PageRecord }>({
	record: async ({ page }, use) => {
		const record: PageRecord = { errors: [], requests: [] };
		page.on('console', (message) => {
			if (message.type() === 'error') record.errors.push(message.text());
		});
		page.on('pageerror', (error) => record.errors.push(`${error.name}: ${error.message}`));
		page.on('request', (request) => record.requests.push(request.url()));
		await use(record);
	}
});

export { expect };

/** Requests that left the app's origin (data: and blob: URLs stay in the page). */
export function foreignRequests(record: PageRecord, origin: string): string[] {
	return record.requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url));
}

/** Opens the map (with an optional `#…` state) and waits until a zoning layer has been drawn. */
export async function openMap(page: Page, hash = ''): Promise<void> {
	await page.goto(`/${hash}`);
	await expect(page.locator('[data-testid="map"][data-zoning-drawn]')).toBeAttached({ timeout: 90_000 });
}

/** Waits until the map has drawn everything it has to (MapLibre 'idle' after a fresh frame). */
export async function settle(page: Page): Promise<void> {
	await page.evaluate(
		() =>
			new Promise<void>((resolve) => {
				const map = window.__ecomap!.map;
				map.once('idle', () => resolve());
				map.triggerRepaint();
			})
	);
}

/** Moves the camera (no animation) and waits for the map to settle. */
export async function jumpTo(page: Page, center: [number, number], zoom: number): Promise<void> {
	await page.evaluate(
		([lng, lat, z]) =>
			new Promise<void>((resolve) => {
				const map = window.__ecomap!.map;
				map.once('idle', () => resolve());
				map.jumpTo({ center: [lng, lat], zoom: z, bearing: 0, pitch: 0 });
			}),
		[center[0], center[1], zoom] as const
	);
}

/** Where a WGS84 point is on the page, in CSS pixels. */
export async function project(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
	return page.evaluate(([lng, lat]) => {
		const map = window.__ecomap!.map;
		const point = map.project([lng, lat]);
		const rect = map.getCanvas().getBoundingClientRect();
		return { x: rect.left + point.x, y: rect.top + point.y };
	}, lngLat);
}

/**
 * The colour the map draws at a WGS84 point, read from the WebGL drawing buffer right after
 * a frame is drawn (before the browser may clear it): the map alone, without the panels.
 */
export async function mapPixel(page: Page, lngLat: [number, number]): Promise<[number, number, number]> {
	return page.evaluate(
		([lng, lat]) =>
			new Promise<[number, number, number]>((resolve, reject) => {
				const map = window.__ecomap!.map;
				const canvas = map.getCanvas();
				const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
				if (!gl) return reject(new Error('no WebGL context'));
				const point = map.project([lng, lat]);
				map.once('render', () => {
					const ratio = canvas.width / canvas.clientWidth;
					const pixel = new Uint8Array(4);
					gl.readPixels(Math.round(point.x * ratio), Math.round(canvas.height - point.y * ratio - 1), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
					resolve([pixel[0], pixel[1], pixel[2]]);
				});
				map.triggerRepaint();
			}),
		lngLat
	);
}

export function hexToRgb(hex: string): [number, number, number] {
	const n = Number.parseInt(hex.slice(1), 16);
	return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** `color` drawn at `alpha` over `under`, as WebGL blends it. */
export function blend(color: [number, number, number], alpha: number, under: [number, number, number]): [number, number, number] {
	return [0, 1, 2].map((i) => Math.round(color[i] * alpha + under[i] * (1 - alpha))) as [number, number, number];
}

export function colorDistance(a: readonly number[], b: readonly number[]): number {
	return Math.max(...[0, 1, 2].map((i) => Math.abs(a[i] - b[i])));
}
