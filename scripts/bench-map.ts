// npm run bench:map [-- --runs 3] — how fast the public map draws its first zoning layer.
//
// Loads the page in Chromium with a cold cache and then a warm one, and prints: bytes
// transferred before the first zoning layer is drawn, the JavaScript of the first load,
// and the time to that first drawn layer. Then the same for the floor: a bare MapLibre
// page (maplibre-gl's own dist, served by a tiny server) drawing the same zoning tiles
// from the same app at the same camera. Targets: first-load JS ≤ 400 KB gzipped without
// deck.gl; time to first zoning layer ≤ 1.3 × the bare page.
//
// Starts the built app itself (building it first if there is no build) on an embedded
// database in .data/bench-pglite; or measures a running one: BENCH_URL=http://host:port.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Request } from '@playwright/test';
import { LAYERS } from '../src/lib/layers/registry';
import { DEFAULT_VISIBLE, PREFECTURE_BOUNDS } from '../src/lib/map/draw-order';
import { renderLayerStyle } from '../src/lib/map/layer-style';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { waitHealthy } from './wait-healthy';
// The page's hook (window.__ecomap), which the bare page imitates.
import type {} from '../src/lib/map/first-draw';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const RUNS = Math.max(1, Number(args.runs));
const APP_PORT = 3205;
const BARE_PORT = 3206;
const VIEWPORT = { width: 1280, height: 800 };
const ZONING = LAYERS.filter((l) => (l.group === 'zoning' || l.group === 'restoration') && DEFAULT_VISIBLE.includes(l.id));

interface Measure {
	/** ms from navigation start to the first frame with every zoning source loaded and drawn. */
	drawnMs: number;
	/** Bytes received (as sent: compressed) for requests finished before that moment. */
	bytesBeforeDrawn: number;
	/** JavaScript received before that moment, as sent, and gzip -9 of the same files. */
	jsBytes: number;
	jsGzipBytes: number;
	requests: number;
}

