import { describe, expect, it } from 'vitest';
import { FeatureCollectionScanner } from './geojson-scanner';

/** Feeds `text` to a scanner `size` bytes at a time; returns the features and the top-level members. */
function scan(text: string, size: number) {
	const bytes = new TextEncoder().encode(text);
	const sut = new FeatureCollectionScanner();
	const features: unknown[] = [];
	for (let i = 0; i < bytes.length; i += size) features.push(...sut.push(bytes.subarray(i, i + size)));
	sut.end();
	return { features, members: sut.members, sawFeatures: sut.sawFeatures };
}

const feature = (name: string) => ({ type: 'Feature', properties: { name, note: 'a "quoted" {brace} [bracket] \\ back, slash' }, geometry: { type: 'Point', coordinates: [87.1, 44] } });

describe('FeatureCollectionScanner', () => {
	const collection = {
		type: 'FeatureCollection',
		name: 'fires',
		features: [feature('庙尔沟'), feature('红三沟'), feature('x')],
		crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4517' } }
	};
	const text = '\uFEFF' + JSON.stringify(collection, null, 1);

	it('hands out each feature whole, whatever the pieces, and keeps a crs that comes after them', () => {
		for (const size of [1, 2, 3, 7, 64, 1 << 20]) {
			const sut = scan(text, size);
			expect(sut.features, `pieces of ${size}`).toEqual(collection.features);
			expect(sut.members).toEqual({ type: 'FeatureCollection', crs: collection.crs });
			expect(sut.sawFeatures).toBe(true);
		}
	});

	it('refuses a file cut short, and one that is not an object', () => {
		expect(() => scan(text.slice(0, Math.floor(text.length / 2)), 5)).toThrow(/cut short/);
		expect(() => scan('[1, 2]', 5)).toThrow(/Not GeoJSON/);
		expect(() => scan('{"type":"FeatureCollection","features":[{"type":"Feature",}]}', 5)).toThrow(/feature 1: /);
	});

	it('sees no features array in a single Feature', () => {
		expect(scan(JSON.stringify(feature('x')), 4).sawFeatures).toBe(false);
	});
});
