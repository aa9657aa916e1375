import { getLayer } from '../layers/registry';

/** What the address bar keeps, so a link reopens the same map: `#map=8/44.1/88.2&layers=a,b&sel=coal-fire:12&base=…`. */
export interface MapView {
	zoom: number;
	lat: number;
	lng: number;
	bearing: number;
	pitch: number;
}

export interface FeatureRef {
	layer: string;
	id: number;
}

export interface UrlState {
	view?: MapView;
	/** Visible layers; absent = the defaults. */
	layers?: string[];
	selection?: FeatureRef;
	basemap?: string;
}

function parseView(text: string): MapView | undefined {
	const parts = text.split('/').map(Number);
	if (parts.length < 3 || parts.some((n) => !Number.isFinite(n))) return undefined;
	const [zoom, lat, lng, bearing = 0, pitch = 0] = parts;
	if (zoom < 0 || zoom > 24 || Math.abs(lat) > 85.06 || Math.abs(lng) > 180) return undefined;
	return { zoom, lat, lng, bearing, pitch };
}

/** Parses a `#map=…` hash (with or without the `#`); anything malformed or unknown is left out. */
export function parseHash(hash: string): UrlState {
	const params = new URLSearchParams(hash.replace(/^#/, ''));
	const state: UrlState = {};
	const map = params.get('map');
	if (map) state.view = parseView(map);
	const layers = params.get('layers');
	if (layers !== null) state.layers = layers.split(',').filter((id) => getLayer(id) !== undefined);
	const sel = /^([a-z0-9-]+):(\d+)$/.exec(params.get('sel') ?? '');
	if (sel && getLayer(sel[1])) state.selection = { layer: sel[1], id: Number(sel[2]) };
	const basemap = params.get('base');
	if (basemap && /^[a-z0-9-]+$/.test(basemap)) state.basemap = basemap;
	if (!state.view) delete state.view;
	return state;
}

/** Decimal places that keep a position to about a pixel at this zoom (as MapLibre's own hash does). */
function precision(zoom: number): number {
	return Math.max(0, Math.ceil((zoom * Math.LN2 + Math.log(512 / 360 / 0.5)) / Math.LN10));
}

const trim = (value: number, digits: number) => String(Number(value.toFixed(digits)));

/** The hash for a state; the reverse of `parseHash`. Commas and colons stay readable. */
export function formatHash(state: UrlState): string {
	const parts: string[] = [];
	const view = state.view;
	if (view) {
		const digits = precision(view.zoom);
		const fields = [trim(view.zoom, 2), trim(view.lat, digits), trim(view.lng, digits)];
		if (view.bearing || view.pitch) fields.push(trim(view.bearing, 1));
		if (view.pitch) fields.push(trim(view.pitch, 0));
		parts.push(`map=${fields.join('/')}`);
	}
	if (state.layers) parts.push(`layers=${state.layers.join(',')}`);
	if (state.selection) parts.push(`sel=${state.selection.layer}:${state.selection.id}`);
	if (state.basemap) parts.push(`base=${state.basemap}`);
	return parts.length ? `#${parts.join('&')}` : '';
}