async function startApp(): Promise<{ url: string; stop: () => Promise<void> }> {
	if (process.env.BENCH_URL) return { url: process.env.BENCH_URL.replace(/\/$/, ''), stop: async () => {} };
	const node = process.execPath;
	if (!existsSync('build/index.js')) {
		console.log('[bench] building the app…');
		const built = spawnSync(node, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
		if (built.status !== 0) throw new Error('build failed');
	}
	const url = `http://localhost:${APP_PORT}`;
	const env = { ...process.env, PORT: String(APP_PORT), ORIGIN: url, EMBEDDED_DB_DIR: '.data/bench-pglite' };
	// The seed command loads the shipped dataset once; later runs find it there (exit 2: refused).
	spawnSync(node, ['node_modules/tsx/dist/cli.mjs', 'scripts/seed.ts'], { env, stdio: 'ignore' });
	const child: ChildProcess = spawn(node, ['build'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
	// On SIGTERM the server waits for its open database: give it 3 s, then stop it.
	const stop = async () => {
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill();
		const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
		await exited;
		clearTimeout(timer);
	};
	if (await waitHealthy(url, 240, 500)) return { url, stop };
	await stop();
	throw new Error('the app did not start within 2 minutes');
}

/** The floor: maplibre-gl alone, the same zoning layers (same registry style) from the app's tiles. */
function barePage(appUrl: string, camera: { center: [number, number]; zoom: number }): string {
	const sources = Object.fromEntries(ZONING.map((l) => [l.id, { type: 'vector', url: `${appUrl}/tiles/${l.id}.json` }]));
	const layers = ZONING.flatMap((l) => renderLayerStyle(l, { source: l.id }).layers);
	const fills = ZONING.map((l) => `${l.id}:fill`);
	const style = { version: 8, sources, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#ebe9e3' } }, ...layers] };
	return `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/maplibre-gl.css">
<style>html,body,#map{margin:0;height:100%}</style></head><body><div id="map"></div>
<script src="/maplibre-gl.js"></script><script>
const map = new maplibregl.Map({ container: 'map', style: ${JSON.stringify(style)}, center: ${JSON.stringify(camera.center)}, zoom: ${camera.zoom} });
window.__ecomap = { map };
// The same moment the app marks: the first frame with every zoning source loaded and its features drawn.
const sources = ${JSON.stringify(ZONING.map((l) => l.id))};
const check = () => {
	if (!sources.every((id) => map.isSourceLoaded(id))) return;
	if (!map.queryRenderedFeatures({ layers: ${JSON.stringify(fills)} }).length) return;
	window.__ecomap.firstZoningDrawnAt = performance.now();
	document.body.dataset.zoningDrawn = '1';
	map.off('render', check);
};
map.on('render', check);
</script></body></html>`;
}

function startBare(html: string): Promise<Server> {
	const dist = 'node_modules/maplibre-gl/dist';
	const files: Record<string, [string, string]> = {
		'/maplibre-gl.js': [`${dist}/maplibre-gl.js`, 'text/javascript'],
		'/maplibre-gl.css': [`${dist}/maplibre-gl.css`, 'text/css']
	};
	const server = createServer((req, res) => {
		const path = new URL(req.url ?? '/', 'http://x').pathname;
		const file = files[path];
		const accepts = /\bgzip\b/.test(String(req.headers['accept-encoding']));
		if (path === '/') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).end(html);
		if (!file) return res.writeHead(404).end();
		// Gzipped and cacheable like the app's own immutable assets, so the floor is fair.
		const body = readFileSync(file[0]);
		res.writeHead(200, {
			'content-type': file[1],
			'cache-control': 'public, max-age=31536000, immutable',
			...(accepts ? { 'content-encoding': 'gzip' } : {})
		});
		res.end(accepts ? gzipSync(body, { level: 9 }) : body);
	});
	return new Promise((resolve) => server.listen(BARE_PORT, () => resolve(server)));
}

/** One page load in `context`: waits for the first drawn zoning layer and tallies what came over the network. */
async function measure(context: BrowserContext, url: string): Promise<Measure> {
	const page = await context.newPage();
	const finished: { request: Request; end: number }[] = [];
	page.on('requestfinished', (request) => {
		const t = request.timing();
		finished.push({ request, end: t.startTime + t.responseEnd });
	});
	await page.goto(url);
	await page.waitForFunction(() => window.__ecomap?.firstZoningDrawnAt !== undefined, undefined, { timeout: 180_000 });
	const { drawnMs, drawnEpoch } = await page.evaluate(() => ({
		drawnMs: window.__ecomap!.firstZoningDrawnAt!,
		drawnEpoch: performance.timeOrigin + window.__ecomap!.firstZoningDrawnAt!
	}));
	let bytesBeforeDrawn = 0;
	let jsBytes = 0;
	let jsGzipBytes = 0;
	let requests = 0;
	for (const { request, end } of finished) {
		if (end > drawnEpoch) continue;
		const sizes = await request.sizes();
		const response = await request.response();
		// For a response from its cache Chromium reports a negative body size: nothing crossed the network.
		const cached = sizes.responseBodySize < 0;
		const transferred = cached ? 0 : sizes.responseBodySize + sizes.responseHeadersSize;
		bytesBeforeDrawn += transferred;
		requests += 1;
		if (request.resourceType() === 'script' && !cached) {
			jsBytes += sizes.responseBodySize;
			jsGzipBytes += gzipSync((await response?.body()) ?? Buffer.alloc(0), { level: 9 }).length;
		}
	}
	await page.close();
	return { drawnMs, bytesBeforeDrawn, jsBytes, jsGzipBytes, requests };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * Cold then warm loads of each page, `RUNS` times, the two pages taking turns so that a
 * busy machine slows both alike. Each is summed up by its median cold and its median warm load.
 */
type Pair = { cold: Measure; warm: Measure };

async function compare(pages: Record<'app' | 'bare', string>): Promise<{ app: Pair; bare: Pair; ratios: { cold: number; warm: number } }> {
	const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
	const runs: Record<'app' | 'bare', Pair[]> = { app: [], bare: [] };
	try {
		for (let run = 0; run < RUNS; run++)
			for (const name of ['app', 'bare'] as const) {
				// A fresh context has an empty cache: the cold load; the next load in it is warm.
				const context = await browser.newContext({ viewport: VIEWPORT });
				const cold = await measure(context, pages[name]);
				const warm = await measure(context, pages[name]);
				await context.close();
				runs[name].push({ cold, warm });
				console.log(`[bench] ${name.padEnd(4)} run ${run + 1}/${RUNS}: cold ${cold.drawnMs.toFixed(0)} ms, warm ${warm.drawnMs.toFixed(0)} ms`);
			}
	} finally {
		await browser.close();
	}
	const pick = (all: Pair[]) => {
		const byKind = (kind: 'cold' | 'warm') => {
			const ms = all.map((r) => r[kind]);
			return ms.find((m) => m.drawnMs === median(ms.map((x) => x.drawnMs)))!;
		};
		return { cold: byKind('cold'), warm: byKind('warm') };
	};
	// Runs taken side by side share the machine's load: the median of their ratios is the steadiest figure.
	const ratio = (kind: 'cold' | 'warm') => median(runs.app.map((a, i) => a[kind].drawnMs / runs.bare[i][kind].drawnMs));
	return { app: pick(runs.app), bare: pick(runs.bare), ratios: { cold: ratio('cold'), warm: ratio('warm') } };
}

async function appCamera(url: string): Promise<{ center: [number, number]; zoom: number }> {
	const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
	try {
		const page = await browser.newPage({ viewport: VIEWPORT });
		await page.goto(url);
		await page.waitForFunction(() => window.__ecomap?.firstZoningDrawnAt !== undefined, undefined, { timeout: 180_000 });
		return await page.evaluate(() => {
			const map = window.__ecomap!.map;
			return { center: map.getCenter().toArray() as [number, number], zoom: map.getZoom() };
		});
	} finally {
		await browser.close();
	}
}

const app = await startApp();
let bare: Server | undefined;
try {
	console.log(`[bench] app at ${app.url}; ${RUNS} run(s) each, viewport ${VIEWPORT.width}×${VIEWPORT.height}, Chromium with SwiftShader`);
	// Warm the server's tile cache once so neither page pays for first-time tile encoding.
	const camera = await appCamera(`${app.url}/`);
	bare = await startBare(barePage(app.url, camera));
	const { app: page, bare: floor, ratios } = await compare({ app: `${app.url}/`, bare: `http://localhost:${BARE_PORT}/` });

	const rows: [string, (m: Measure) => string][] = [
		['time to first zoning layer', (m) => `${m.drawnMs.toFixed(0)} ms`],
		['bytes before first zoning layer', (m) => kb(m.bytesBeforeDrawn)],
		['JS transferred (as sent)', (m) => kb(m.jsBytes)],
		['JS gzip -9', (m) => kb(m.jsGzipBytes)],
		['requests before first zoning layer', (m) => String(m.requests)]
	];
	console.log(`\n${'measure'.padEnd(38)}${'app cold'.padStart(12)}${'app warm'.padStart(12)}${'bare cold'.padStart(12)}${'bare warm'.padStart(12)}`);
	for (const [name, f] of rows)
		console.log(`${name.padEnd(38)}${f(page.cold).padStart(12)}${f(page.warm).padStart(12)}${f(floor.cold).padStart(12)}${f(floor.warm).padStart(12)}`);
	const ratio = (a: Measure, b: Measure) => a.drawnMs / b.drawnMs;
	console.log(`\ntime ratio app / bare, of the medians: cold ${ratio(page.cold, floor.cold).toFixed(2)}×, warm ${ratio(page.warm, floor.warm).toFixed(2)}× (target ≤ 1.3×)`);
	console.log(`time ratio app / bare, median of side-by-side runs: cold ${ratios.cold.toFixed(2)}×, warm ${ratios.warm.toFixed(2)}×`);
	console.log(`first-load JS, gzip -9: ${kb(page.cold.jsGzipBytes)} (target ≤ 400 KB; deck.gl is not loaded until the monitoring layer is switched on)`);
	console.log(`camera: ${camera.center.map((n) => n.toFixed(3)).join(', ')} z${camera.zoom.toFixed(2)}; whole prefecture ${PREFECTURE_BOUNDS.join(', ')}`);
} finally {
	bare?.close();
	await app.stop();
}
