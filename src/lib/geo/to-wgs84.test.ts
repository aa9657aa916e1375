import proj4 from 'proj4';
import type { Geometry, Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import { crsFromEpsg } from './crs';
import { wgs84ToBd09 } from './bd09';
import { wgs84ToGcj02 } from './gcj02';
import type { DeclaredCrs, ReadResult } from './readers/types';
import { CrsRefusal, toWgs84 } from './to-wgs84';

const WGS = [87.3, 44.01];
const pointIn = (epsg: number, [lon, lat] = WGS) => proj4('WGS84', crsFromEpsg(epsg)!.proj4, [lon, lat]);
const data = (coordinates: number[], crs?: DeclaredCrs): ReadResult => ({
	format: 'geojson',
	features: [{ geometry: { type: 'Point', coordinates }, properties: {} }],
	crs,
	notes: []
});
const first = (features: { geometry: Geometry | null }[]) => (features[0].geometry as Point).coordinates;

describe('toWgs84', () => {
	it('reprojects Gauss-Krüger with and without zone prefix back to the same point', () => {
		for (const epsg of [4517, 4538, 4516, 4537, 4504, 4493]) {
			const sut = toWgs84(data(pointIn(epsg), { where: '.prj', epsg }));
			expect(first(sut.features)[0]).toBeCloseTo(WGS[0], 9);
			expect(first(sut.features)[1]).toBeCloseTo(WGS[1], 9);
			expect(sut.crs.epsg).toBe(epsg);
		}
	});

	it('refuses prefixed eastings in a file that says WGS84, naming the zone', () => {
		expect(() => toWgs84(data(pointIn(4517), { where: 'RFC 7946', epsg: 4326, implicit: true }))).toThrow(
			/Coordinates do not fit the declared CRS: declared WGS 84 \(EPSG:4326\).*zone 29 with zone prefix \(EPSG:4517\)/
		);
	});

	it('refuses swapped axes, and --swap-xy fixes them', () => {
		const [x, y] = pointIn(4517);
		expect(() => toWgs84(data([y, x], { where: '.prj', epsg: 4517 }))).toThrow(/swapped \(in Chinese tables X is the northing\)/);
		expect(first(toWgs84(data([y, x], { where: '.prj', epsg: 4517 }), { swapXY: true }).features)[0]).toBeCloseTo(WGS[0], 9);
	});

	it('says where data lands when the zone is wrong by far', () => {
		// Zone-29 eastings without prefix read as CM 117°E: lands near Beijing's longitude.
		expect(() => toWgs84(data(pointIn(4538), { where: '.prj', epsg: 4548 }))).toThrow(
			/Read in the file's declared EPSG:4548, the coordinates land at 117\.\d+°E 44\.\d+°N \(about 2,\d{3} km from Changji Prefecture\); read in EPSG:4538/
		);
	});

	it('takes Changji data in a far zone when the file says so (EPSG:4526), and names the zone that fits when it does not', () => {
		const fits = toWgs84(data(pointIn(4526), { where: '.prj', epsg: 4526 }));
		expect(first(fits.features)[0]).toBeCloseTo(WGS[0], 8);
		expect(fits.notes.map((n) => n.en).join()).toContain('zone 29 (CM 87°E, EPSG:4517/EPSG:4538)');

		const refusal = (run: () => unknown) => {
			try {
				run();
			} catch (error) {
				expect(error).toBeInstanceOf(CrsRefusal);
				return error as CrsRefusal;
			}
			throw new Error('not refused');
		};
		// Zone-29 numbers declared zone 31: they land west of Kashgar; zone 29 puts them in Changji.
		const far = refusal(() => toWgs84(data(pointIn(4517), { where: '.prj', epsg: 4519 })));
		expect(far.used?.epsg).toBe(4519);
		expect(far.far?.lands[0]).toBeLessThan(80);
		expect(far.suggestions[0]).toMatchObject({ epsg: 4517, swapped: false });
		expect(far.text.zh).toMatch(/^按文件声明的 EPSG:4519，坐标落在 .*（距昌吉州约 [\d,]+ 公里）；按 EPSG:4517 读取则落在昌吉州内/);
		// Declared zone 38: numbers 9,000 km off its meridian cannot be in it at all.
		const misfit = refusal(() => toWgs84(data(pointIn(4517), { where: '.prj', epsg: 4526 })));
		expect(misfit.far).toBeUndefined();
		expect(misfit.suggestions[0]).toMatchObject({ epsg: 4517 });

		// "Use the file's CRS anyway": kept where it lands, with a note.
		const kept = toWgs84(data(pointIn(4538), { where: '.prj', epsg: 4548 }), { allowFar: true });
		expect(first(kept.features)[0]).toBeGreaterThan(116);
		expect(kept.notes.map((n) => n.en).join()).toContain('Kept as asked');
	});

	it('notes data outside its own zone (a 3° mix-up still lands in Changji)', () => {
		const sut = toWgs84(data(pointIn(4538, [89.59, 44.02]), { where: '.prj', epsg: 4538 }));
		expect(sut.notes.map((n) => n.en).join()).toContain('zone 30 (CM 90°E, EPSG:4518/EPSG:4539)');
	});

	it('takes --srs over the file and says so', () => {
		const sut = toWgs84(data(pointIn(4517), { where: '.prj', epsg: 4538 }), { srs: 'EPSG:4517' });
		expect(first(sut.features)[0]).toBeCloseTo(WGS[0], 9);
		expect(sut.crsSource).toBe('--srs');
		expect(sut.notes.map((n) => n.en).join()).toContain('overrides');
		expect(() => toWgs84(data(WGS), { srs: 'EPSG:2385' })).toThrow(/--srs EPSG:2385 cannot be used/);
	});

	it('without a declared CRS: takes lon/lat in Changji, and asks for --srs otherwise', () => {
		expect(toWgs84(data(WGS)).notes[0].en).toContain('declares no CRS');
		expect(() => toWgs84(data(pointIn(4517)))).toThrow(/declares no CRS.*--srs EPSG:4517/);
	});

	it('converts GCJ-02 when asked, and refuses a file that says GCJ-02 or BD-09 otherwise', () => {
		const gcj = wgs84ToGcj02(WGS);
		const sut = toWgs84(data(gcj, { where: 'RFC 7946', epsg: 4326, implicit: true }), { fromGcj02: true });
		expect(first(sut.features)[0]).toBeCloseTo(WGS[0], 8);
		expect(first(sut.features)[1]).toBeCloseTo(WGS[1], 8);
		expect(() => toWgs84(data(gcj, { where: '.prj', text: 'GEOGCS["GCJ-02"]' }))).toThrow(/GCJ-02.*--from-gcj02/);
		expect(toWgs84(data(gcj, { where: '.prj', text: 'GEOGCS["GCJ-02"]' }), { fromGcj02: true }).crs.epsg).toBe(4326);
		expect(() => toWgs84(data(gcj, { where: '.prj', text: 'BD09' }), { fromGcj02: true })).toThrow(/BD-09/);
	});

	it('reminds that GeoJSON/KML cannot tell GCJ-02 from WGS84, and says the source is unstated', () => {
		const sut = toWgs84(data(WGS, { where: 'RFC 7946', epsg: 4326, implicit: true }));
		expect(sut.notes.map((n) => n.en).join()).toContain('--from-gcj02');
		expect(sut.lonLatUnstated).toBe(true);
		const asked = toWgs84(data(WGS, { where: 'RFC 7946', epsg: 4326, implicit: true }), { asksLonLatSource: true });
		expect(asked.notes).toEqual([]);
		expect(toWgs84(data(WGS, { where: '.prj', epsg: 4490 })).lonLatUnstated).toBe(false);
		expect(toWgs84(data(WGS)).lonLatUnstated).toBe(true);
		expect(toWgs84(data(pointIn(4517), { where: '.prj', epsg: 4517 })).lonLatUnstated).toBe(false);
	});

	it('converts BD-09 when asked', () => {
		const bd = wgs84ToBd09(WGS);
		const sut = toWgs84(data(bd, { where: '.prj', text: 'BD09' }), { fromBd09: true });
		expect(first(sut.features)[0]).toBeCloseTo(WGS[0], 8);
		expect(first(sut.features)[1]).toBeCloseTo(WGS[1], 8);
	});
});
