import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { getTestDb } from '../../../tests/db';
import { crsFromEpsg } from './crs';

const CODES = [4490, 3857, 32645, ...Array.from({ length: 4554 - 4491 + 1 }, (_, i) => 4491 + i)];

/** The parameters that decide where a point lands, in a canonical order. */
function parameters(definition: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const part of definition.trim().split(/\s+/)) {
		const [key, value = ''] = part.replace(/^\+/, '').split('=');
		if (['proj', 'lat_0', 'lon_0', 'k', 'x_0', 'y_0', 'ellps', 'datum', 'zone', 'a', 'b'].includes(key)) out[key] = value !== '' && !Number.isNaN(Number(value)) ? String(Number(value)) : value;
	}
	return out;
}

describe('CRS definitions against PostGIS', () => {
	it('agree with spatial_ref_sys for WGS84, CGCS2000 and every CGCS2000 Gauss-Krüger zone', async () => {
		const db = await getTestDb();
		const rows = await db.query<{ srid: number; proj4text: string }>('SELECT srid, proj4text FROM spatial_ref_sys WHERE srid = ANY($1::int[])', [CODES]);
		expect(rows).toHaveLength(CODES.length);
		for (const row of rows) expect(parameters(crsFromEpsg(row.srid)!.proj4), `EPSG:${row.srid}`).toEqual(parameters(row.proj4text));
	});

	it('project Changji like ST_Transform does, to the millimetre', async () => {
		const db = await getTestDb();
		const points = [
			[4517, 87.3, 44.01],
			[4518, 89.59, 44.02],
			[4538, 86.21, 44.3],
			[4539, 90.28, 43.83],
			[4493, 88.13, 43.89]
		];
		for (const [srid, lon, lat] of points) {
			const [row] = await db.query<{ x: number; y: number }>(
				'SELECT ST_X(g) AS x, ST_Y(g) AS y FROM ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4490), $3::int) AS g',
				[lon, lat, srid]
			);
			const [x, y] = proj4('WGS84', crsFromEpsg(srid)!.proj4, [lon, lat]);
			expect(Math.abs(x - row.x), `EPSG:${srid} x`).toBeLessThan(0.001);
			expect(Math.abs(y - row.y), `EPSG:${srid} y`).toBeLessThan(0.001);
		}
	});
});
