// What the scale-out tests share: a redline square to import through one app process and
// look for through another (or through a replica), the tile it falls in, and the admin
// import as the /admin/data page sends it.
import { createHash } from 'node:crypto';
import { VectorTile } from '@mapbox/vector-tile';
import type { FeatureCollection, Polygon } from 'geojson';
import Pbf from 'pbf';
import { expect } from 'vitest';

/** A 0.02° redline square at (lon, lat), south-west corner, named so tiles and answers can be searched for it. */
export function redlineSquare(name: string, lon: number, lat: number): FeatureCollection<Polygon> {
	const ring = [
		[lon, lat],
		[lon + 0.02, lat],
		[lon + 0.02, lat + 0.02],
		[lon, lat + 0.02],
		[lon, lat]
	];
	return {
		type: 'FeatureCollection',
		features: [
			{
				type: 'Feature',
				properties: { code: name, name, name_en: name, function_type: 'biodiversity', county: '奇台县', illustrative: true },
				geometry: { type: 'Polygon', coordinates: [ring] }
			}
		]
	};
}

/** The z/x/y (XYZ, Web Mercator) of the tile holding (lon, lat). */
export function tileAt(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
	const n = 2 ** z;
	const phi = (lat * Math.PI) / 180;
	return {
		z,
		x: Math.floor(((lon + 180) / 360) * n),
		y: Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n)
	};
}

/** A footprint 100 m across inside the square of `redlineSquare(…, lon, lat)`. */
export const footprintIn = (lon: number, lat: number) => ({
	type: 'Polygon',
	coordinates: [
		[
			[lon + 0.009, lat + 0.009],
			[lon + 0.0102, lat + 0.009],
			[lon + 0.0102, lat + 0.0099],
			[lon + 0.009, lat + 0.0099],
			[lon + 0.009, lat + 0.009]
		]
	]
});

/** POST /api/admin/data/import as the admin page does (replace the layer); the `done` line's figures. */
export async function importThrough(origin: string, cookie: string, layer: string, data: FeatureCollection): Promise<{ written: number; version: number }> {
	const body = JSON.stringify(data);
	const sha256 = createHash('sha256').update(body).digest('hex');
	const query = new URLSearchParams({ layer, mode: 'replace', file: 'scale-out.geojson', sha256 });
	const response = await fetch(`${origin}/api/admin/data/import?${query}`, {
		method: 'POST',
		// A client address, as a proxy would forward it (the test apps read it from X-Forwarded-For).
		headers: { cookie, 'content-type': 'application/geo+json', 'x-forwarded-for': '10.1.2.3' },
		body
	});
	const text = await response.text();
	expect(response.status, text).toBe(200);
	const last = JSON.parse(text.trim().split('\n').at(-1)!) as { done?: { written: number; version: number }; error?: unknown };
	expect(last.done, text).toBeDefined();
	return last.done!;
}

/** The `name` of every feature of a tile answer (none for 204). */
export async function tileNames(response: Response, layer: string): Promise<string[]> {
	const bytes = await response.arrayBuffer();
	if (response.status === 204 || !bytes.byteLength) return [];
	const tile = new VectorTile(new Pbf(new Uint8Array(bytes))).layers[layer];
	return Array.from({ length: tile?.length ?? 0 }, (_, i) => String(tile.feature(i).properties.name));
}
