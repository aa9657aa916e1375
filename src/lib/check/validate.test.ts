import { describe, expect, it } from 'vitest';
import type { Geometry } from 'geojson';
import { repairFootprint } from './repair';
import type { FootprintError } from './types';
import { validateFootprint } from './validate';

const square = (x: number, y: number, d = 0.01) => [
	[x, y],
	[x + d, y],
	[x + d, y + d],
	[x, y + d],
	[x, y]
];

function errorOf(input: unknown): FootprintError {
	const r = validateFootprint(input);
	if (r.ok) throw new Error('expected a validation error');
	return r.error;
}

describe('validateFootprint accepts', () => {
	it('a polygon, and normalises it to parts with a bbox', () => {
		const r = validateFootprint({ type: 'Polygon', coordinates: [square(87.3, 44)] });
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.footprint.parts.polygons).toHaveLength(1);
		expect(r.footprint.parts.bbox).toEqual([87.3, 44, 87.31, 44.01]);
	});

	it('Features, FeatureCollections and GeometryCollections of mixed parts, in order', () => {
		const fc = {
			type: 'FeatureCollection',
			features: [
				{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [square(87.3, 44)] } },
				{ type: 'Feature', properties: {}, geometry: null },
				{
					type: 'Feature',
					properties: {},
					geometry: {
						type: 'GeometryCollection',
						geometries: [
							{ type: 'LineString', coordinates: [[87.4, 44], [87.41, 44.01]] },
							{ type: 'MultiPoint', coordinates: [[87.5, 44], [87.51, 44]] }
						]
					}
				}
			]
		};
		const r = validateFootprint(fc);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.footprint.parts.polygons).toHaveLength(1);
		expect(r.footprint.parts.lines).toHaveLength(1);
		expect(r.footprint.parts.points).toHaveLength(2);
	});

	it('drops Z and repeated consecutive points', () => {
		const r = validateFootprint({
			type: 'Polygon',
			coordinates: [[[87.3, 44, 500], [87.31, 44, 501], [87.31, 44, 501], [87.31, 44.01, 502], [87.3, 44, 500]]]
		});
		expect(r.ok).toBe(true);
		if (r.ok) expect(r.footprint.parts.polygons[0][0]).toEqual([[87.3, 44], [87.31, 44], [87.31, 44.01], [87.3, 44]]);
	});

	it('parts that touch along an edge or at a point, and holes touching the shell at a vertex', () => {
		expect(validateFootprint({ type: 'MultiPolygon', coordinates: [[square(87.3, 44)], [square(87.31, 44)]] }).ok).toBe(true);
		expect(validateFootprint({ type: 'MultiPolygon', coordinates: [[square(87.3, 44)], [square(87.31, 44.01)]] }).ok).toBe(true);
		const shell = square(87.3, 44, 0.04);
		const hole = [[87.3, 44], [87.31, 44.02], [87.32, 44.01], [87.3, 44]];
		expect(validateFootprint({ type: 'Polygon', coordinates: [shell, hole] }).ok).toBe(true);
	});
});

