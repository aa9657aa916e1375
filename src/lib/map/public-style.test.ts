import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../layers/registry';
import { anchorId, DRAWN_LAYERS, SLOTS } from './draw-order';
import { pageStyle } from './page-style';
import { LAYER_KEY, publicStyle } from './public-style';

const style = publicStyle({
	origin: 'http://localhost:3000',
	tiles: LAYERS.map((layer) => ({ layer, tiles: `http://localhost:3000/tiles/${layer.id}/{z}/{x}/{y}.mvt?v=1-abc`, bounds: [86, 43, 91, 46] as [number, number, number, number] })),
	attribution: 'test',
	landscapeAttribution: 'land'
});
const ids = style.layers.map((l) => l.id);

describe('publicStyle', () => {
	it('is valid by the MapLibre Style Spec', () => {
		expect(validateStyleMin(style)).toEqual([]);
	});

	it('stacks the drawn layers in draw order, each slot closed by its anchor', () => {
		const bottoms = DRAWN_LAYERS.map((d) => ids.findIndex((id) => id.startsWith(`${d.layer.id}:`)));
		expect(bottoms.every((at) => at >= 0)).toBe(true);
		expect([...bottoms].sort((a, b) => a - b)).toEqual(bottoms);
		for (const drawn of DRAWN_LAYERS) expect(bottoms[DRAWN_LAYERS.indexOf(drawn)]).toBeLessThan(ids.indexOf(anchorId(drawn.slot)));
		expect(SLOTS.map((s) => ids.indexOf(anchorId(s)))).toEqual([...SLOTS.map((s) => ids.indexOf(anchorId(s)))].sort((a, b) => a - b));
	});
});

describe('pageStyle', () => {
	it('hides every registry layer until the page shows it, and empties the outline source', () => {
		const page = pageStyle(style, 'en');
		const registry = page.layers.filter((l) => l.metadata && LAYER_KEY in (l.metadata as object));
		expect(registry.length).toBeGreaterThan(LAYERS.length);
		for (const layer of registry) expect(layer.layout?.visibility, layer.id).toBe('none');
		expect(page.layers.find((l) => l.id === 'basemap:landscape')?.layout?.visibility).not.toBe('none');
		expect(page.sources['basemap:prefecture']).toEqual({ type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
		expect(validateStyleMin(page)).toEqual([]);
	});

	it('names the basemap in the page language and leaves crediting to the page', () => {
		const page = pageStyle(style, 'en');
		const names = page.layers.find((l) => l.id === 'basemap:landscape-labels');
		const textField = (layer: unknown) => JSON.stringify((layer as { layout?: Record<string, unknown> } | undefined)?.layout?.['text-field']);
		expect(textField(names)).toContain('name_en');
		expect(textField(style.layers.find((l) => l.id === 'basemap:landscape-labels'))).not.toContain('name_en');
		for (const source of Object.values(page.sources)) if (source.type === 'vector') expect(source.attribution).toBe('');
	});
});
