import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readUpload } from './upload';

const fixture = (name: string, as = name) =>
	new File([readFileSync(new URL(`../geo/coordinate-list-fixtures/${name}`, import.meta.url))], as, { type: 'text/plain' });

describe('readUpload', () => {
	it('sends a 报盘 .txt (GBK) to the coordinate-list parser, not "unrecognised format"', async () => {
		const sut = await readUpload([fixture('baopan-zone29-gbk.txt')], { crs: 'auto' });
		if (!sut.ok) throw new Error(JSON.stringify(sut.error));
		expect(sut).toMatchObject({ format: 'coordinate-list', crs: 'EPSG:4517', count: 2, lonLatUnstated: false });
		expect(sut.notes[0].zh).toContain('GBK');
		// A 报盘 file named anything else is told by its header.
		expect(await readUpload([fixture('baopan-cm90-unprefixed.txt', 'site.dat')], { crs: 'auto' })).toMatchObject({ ok: true, crs: 'EPSG:4539' });
	});

	it('asks about a far zone: suggestions, then the pick, or keeping the file’s CRS', async () => {
		const far = await readUpload([fixture('baopan-wrong-zone39.txt')], { crs: 'auto' });
		expect(far).toMatchObject({ ok: false, question: { used: 'EPSG:4548', canKeep: true } });
		if (!far.ok) expect(far.question?.suggestions[0]).toMatchObject({ epsg: 4538, swap: false });
		const picked = await readUpload([fixture('baopan-wrong-zone39.txt')], { crs: 'auto', pick: { epsg: 4538, swap: false } });
		expect(picked).toMatchObject({ ok: true, crs: 'EPSG:4538' });
		const kept = await readUpload([fixture('baopan-wrong-zone39.txt')], { crs: 'auto', allowFar: true });
		expect(kept).toMatchObject({ ok: true, crs: 'EPSG:4548' });
	});

	it('flags GeoJSON lon/lat without a CRS for the source question, and a GeoJSON in a far declared zone gets the question', async () => {
		const square = { type: 'Polygon', coordinates: [[[87.3, 44.01], [87.31, 44.01], [87.31, 44.02], [87.3, 44.01]]] };
		const plain = new File([JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: square }] })], 'a.geojson');
		const read = await readUpload([plain], { crs: 'auto' });
		expect(read).toMatchObject({ ok: true, lonLatUnstated: true });
		if (read.ok) expect(read.notes.map((n) => n.en).join()).not.toContain('GCJ-02');
		expect(await readUpload([plain], { crs: 'gcj02' })).toMatchObject({ ok: true, lonLatUnstated: false });
		const zone29 = [29524057.8, 4874977.3];
		const declared = new File(
			[JSON.stringify({ type: 'Feature', crs: { type: 'name', properties: { name: 'EPSG:4519' } }, properties: {}, geometry: { type: 'Point', coordinates: zone29 } })],
			'b.geojson'
		);
		const far = await readUpload([declared], { crs: 'auto' });
		expect(far).toMatchObject({ ok: false, question: { used: 'EPSG:4519', canKeep: true } });
		if (!far.ok) expect(far.question?.suggestions[0]).toMatchObject({ epsg: 4517, swap: false });
		expect(await readUpload([declared], { crs: 'auto', pick: { epsg: 4517, swap: false } })).toMatchObject({ ok: true });
	});
});
