import type { Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { parseWkb } from './wkb';
import { packWkb } from './wkb-write';

const square = [
	[87, 44],
	[87.1, 44],
	[87.1, 44.1],
	[87, 44],
	[87, 44]
];
const geometries: Geometry[] = [
	{ type: 'Point', coordinates: [87.3, 44.01] },
	{ type: 'LineString', coordinates: [[87, 44], [88, 45]] },
	{ type: 'Polygon', coordinates: [square, square.slice().reverse()] },
	{ type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] },
	{ type: 'MultiLineString', coordinates: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]] },
	{ type: 'MultiPolygon', coordinates: [[square], [square, square]] },
	{ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2] }, { type: 'LineString', coordinates: [[1, 2], [3, 4]] }] }
];

describe('packWkb', () => {
	it('writes each geometry so that the WKB reader gives it back, at the offsets it names', () => {
		const { bytes, offsets } = packWkb(geometries);
		expect(offsets).toHaveLength(geometries.length + 1);
		expect(offsets.at(-1)).toBe(bytes.byteLength);
		geometries.forEach((g, i) => expect(parseWkb(bytes.subarray(offsets[i], offsets[i + 1]))).toEqual(g));
	});

	it('drops Z, as the layers store 2D', () => {
		const { bytes } = packWkb([{ type: 'LineString', coordinates: [[87, 44, 900], [88, 45, 1200]] }]);
		expect(parseWkb(bytes)).toEqual({ type: 'LineString', coordinates: [[87, 44], [88, 45]] });
	});
});