describe('validateFootprint explains, with the place', () => {
	it('a self-intersecting ring, at the crossing point', () => {
		const e = errorOf({ type: 'Polygon', coordinates: [[[87.3, 44], [87.31, 44.01], [87.31, 44], [87.3, 44.01], [87.3, 44]]] });
		expect(e.code).toBe('self-intersection');
		expect(e.location?.[0]).toBeCloseTo(87.305, 12);
		expect(e.location?.[1]).toBeCloseTo(44.005, 12);
		expect(e.message.zh).toBe('外环在 (87.305, 44.005) 处自相交。');
		expect(e.message.en).toBe('The outer ring crosses itself at (87.305, 44.005).');
		expect(e.repairable).toBe(true);
	});

	it('a ring that touches itself, a spike, and a hole crossing its shell', () => {
		const touching = [[87.3, 44], [87.32, 44], [87.31, 44.01], [87.32, 44.02], [87.3, 44.02], [87.31, 44.01], [87.3, 44]];
		expect(errorOf({ type: 'Polygon', coordinates: [touching] })).toMatchObject({ code: 'self-intersection', location: [87.31, 44.01] });
		const spike = [[87.3, 44], [87.31, 44], [87.32, 44], [87.31, 44], [87.31, 44.01], [87.3, 44]];
		expect(errorOf({ type: 'Polygon', coordinates: [spike] })).toMatchObject({ code: 'self-intersection', location: [87.31, 44] });
		const crossingHole = [[87.305, 44.005], [87.315, 44.005], [87.315, 44.006], [87.305, 44.006], [87.305, 44.005]];
		const e = errorOf({ type: 'Polygon', coordinates: [square(87.3, 44), crossingHole] });
		expect(e).toMatchObject({ code: 'self-intersection', ring: 1 });
		expect(e.message.zh).toContain('第 1 个内环');
	});

	it('which part, when there are several', () => {
		const bow = [[87.4, 44], [87.41, 44.01], [87.41, 44], [87.4, 44.01], [87.4, 44]];
		const e = errorOf({ type: 'MultiPolygon', coordinates: [[square(87.3, 44)], [bow]] });
		expect(e).toMatchObject({ code: 'self-intersection', part: 1, ring: 0 });
		expect(e.message.zh).toBe('第 2 部分（面）的外环在 (87.405, 44.005) 处自相交。');
		expect(e.message.en).toBe('The outer ring of part 2 (polygon) crosses itself at (87.405, 44.005).');
	});

	it('too few points', () => {
		expect(errorOf({ type: 'Polygon', coordinates: [[[87.3, 44], [87.31, 44], [87.3, 44]]] })).toMatchObject({ code: 'too-few-points' });
		const line = errorOf({ type: 'LineString', coordinates: [[87.3, 44], [87.3, 44]] });
		expect(line.code).toBe('too-few-points');
		expect(line.message.zh).toBe('这条线只有 1 个不同的点，线至少需要 2 个。');
	});

	it('a ring that is not closed', () => {
		const e = errorOf({ type: 'Polygon', coordinates: [[[87.3, 44], [87.31, 44], [87.31, 44.01], [87.3, 44.01]]] });
		expect(e).toMatchObject({ code: 'ring-not-closed', location: [87.3, 44], repairable: true });
		expect(e.message.zh).toContain('没有闭合');
	});

	it('a ring without area', () => {
		expect(errorOf({ type: 'Polygon', coordinates: [[[87.3, 44], [87.31, 44.01], [87.32, 44.02], [87.3, 44]]] }).code).toBe('zero-area');
	});

	it('projected coordinates (Gauss–Krüger metres), with or without the zone number', () => {
		for (const [x, y] of [
			[29_500_000, 4_870_000],
			[500_000, 4_870_000],
			[4_870_000, 500_000]
		]) {
			const e = errorOf({ type: 'Point', coordinates: [x, y] });
			expect(e.code).toBe('projected-coordinates');
			expect(e.message.zh).toContain('这些坐标看起来是投影坐标（米），请选择坐标系');
			expect(e.location).toEqual([x, y]);
		}
	});

	it('latitude and longitude swapped, and plain out-of-range values', () => {
		expect(errorOf({ type: 'LineString', coordinates: [[44.01, 87.3], [44.02, 91.3]] }).code).toBe('swapped-coordinates');
		expect(errorOf({ type: 'Point', coordinates: [190, 95] }).code).toBe('out-of-range');
	});

	it('bad numbers, empty input, unknown types, and things that are not GeoJSON', () => {
		expect(errorOf({ type: 'Point', coordinates: [87.3, 'x'] }).code).toBe('invalid-coordinate');
		expect(errorOf({ type: 'Point', coordinates: [87.3, Number.NaN] }).code).toBe('invalid-coordinate');
		expect(errorOf({ type: 'FeatureCollection', features: [] }).code).toBe('empty');
		expect(errorOf({ type: 'Polygon', coordinates: [] }).code).toBe('empty');
		expect(errorOf({ type: 'Feature', properties: {}, geometry: null }).code).toBe('empty');
		expect(errorOf({ type: 'Circle', coordinates: [87, 44] })).toMatchObject({ code: 'unsupported-geometry' });
		expect(errorOf('POLYGON((87 44, 88 44, 88 45, 87 44))').code).toBe('invalid-geojson');
		expect(errorOf(null).code).toBe('invalid-geojson');
	});

	it('a hole outside its shell', () => {
		expect(errorOf({ type: 'Polygon', coordinates: [square(87.3, 44), square(87.4, 44.001, 0.001)] })).toMatchObject({
			code: 'hole-outside-shell',
			ring: 1
		});
	});

	it('overlapping parts, at a point inside the overlap', () => {
		const e = errorOf({ type: 'MultiPolygon', coordinates: [[square(87.3, 44)], [square(87.305, 44.005)]] });
		expect(e.code).toBe('overlapping-parts');
		const [x, y] = e.location ?? [0, 0];
		expect(x).toBeGreaterThan(87.305);
		expect(x).toBeLessThan(87.31);
		expect(y).toBeGreaterThan(44.005);
		expect(y).toBeLessThan(44.01);
	});
});

