import { describe, expect, it } from 'vitest';
import type { Geometry, Polygon, Position } from 'geojson';
import { wgs84ToBd09 } from './bd09';
import { parseCoordinateList, type CoordinateListResult } from './coordinate-list';

// Real-looking inputs around Changji city (87.30–87.305°E, 44.01–44.0145°N): the corners were
// projected once with PROJ's definitions (CGCS2000 3° Gauss-Krüger zone 29 = EPSG:4517,
// CM 90°E without prefix = EPSG:4539) and GCJ-02's published offset.
const CORNERS: Position[] = [
	[87.3, 44.01],
	[87.305, 44.01],
	[87.305, 44.0145],
	[87.3, 44.0145]
];

function ok(r: CoordinateListResult) {
	if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
	return r;
}

/** Every corner within 1 cm (1e-7° ≈ 1 cm) of some vertex of the outer ring. */
function expectCorners(geometry: Geometry, corners: Position[], tol = 2e-7) {
	expect(geometry.type).toBe('Polygon');
	const ring = (geometry as Polygon).coordinates[0];
	expect(ring[0]).toEqual(ring[ring.length - 1]);
	for (const c of corners) expect(Math.min(...ring.map((p) => Math.hypot(p[0] - c[0], p[1] - c[1])))).toBeLessThan(tol);
}

/** Signed area (planar, lon/lat): > 0 counter-clockwise, as RFC 7946 wants outer rings. */
const signed = (ring: Position[]) => ring.slice(1).reduce((s, p, i) => s + (ring[i][0] * p[1] - p[0] * ring[i][1]), 0);

