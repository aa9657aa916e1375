import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { BBox, CandidateFeature } from '$lib/check';
import { getLayer } from '$lib/layers/registry';
import type { LayerDef } from '$lib/layers/types';
import { CandidateLoader, growByMetres } from './candidates';

const square = (id: number, [x, y]: [number, number], d = 0.001): CandidateFeature => ({
	type: 'Feature',
	id,
	properties: { id, name: `f${id}` },
	geometry: {
		type: 'Polygon',
		coordinates: [
			[
				[x - d, y - d],
				[x + d, y - d],
				[x + d, y + d],
				[x - d, y + d],
				[x - d, y - d]
			]
		]
	}
});

/** A fake FlatGeobuf: features whose bbox meets the rectangle, and a log of the rectangles asked for. */
function fakeReader(features: CandidateFeature[]) {
	const reads: { layer: string; rect: BBox }[] = [];
	const read = async (layer: string, rect: BBox) => {
		reads.push({ layer, rect });
		return features.filter((f) => {
			const ring = (f.geometry as Polygon).coordinates[0];
			const xs = ring.map((p) => p[0]);
			const ys = ring.map((p) => p[1]);
			return Math.min(...xs) <= rect[2] && Math.max(...xs) >= rect[0] && Math.min(...ys) <= rect[3] && Math.max(...ys) >= rect[1];
		});
	};
	return { read, reads };
}

const water = getLayer('water-source-protection') as LayerDef;

describe('CandidateLoader', () => {
	it('reads a region once and answers footprints inside it from the cache', async () => {
		const near = square(1, [87.425, 43.895]);
		const far = square(2, [88.5, 44.5]);
		const { read, reads } = fakeReader([near, far]);
		const sut = new CandidateLoader(read);
		const first = await sut.candidates([water], [87.4249, 43.8949, 87.4251, 43.8951]);
		expect(first).toEqual([{ layerId: 'water-source-protection', features: [near] }]);
		const second = await sut.candidates([water], [87.4248, 43.8948, 87.4252, 43.8952]);
		expect(second[0].features).toEqual([near]);
		expect(reads).toHaveLength(1);
		expect(await sut.feature('water-source-protection', 1)).toBe(near);
	});

	it("keeps the features within the layer's buffer of the footprint, not only those it touches", async () => {
		// 1 km buffer for water-source zones: a feature 800 m east of the footprint is a candidate.
		const east = square(3, [87.435, 43.895], 0.0001);
		const { read } = fakeReader([east]);
		const sut = new CandidateLoader(read);
		const [set] = await sut.candidates([water], [87.424, 43.894, 87.425, 43.895]);
		expect(set.features.map((f) => f.id)).toEqual([3]);
	});

	it('keeps a zone whose long edge bows to within the buffer (long-edge-bow)', async () => {
		const coalFire = getLayer('coal-fire') as LayerDef;
		const zone = (id: number, east: number): CandidateFeature => ({
			type: 'Feature',
			id,
			properties: { id },
			geometry: { type: 'Polygon', coordinates: [[[88, 44.45], [east, 44.45], [east, 44.5], [88, 44.5], [88, 44.45]]] }
		});
		// 60 km edge, bowing ~68 m north: 487 m from the footprint 555 m north of its line. 200 km
		// edge (to 90.5°), bowing ~760 m: 443 m (PostGIS) from a footprint 1.2 km north of its line.
		const { read } = fakeReader([zone(1, 88.75), zone(2, 90.5)]);
		const sut = new CandidateLoader(read);
		const [near60] = await sut.candidates([coalFire], [88.374, 44.505, 88.376, 44.506]);
		expect(near60.features.map((f) => f.id)).toContain(1);
		const [near200] = await sut.candidates([coalFire], [89.249, 44.5108, 89.251, 44.5118]);
		expect(near200.features.map((f) => f.id)).toEqual([2]);
	});

	it('forgets a failed read so the next check asks again', async () => {
		let fail = true;
		const sut = new CandidateLoader(async () => {
			if (fail) throw new Error('offline');
			return [];
		});
		await expect(sut.candidates([water], [87, 43, 87.001, 43.001])).rejects.toThrow('offline');
		fail = false;
		await expect(sut.candidates([water], [87, 43, 87.001, 43.001])).resolves.toEqual([{ layerId: 'water-source-protection', features: [] }]);
	});
});

describe('growByMetres', () => {
	it('grows a bbox by at least the distance at its latitude', () => {
		const [w, s, e, n] = growByMetres([87, 44, 87, 44], 1000);
		// At 44°N a degree of longitude is ≈ 80.2 km, of latitude ≈ 111.1 km.
		expect((e - w) / 2).toBeGreaterThan(1000 / 80_200);
		expect((n - s) / 2).toBeGreaterThan(1000 / 111_200);
		expect((e - w) / 2).toBeLessThan(1.05 * (1000 / 80_000));
	});
});
