import { describe, expect, it } from 'vitest';
import { readFeatures } from './index';
import { zipOf } from './test-fixtures';

const collection = new TextEncoder().encode(
	JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'x' }, geometry: { type: 'Point', coordinates: [87, 44] } }] })
);
// 8 MB of spaces after the JSON: compresses to a few kB, like a zip bomb's payload.
const padded = new Uint8Array(collection.length + 8 * 1024 * 1024).fill(0x20);
padded.set(collection);

describe('zip entries over the size limit', () => {
	it('reads a deflated entry under the limit', async () => {
		const zip = zipOf([{ name: 'a.geojson', bytes: padded }], { deflate: true });
		expect(zip.length).toBeLessThan(64 * 1024);
		const sut = await readFeatures([{ name: 'a.zip', bytes: zip }], { maxZipEntryBytes: 16 * 1024 * 1024 });
		expect(sut.features).toHaveLength(1);
	});

	it('refuses an entry whose declared size is over the limit, before inflating it', async () => {
		const zip = zipOf([{ name: 'a.geojson', bytes: padded }], { deflate: true });
		await expect(readFeatures([{ name: 'a.zip', bytes: zip }], { maxZipEntryBytes: 4 * 1024 * 1024 })).rejects.toThrow(
			/a\.geojson in the zip unpacks to more than the 4 MB limit and was not read \(IMPORT_MAX_ZIP_ENTRY_MB sets it\)/
		);
	});

	it('stops inflating at the limit when the declared size lies', async () => {
		const zip = zipOf([{ name: 'a.geojson', bytes: padded }], { deflate: true, declaredSize: 1000 });
		const refusal = readFeatures([{ name: 'a.zip', bytes: zip }], { maxZipEntryBytes: 4 * 1024 * 1024 });
		await expect(refusal).rejects.toThrow(/unpacks to more than the 4 MB limit/);
		await expect(refusal).rejects.toThrow(/解压后超过 4 MB 的上限/);
	});
});
