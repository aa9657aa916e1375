import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import { describe, expect, it } from 'vitest';
import { encodeMvt } from './mvt-encoder';

const decode = (bytes: Uint8Array) => new VectorTile(new Pbf(bytes));
const ringArea = (ring: { x: number; y: number }[]) => {
	let sum = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j].x * ring[i].y - ring[i].x * ring[j].y;
	return sum / 2;
};

describe('encodeMvt', () => {
	it('writes one layer named as asked, with ids, extent 4096 and typed values', () => {
		const sut = encodeMvt('town', [
			{ id: 7, geometry: { type: 'Point', coordinates: [100.4, 200.6] }, properties: { name: '昌吉', pop: 12, ratio: 0.5, seat: true, below: -3, gone: null } },
			{ id: 8, geometry: { type: 'Point', coordinates: [-10, 4100] }, properties: { name: '阜康', pop: 12 } }
		]);
		const layer = decode(sut).layers.town;
		expect(layer.version).toBe(2);
		expect(layer.extent).toBe(4096);
		expect(layer.length).toBe(2);
		const first = layer.feature(0);
		expect(first.id).toBe(7);
		expect(first.type).toBe(1);
		expect(first.properties).toEqual({ name: '昌吉', pop: 12, ratio: 0.5, seat: true, below: -3 });
		expect(first.loadGeometry()).toEqual([[{ x: 100, y: 201 }]]);
		expect(layer.feature(1).loadGeometry()).toEqual([[{ x: -10, y: 4100 }]]);
	});

	it('winds exterior rings positive and holes negative whatever the input winding', () => {
		const outerCcw = [[0, 0], [0, 100], [100, 100], [100, 0], [0, 0]];
		const holeCw = [[20, 20], [80, 20], [80, 80], [20, 80], [20, 20]];
		const sut = encodeMvt('zones', [{ id: 1, geometry: { type: 'Polygon', coordinates: [outerCcw, holeCw] }, properties: {} }]);
		const feature: VectorTileFeature = decode(sut).layers.zones.feature(0);
		expect(feature.type).toBe(3);
		const [outer, hole] = feature.loadGeometry();
		expect(ringArea(outer)).toBeGreaterThan(0);
		expect(ringArea(hole)).toBeLessThan(0);
		expect(Math.abs(ringArea(outer)) - Math.abs(ringArea(hole))).toBe(10000 - 3600);
	});

	it('drops rings and lines that collapse on the integer grid, and their holes', () => {
		const sut = encodeMvt('zones', [
			{ id: 1, geometry: { type: 'MultiPolygon', coordinates: [[[[0, 0], [0.2, 0], [0.2, 0.2], [0, 0]], [[0, 0], [0.1, 0], [0, 0.1], [0, 0]]]] }, properties: {} },
			{ id: 2, geometry: { type: 'LineString', coordinates: [[5, 5], [5.2, 5.1]] }, properties: {} }
		]);
		expect(sut.byteLength).toBe(0);
	});

	it('encodes multilines with delta coordinates carried across parts', () => {
		const sut = encodeMvt('river', [
			{ id: 3, geometry: { type: 'MultiLineString', coordinates: [[[0, 0], [10, 10]], [[20, 20], [30, 20], [30, 20]]] }, properties: { name: 'x' } }
		]);
		const feature = decode(sut).layers.river.feature(0);
		expect(feature.type).toBe(2);
		expect(feature.loadGeometry()).toEqual([
			[{ x: 0, y: 0 }, { x: 10, y: 10 }],
			[{ x: 20, y: 20 }, { x: 30, y: 20 }]
		]);
	});

	it('shares keys and values between features', () => {
		const features = Array.from({ length: 50 }, (_, i) => ({
			id: i,
			geometry: { type: 'Point' as const, coordinates: [i, i] },
			properties: { county: '昌吉市', kind: 'micro' }
		}));
		const layer = decode(encodeMvt('stations', features)).layers.stations;
		expect(layer.length).toBe(50);
		// @mapbox/vector-tile keeps the raw tables: two keys and two values for 50 features.
		expect((layer as unknown as { _keys: string[] })._keys).toEqual(['county', 'kind']);
		expect((layer as unknown as { _values: unknown[] })._values).toEqual(['昌吉市', 'micro']);
	});
});