describe('repairFootprint', () => {
	const ok = (input: unknown): Geometry => {
		const r = repairFootprint(input);
		if (!r.ok) throw new Error(r.error.message.en);
		expect(validateFootprint(r.geometry).ok).toBe(true);
		return r.geometry;
	};

	it('splits a bow tie into its two triangles, keeping both', () => {
		const g = ok({ type: 'Polygon', coordinates: [[[87.3, 44], [87.31, 44.01], [87.31, 44], [87.3, 44.01], [87.3, 44]]] });
		expect(g.type).toBe('MultiPolygon');
		if (g.type === 'MultiPolygon') expect(g.coordinates).toHaveLength(2);
	});

	it('closes open rings and says so', () => {
		const r = repairFootprint({ type: 'Polygon', coordinates: [[[87.3, 44], [87.31, 44], [87.31, 44.01], [87.3, 44.01]]] });
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.geometry).toEqual({ type: 'Polygon', coordinates: [square(87.3, 44, 0.01).map((p, i) => (i === 2 ? [87.31, 44.01] : p))] });
		expect(r.changes.map((c) => c.en)).toEqual(['Closed rings that were open.']);
	});

	it('merges overlapping parts into one', () => {
		const g = ok({ type: 'MultiPolygon', coordinates: [[square(87.3, 44)], [square(87.305, 44.005)]] });
		expect(g.type).toBe('Polygon');
	});

	it('keeps the holes of a polygon whose shell it unkinks', () => {
		const shell = [[87.3, 44], [87.34, 44.04], [87.34, 44], [87.3, 44.04], [87.3, 44]];
		const hole = [[87.302, 44.018], [87.306, 44.018], [87.306, 44.022], [87.302, 44.022], [87.302, 44.018]];
		const g = ok({ type: 'Polygon', coordinates: [shell, hole] });
		expect(g.type).toBe('MultiPolygon');
		if (g.type === 'MultiPolygon') expect(g.coordinates.some((p) => p.length === 2)).toBe(true);
	});

	it('returns a valid footprint unchanged', () => {
		const r = repairFootprint({ type: 'Polygon', coordinates: [square(87.3, 44)] });
		expect(r).toEqual({ ok: true, geometry: { type: 'Polygon', coordinates: [square(87.3, 44)] }, changes: [] });
	});

	it('cannot repair coordinates that are not lon/lat', () => {
		const r = repairFootprint({ type: 'Point', coordinates: [29_500_000, 4_870_000] });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error).toMatchObject({ code: 'projected-coordinates', repairable: false });
	});
});