describe('parseCoordinateList', () => {
	it('reads GK zone 29 with the prefix in 界址点 form (J1,1,X,Y), X the northing', () => {
		const text = ['J1,1,4874977.253,29524057.820', 'J2,1,4874978.724,29524458.784', 'J3,1,4875478.730,29524456.935', 'J4,1,4875477.259,29524056.001', 'J1,1,4874977.253,29524057.820'].join('\n');
		const r = ok(parseCoordinateList(text));
		expect(r.crs.code).toBe('EPSG:4517');
		expect(r.crs.label.zh).toContain('第 29 带');
		expectCorners(r.geometry, CORNERS);
		expect(signed((r.geometry as Polygon).coordinates[0])).toBeGreaterThan(0);
	});

	it('reads GK CM 90° without the prefix when given the central meridian, or a longitude near the site', () => {
		const text = '1 4868297.168 520068.382\n2 4868299.648 520871.118\n3 4869188.539 520868.318\n4 4869186.059 520065.690\n';
		const corners = [
			[90.25, 43.95],
			[90.26, 43.95],
			[90.26, 43.958],
			[90.25, 43.958]
		];
		const byMeridian = ok(parseCoordinateList(text, { centralMeridian: 90 }));
		expect(byMeridian.crs.code).toBe('EPSG:4539');
		expectCorners(byMeridian.geometry, corners);
		expect(byMeridian.notes.some((n) => n.en.includes('Closed 1 ring'))).toBe(true);
		const byHint = ok(parseCoordinateList(text, { longitudeHint: 90.3 }));
		expect(byHint.crs.code).toBe('EPSG:4539');
		const none = parseCoordinateList(text);
		expect(none).toMatchObject({ ok: false, error: { code: 'zone-needed' } });
		if (!none.ok) expect(none.error.message.zh).toContain('中央经线');
	});

	it('catches X/Y swapped (easting first) and says so', () => {
		const text = 'J1\t29524057.820\t4874977.253\nJ2\t29524458.784\t4874978.724\nJ3\t29524456.935\t4875478.730\nJ4\t29524056.001\t4875477.259';
		const r = ok(parseCoordinateList(text));
		expectCorners(r.geometry, CORNERS);
		expect(r.notes.some((n) => n.zh.includes('已按'))).toBe(true);
	});

	it('reads decimal lon/lat, in either order, with full-width commas', () => {
		const lonLat = ok(parseCoordinateList('87.3,44.01\n87.305,44.01\n87.305,44.0145\n87.3,44.0145\n87.3,44.01'));
		expect(lonLat.crs.code).toBe('EPSG:4326');
		expectCorners(lonLat.geometry, CORNERS, 1e-12);
		const latLon = ok(parseCoordinateList('44.01，87.3\n44.01，87.305\n44.0145，87.305\n44.0145，87.3'));
		expectCorners(latLon.geometry, CORNERS, 1e-12);
		expect(latLon.notes.some((n) => n.en.includes('latitude, longitude'))).toBe(true);
	});

	it('flags lon/lat of unstated source (auto), and converts BD-09 (Baidu) when told', () => {
		expect(ok(parseCoordinateList('87.3,44.01\n87.305,44.01\n87.305,44.0145')).lonLatUnstated).toBe(true);
		expect(ok(parseCoordinateList('87.3,44.01\n87.305,44.01\n87.305,44.0145', { crs: 'wgs84' })).lonLatUnstated).toBe(false);
		const baidu = CORNERS.map((c) => wgs84ToBd09(c).join(',')).join('\n');
		const r = ok(parseCoordinateList(baidu, { crs: 'bd09' }));
		expect(r.crs.code).toBe('BD-09');
		expect(r.lonLatUnstated).toBe(false);
		expectCorners(r.geometry, CORNERS, 1e-8);
	});

	it('reads 度分秒 in several spellings', () => {
		const text = [
			`E87°18'00" N44°00'36"`,
			`87°18′18″E, 44°00′36″N`,
			'东经87度18分18秒 北纬44度00分52.2秒',
			`87° 18' 00", 44° 00' 52.2"`
		].join('\n');
		const r = ok(parseCoordinateList(text));
		expectCorners(r.geometry, CORNERS, 1e-9);
	});

	it('converts GCJ-02 (AMap) to WGS84 when told', () => {
		const text = '87.303088,44.011304\n87.308102,44.011312\n87.308102,44.015809\n87.303088,44.015801';
		const r = ok(parseCoordinateList(text, { crs: 'gcj02' }));
		expect(r.crs.code).toBe('GCJ-02');
		expectCorners(r.geometry, CORNERS, 1e-5); // the published offsets were rounded to 1e-6°
	});

	it('reads a multi-parcel 报盘 file with a hole and an island', () => {
		const text = [
			'[属性描述]',
			'格式版本号=1.01版本',
			'数据产生单位=昌吉州自然资源局',
			'数据产生日期=2025-03-18',
			'坐标系=2000国家大地坐标系',
			'几度分带=3',
			'投影类型=高斯克吕格',
			'计量单位=米',
			'带号=29',
			'精度=0.001',
			'转换参数=,,,,,,',
			'[地块坐标]',
			'13,20.0105,1,昌吉市光伏项目一期,面,,建设用地,,@',
			'J1,1,4874977.253,29524057.820',
			'J2,1,4874978.724,29524458.784',
			'J3,1,4875478.730,29524456.935',
			'J4,1,4875477.259,29524056.001',
			'J1,1,4874977.253,29524057.820',
			'J5,2,4875088.804,29524177.703',
			'J6,2,4875255.473,29524177.094',
			'J7,2,4875256.061,29524337.472',
			'J8,2,4875089.392,29524338.086',
			'J5,2,4875088.804,29524177.703',
			'J9,3,4874980.219,29524859.748',
			'J10,3,4874980.824,29525020.133',
			'J11,3,4875203.049,29525019.293',
			'J9,3,4874980.219,29524859.748',
			'4,0.5,2,二期,面,,,,@',
			'J1,1,4868297.168,30520068.382',
			'J2,1,4868299.648,30520871.118',
			'J3,1,4869188.539,30520868.318',
			'J1,1,4868297.168,30520068.382'
		].join('\r\n');
		const mixedZones = parseCoordinateList(text);
		expect(mixedZones).toMatchObject({ ok: false, error: { code: 'mixed-zones', line: 29 } });

		const r = ok(parseCoordinateList(text.split('\r\n').slice(0, 28).join('\r\n')));
		expect(r.crs.code).toBe('EPSG:4517');
		expect(r.geometry.type).toBe('MultiPolygon');
		if (r.geometry.type !== 'MultiPolygon') return;
		const [main, island] = r.geometry.coordinates;
		expect(main).toHaveLength(2); // outer + hole
		expect(island).toHaveLength(1);
		expect(signed(main[0])).toBeGreaterThan(0);
		expect(signed(main[1])).toBeLessThan(0);
		expect(r.notes.some((n) => n.zh.includes('2 个面、1 个内环'))).toBe(true);
	});

	it('refuses a file in Xian 80 with the reason', () => {
		const r = parseCoordinateList('[属性描述]\n坐标系=80西安坐标系\n[地块坐标]\n3,1,1,a,面,,,,@\nJ1,1,4874977.253,29524057.820\nJ2,1,4874978.724,29524458.784\nJ3,1,4875478.730,29524456.935');
		expect(r).toMatchObject({ ok: false, error: { code: 'unsupported-crs', line: 2 } });
	});

	it('reports garbage with its line number', () => {
		const r = parseCoordinateList('87.3,44.01\n87.305,44.01\n87.305,abc\n87.3,44.0145');
		expect(r).toMatchObject({ ok: false, error: { code: 'unreadable-line', line: 3 } });
		if (!r.ok) {
			expect(r.error.message.zh).toContain('第 3 行');
			expect(r.error.message.en).toContain('Line 3');
		}
		expect(parseCoordinateList('hello\n\n')).toMatchObject({ ok: false, error: { code: 'empty' } });
		expect(parseCoordinateList('87.3,44.01\nnot a point at all\n87.3,44.02')).toMatchObject({ ok: false, error: { line: 2 } });
		expect(parseCoordinateList('87.3,44.01\n87.305,44.01\n4874977.253,29524057.820')).toMatchObject({
			ok: false,
			error: { code: 'mixed-coordinates', line: 3 }
		});
	});

	it('refuses coordinates that land far from Changji', () => {
		const r = parseCoordinateList('116.39,39.9\n116.4,39.9\n116.4,39.91');
		expect(r).toMatchObject({ ok: false, error: { code: 'outside-area' } });
	});

	it('makes a point, a line or polygons as asked', () => {
		expect(ok(parseCoordinateList('87.3 44.01')).geometry).toEqual({ type: 'Point', coordinates: [87.3, 44.01] });
		expect(ok(parseCoordinateList('87.3 44.01\n87.31 44.02')).geometry.type).toBe('LineString');
		const line = ok(parseCoordinateList('87.3 44.01\n87.31 44.02\n87.32 44.01', { geometry: 'line' }));
		expect(line.geometry).toEqual({ type: 'LineString', coordinates: [[87.3, 44.01], [87.31, 44.02], [87.32, 44.01]] });
		const two = ok(parseCoordinateList('87.3 44.01\n87.301 44.01\n87.301 44.011\n\n87.31 44.01\n87.311 44.01\n87.311 44.011'));
		expect(two.geometry.type).toBe('MultiPolygon');
		expect(parseCoordinateList('87.3 44.01\n87.301 44.01\n\n87.31 44.01\n87.311 44.01\n87.311 44.011')).toMatchObject({
			ok: false,
			error: { code: 'too-few-points', line: 1 }
		});
	});
});
