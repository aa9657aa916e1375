// The coordinate-list parser on files as survey software writes them (coordinate-list-fixtures/):
// 报盘 headers picking the CRS, GBK, parcels and holes by 圈号, zones far from the data, and
// the suggestions and "keep anyway" for a file whose declared zone puts the site far away.
import { readFileSync } from 'node:fs';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { parseCoordinateList, type CoordinateListResult } from './coordinate-list';
import { crsFromEpsg } from './crs';
import { decodeText } from './text-encoding';

const fixture = (name: string) => decodeText(new Uint8Array(readFileSync(new URL(`./coordinate-list-fixtures/${name}`, import.meta.url))));

function ok(r: CoordinateListResult) {
	if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
	return r;
}

/** Every corner within 1e-7° (≈ 1 cm; the files round to 1 mm) of some vertex of the ring. */
function expectRing(ring: Position[], corners: number[][]) {
	expect(ring[0]).toEqual(ring[ring.length - 1]);
	expect(ring).toHaveLength(corners.length + 1);
	for (const c of corners) expect(Math.min(...ring.map((p) => Math.hypot(p[0] - c[0], p[1] - c[1])))).toBeLessThan(1e-7);
}

const box = (w: number, s: number, e: number, n: number) => [
	[w, s],
	[e, s],
	[e, n],
	[w, n]
];

describe('报盘 and 界址点 files', () => {
	it('reads a GBK 报盘 file: 带号=29 picks EPSG:4517, parcels become a multipolygon, 圈号 2 a hole', () => {
		const { text, encoding } = fixture('baopan-zone29-gbk.txt');
		expect(encoding).toBe('gb18030');
		expect(text).toContain('坐标系=2000国家大地坐标系');
		const r = ok(parseCoordinateList(text));
		expect(r.crs.code).toBe('EPSG:4517');
		expect(r.crs.label.zh).toContain('由文件中的带号 29 确定');
		expect(r.lonLatUnstated).toBe(false);
		const [main, annex] = (r.geometry as MultiPolygon).coordinates;
		expect(r.geometry.type).toBe('MultiPolygon');
		expect(main).toHaveLength(2);
		expectRing(main[0], box(87.25, 43.95, 87.256, 43.954));
		expectRing(main[1], box(87.252, 43.951, 87.254, 43.953));
		expectRing(annex[0], box(87.26, 43.95, 87.262, 43.952));
	});

	it('reads unprefixed eastings in the zone the header names (带号=30 → CM 90°E, EPSG:4539)', () => {
		const { text, encoding } = fixture('baopan-cm90-unprefixed.txt');
		expect(encoding).toBe('utf-8');
		const r = ok(parseCoordinateList(text));
		expect(r.crs.code).toBe('EPSG:4539');
		expectRing((r.geometry as Polygon).coordinates[0], box(90.25, 43.95, 90.256, 43.954));
	});

	it('takes the declared zone 38 over the eastings’ leading digits (36): the site is in Changji', () => {
		const r = ok(parseCoordinateList(fixture('baopan-zone38-far-meridian.txt').text));
		expect(r.crs.code).toBe('EPSG:4526');
		expectRing((r.geometry as Polygon).coordinates[0], box(87.25, 43.95, 87.256, 43.954));
		expect(r.notes.map((n) => n.zh).join()).toContain('Y 坐标前两位为 36，但按文件声明的第 38 带计算');
	});

	it('says where a file whose header names a far zone lands, suggests the zone that puts it in Changji, and keeps it when asked', () => {
		const text = fixture('baopan-wrong-zone39.txt').text;
		const r = parseCoordinateList(text);
		expect(r).toMatchObject({ ok: false, error: { code: 'outside-area', placement: { used: 'EPSG:4548' } } });
		if (r.ok) return;
		const placement = r.error.placement!;
		expect(placement.lands![0]).toBeGreaterThan(116);
		expect(placement.km).toBeGreaterThan(1500);
		expect(r.error.message.zh).toMatch(/^按 EPSG:4548（.*）坐标落在 117\.\d{4}°E 4\d\.\d{4}°N（距昌吉州约 [\d,]+ 公里）。按 EPSG:4538 读取则落在昌吉州内/);
		expect(placement.suggestions[0]).toMatchObject({ epsg: 4538, eastingFirst: false });

		const suggested = ok(parseCoordinateList(text, { epsg: placement.suggestions[0].epsg, eastingFirst: placement.suggestions[0].eastingFirst }));
		expect(suggested.crs.code).toBe('EPSG:4538');
		expectRing((suggested.geometry as Polygon).coordinates[0], box(87.25, 43.95, 87.256, 43.954));

		const anyway = ok(parseCoordinateList(text, { allowFar: true }));
		expect(anyway.crs.code).toBe('EPSG:4548');
		expect((anyway.geometry as Polygon).coordinates[0][0][0]).toBeGreaterThan(116);
		expect(anyway.notes.map((n) => n.en).join()).toContain('Kept as asked');
	});

	it('reads a plain 界址点 CSV with a heading', () => {
		const r = ok(parseCoordinateList(fixture('jiezhidian-zone29.csv').text));
		expect(r.crs.code).toBe('EPSG:4517');
		expectRing((r.geometry as Polygon).coordinates[0], box(87.25, 43.95, 87.256, 43.954));
	});
});

/** Changji's 界址点 computed in `epsg`, as `点号,圈号,X,Y` lines (X the northing). */
function pointsIn(epsg: number): string {
	const forward = proj4('WGS84', crsFromEpsg(epsg)!.proj4);
	return box(87.3, 44.01, 87.305, 44.0145)
		.map((p, i) => {
			const [easting, northing] = forward.forward(p);
			return `J${i + 1},1,${northing.toFixed(3)},${easting.toFixed(3)}`;
		})
		.join('\n');
}

describe('every zone over Changji and beyond', () => {
	// The header's zone decides; the points land in Changji whatever the zone (eastings far from
	// their meridian included), and with no header a wrong zone is refused with the zone that fits.
	for (const [epsg, zone] of [4523, 4524, 4525, 4526, 4527, 4528, 4529, 4516, 4517, 4518, 4519].map((c) => [c, c - 4488]))
		it(`EPSG:${epsg} (zone ${zone}, prefixed): read by the header, suggested without it`, () => {
			const lines = pointsIn(epsg);
			const withHeader = ok(parseCoordinateList(`[属性描述]\n坐标系=2000国家大地坐标系\n几度分带=3\n带号=${zone}\n[地块坐标]\n${lines}`));
			expect(withHeader.crs.code).toBe(`EPSG:${epsg}`);
			expectRing((withHeader.geometry as Polygon).coordinates[0], box(87.3, 44.01, 87.305, 44.0145));
			const bare = parseCoordinateList(lines);
			if (bare.ok) expect(bare.crs.code).toBe(`EPSG:${epsg}`);
			else expect(bare.error.placement?.suggestions[0]?.epsg).toBe(epsg);
		});

	for (const cm of [75, 78, 81, 84, 87, 90, 93]) {
		const epsg = 4534 + (cm - 75) / 3;
		it(`EPSG:${epsg} (CM ${cm}°E, no prefix): read by the header's zone`, () => {
			const r = ok(parseCoordinateList(`[属性描述]\n几度分带=3\n带号=${cm / 3}\n[地块坐标]\n${pointsIn(epsg)}`));
			expect(r.crs.code).toBe(`EPSG:${epsg}`);
			expectRing((r.geometry as Polygon).coordinates[0], box(87.3, 44.01, 87.305, 44.0145));
		});
	}
});
