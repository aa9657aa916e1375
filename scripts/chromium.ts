// How this project launches Debian's Chromium, for the browser tests and the benchmarks:
// headless, no sandbox (root in CI), nothing that phones home (the network is closed).
// With --disable-gpu, WebGL falls back to SwiftShader.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];
