import { describe, expect, it } from 'vitest';
import { basemapOptions, labelLayerFor, rasterBasemap } from './basemap';

describe('basemapOptions', () => {
	it('offers only the bundled basemap when no online one is configured', () => {
		expect(basemapOptions({}).map((o) => [o.id, o.online])).toEqual([['schematic', false]]);
	});
	it('adds Tianditu map and imagery with a token, and an XYZ basemap with a URL', () => {
		const sut = basemapOptions({ tiandituToken: 'tk', xyz: { url: 'https://tiles.example/{z}/{x}/{y}.png', attribution: '© Example' } });
		expect(sut.map((o) => o.id)).toEqual(['schematic', 'tianditu-vector', 'tianditu-imagery', 'xyz']);
	});
});

describe('rasterBasemap', () => {
	it('is empty for the schematic basemap: nothing is fetched from outside', () => {
		expect(rasterBasemap('schematic', { tiandituToken: 'tk' }, 'zh-CN')).toEqual({ sources: {}, layers: [] });
	});
	it('draws Tianditu imagery under annotation in the reader’s language, over its eight hosts', () => {
		const zh = rasterBasemap('tianditu-imagery', { tiandituToken: 'a b' }, 'zh-CN');
		expect(zh.layers.map((l) => l.id)).toEqual(['basemap:img', 'basemap:annotation']);
		expect(zh.sources['basemap:img'].tiles).toHaveLength(8);
		expect(zh.sources['basemap:img'].tiles?.[3]).toMatch(/^https:\/\/t3\.tianditu\.gov\.cn\/img_w\/wmts\?.*LAYER=img.*TILEMATRIX=\{z\}&TILEROW=\{y\}&TILECOL=\{x\}&tk=a%20b$/);
		expect(zh.sources['basemap:annotation'].tiles?.[0]).toContain('LAYER=cia');
		expect(rasterBasemap('tianditu-imagery', { tiandituToken: 'tk' }, 'en').sources['basemap:annotation'].tiles?.[0]).toContain('LAYER=eia');
	});
	it('uses a configured XYZ URL and attribution as given, and nothing it is not configured for', () => {
		const sut = rasterBasemap('xyz', { xyz: { url: 'https://tiles.example/{z}/{x}/{y}.png', attribution: '© Example' } }, 'en');
		expect(sut.sources['basemap:xyz']).toMatchObject({ tiles: ['https://tiles.example/{z}/{x}/{y}.png'], attribution: '© Example' });
		expect(rasterBasemap('tianditu-vector', {}, 'en').layers).toEqual([]);
	});
});

describe('labelLayerFor', () => {
	it('labels towns, rivers and lakes by name, English names in English', () => {
		expect(labelLayerFor('town', 'zh-CN')?.layout?.['text-field']).toEqual(['get', 'name']);
		expect(labelLayerFor('river', 'en')?.layout?.['text-field']).toEqual(['coalesce', ['get', 'name_en'], ['get', 'name']]);
		expect(labelLayerFor('coal-fire', 'en')).toBeUndefined();
	});
});
