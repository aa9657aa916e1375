import { describe, expect, it } from 'vitest';
import { getLayer } from '../../layers/registry';
import { parseTile, simplifyTolerance, tileBounds } from './coordinates';

const layer = getLayer('coal-fire')!; // zooms 6–16

describe('parseTile', () => {
	it('accepts integers within the layer’s zoom range and the grid', () => {
		expect(parseTile({ z: '10', x: '760', y: '376' }, layer)).toEqual({ ok: true, tile: { z: 10, x: 760, y: 376 } });
	});

	it.each([
		[{ z: 'a', x: '1', y: '1' }, /z must be a non-negative integer/],
		[{ z: '10', x: '1.5', y: '1' }, /x must be a non-negative integer/],
		[{ z: '10', x: '1', y: '-1' }, /y must be a non-negative integer/],
		[{ z: '6', x: '64', y: '0' }, /below 2\^z/],
		[{ z: '5', x: '1', y: '1' }, /between 6 and 16/],
		[{ z: '17', x: '1', y: '1' }, /between 6 and 16/],
		[{ z: '99', x: '1', y: '1' }, /at most 22/]
	])('rejects %o', (params, message) => {
		const sut = parseTile(params, layer);
		expect(sut.ok).toBe(false);
		expect(!sut.ok && sut.message.en).toMatch(message);
		expect(!sut.ok && sut.message.zh).toMatch(/[\u4e00-\u9fff]/);
	});
});

describe('tileBounds', () => {
	it('matches the Web Mercator grid', () => {
		expect(tileBounds({ z: 0, x: 0, y: 0 }).xmin).toBeCloseTo(-20037508.34, 2);
		const b = tileBounds({ z: 1, x: 1, y: 0 });
		expect([b.xmin, b.ymin]).toEqual([0, 0]);
	});
});

describe('simplifyTolerance', () => {
	it('is the given tile units of longitude times the cosine of the tile’s poleward latitude', () => {
		const tile = { z: 10, x: 760, y: 376 };
		const north = (Math.atan(Math.sinh(Math.PI * (1 - (2 * tile.y) / 2 ** tile.z))) * 180) / Math.PI; // ≈ 43.0°N
		const halfUnit = 360 / 1024 / 4096 / 2;
		expect(simplifyTolerance(tile, 0.5)).toBeCloseTo(halfUnit * Math.cos((north * Math.PI) / 180), 12);
		expect(simplifyTolerance(tile, 1)).toBeCloseTo(2 * simplifyTolerance(tile, 0.5), 12);
		// In the southern hemisphere the poleward edge is the southern one.
		const south = { z: 10, x: 760, y: 1023 - 376 };
		expect(simplifyTolerance(south, 0.5)).toBeCloseTo(simplifyTolerance(tile, 0.5), 12);
	});
});
