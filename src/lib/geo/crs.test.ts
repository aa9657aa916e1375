import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { crsFromEpsg, gaussKrugerCode, identifyCrs, parseSrs, zoneForLongitude } from './crs';
import { ESRI_PRJ } from './readers/test-fixtures';

const toCrs = (epsg: number, lon: number, lat: number) => proj4('WGS84', crsFromEpsg(epsg)!.proj4, [lon, lat]);

describe('CGCS2000 definitions', () => {
	it('puts a point on the central meridian at x = 500000 (no prefix) or zone·10⁶ + 500000', () => {
		expect(toCrs(4538, 87, 44)[0]).toBeCloseTo(500000, 6);
		expect(toCrs(4517, 87, 44)[0]).toBeCloseTo(29500000, 6);
		expect(toCrs(4539, 90, 44)[0]).toBeCloseTo(500000, 6);
		expect(toCrs(4518, 90, 44)[0]).toBeCloseTo(30500000, 6);
	});

	// Reference values: PostGIS 3.3.2 / PROJ 9.1.1 on the test server,
	// SELECT ST_AsText(ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4490), srid)).
	it.each([
		[4538, 87.0, 44.0, 500000.0, 4873822.3696],
		[4517, 88.5, 44.5, 29619294.603, 4930475.5724],
		[4518, 89.59, 44.02, 30467126.4992, 4876126.3536],
		[4516, 85.8, 43.2, 28646298.3511, 4786512.2124],
		[4519, 91.2, 45.1, 31358322.8329, 4997634.2955],
		[4537, 85.8, 43.2, 646298.3511, 4786512.2124],
		[4539, 89.59, 44.02, 467126.4992, 4876126.3536],
		[4540, 91.2, 45.1, 358322.8329, 4997634.2955],
		[4504, 88.5, 44.5, 619294.603, 4930475.5724],
		[4505, 91.2, 45.1, 358322.8329, 4997634.2955],
		[32645, 87.0, 44.0, 500000.0, 4871872.8408],
		[3857, 87.0, 44.0, 9684795.699, 5465442.1833]
	])('EPSG:%i matches PostGIS at %f°E %f°N', (epsg, lon, lat, x, y) => {
		const [px, py] = toCrs(epsg, lon, lat);
		expect(Math.abs(px - x)).toBeLessThan(0.001);
		expect(Math.abs(py - y)).toBeLessThan(0.001);
	});

	// proj4text of spatial_ref_sys (PostGIS 3.3.2) for the ends of each range.
	it.each([
		[4491, 75, 13500000],
		[4501, 135, 23500000],
		[4502, 75, 500000],
		[4512, 135, 500000],
		[4513, 75, 25500000],
		[4533, 135, 45500000],
		[4534, 75, 500000],
		[4554, 135, 500000]
	])('EPSG:%i has lon_0=%i and x_0=%i on GRS80', (epsg, lon0, x0) => {
		expect(crsFromEpsg(epsg)!.proj4).toBe(`+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=1 +x_0=${x0} +y_0=0 +ellps=GRS80 +units=m +no_defs`);
	});

	it('names Changji’s zones: 4516–4519 are zones 28–31, 4537–4540 are CM 84–93°E', () => {
		expect([4516, 4517, 4518, 4519].map((c) => crsFromEpsg(c)!.gaussKruger!.zone)).toEqual([28, 29, 30, 31]);
		expect([4537, 4538, 4539, 4540].map((c) => crsFromEpsg(c)!.gaussKruger!.centralMeridian)).toEqual([84, 87, 90, 93]);
	});

	it('finds every code back from its zone parameters', () => {
		for (let epsg = 4491; epsg <= 4554; epsg++) {
			const gk = crsFromEpsg(epsg)!.gaussKruger!;
			expect(gaussKrugerCode(gk.width, gk.centralMeridian, gk.prefixed)).toBe(epsg);
		}
		expect(gaussKrugerCode(3, 88, true)).toBeUndefined();
		expect(crsFromEpsg(4555)).toBeUndefined();
	});

	it('tells the zone of a longitude', () => {
		expect(zoneForLongitude(87.3, 3)).toEqual({ zone: 29, centralMeridian: 87 });
		expect(zoneForLongitude(89.59, 3)).toEqual({ zone: 30, centralMeridian: 90 });
		expect(zoneForLongitude(85.4, 3)).toEqual({ zone: 28, centralMeridian: 84 });
		expect(zoneForLongitude(87.3, 6)).toEqual({ zone: 15, centralMeridian: 87 });
		expect(zoneForLongitude(90.28, 6)).toEqual({ zone: 16, centralMeridian: 93 });
	});
});

describe('identifyCrs', () => {
	const epsgOf = (text: string) => {
		const id = identifyCrs(text);
		return id.kind === 'known' ? id.crs.epsg : id.kind;
	};

	it('reads ESRI .prj files, whose "Gauss_Kruger" proj4 cannot project', () => {
		expect(epsgOf(ESRI_PRJ[4517])).toBe(4517);
		expect(epsgOf(ESRI_PRJ[4538])).toBe(4538);
		expect(epsgOf(ESRI_PRJ[4490])).toBe(4490);
		// Same parameters under a name of the user's own: matched by the parameters.
		expect(epsgOf(ESRI_PRJ[4517].replace('CGCS2000_3_Degree_GK_Zone_29', 'My_Survey'))).toBe(4517);
		expect(epsgOf(ESRI_PRJ[4538].replace('CGCS2000_3_Degree_GK_CM_87E', 'Survey').replace('500000.0', '15500000.0'))).toBe(4493);
	});

	it('reads OGC WKT with an authority, URNs and codes', () => {
		// gdalsrsinfo -o wkt1 EPSG:4539
		const wkt =
			'PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 90E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",90],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Northing",NORTH],AXIS["Easting",EAST],AUTHORITY["EPSG","4539"]]';
		expect(epsgOf(wkt)).toBe(4539);
		expect(epsgOf('urn:ogc:def:crs:EPSG::4517')).toBe(4517);
		expect(epsgOf('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe(4326);
		expect(epsgOf('EPSG:4490')).toBe(4490);
		expect(epsgOf('CGCS2000 / 3-degree Gauss-Kruger zone 30')).toBe(4518);
		expect(epsgOf('CGCS2000_GK_CM_93E')).toBe(4505);
	});

	it('flags GCJ-02 and BD-09, and refuses Xian 80 and unknown systems', () => {
		expect(identifyCrs('GEOGCS["GCJ02",DATUM["WGS_1984"]]')).toEqual({ kind: 'shifted', system: 'gcj02' });
		expect(identifyCrs('BD09')).toEqual({ kind: 'shifted', system: 'bd09' });
		expect(epsgOf('PROJCS["Xian_1980_3_Degree_GK_Zone_29",GEOGCS["GCS_Xian_1980"]]')).toBe('unsupported');
		expect(epsgOf('PROJCS["Lunar_Grid"]')).toBe('unsupported');
		expect(epsgOf('EPSG:2000')).toBe('unsupported');
	});

	it('parses --srs', () => {
		expect(parseSrs('EPSG:4517')?.epsg).toBe(4517);
		expect(parseSrs('epsg:4538')?.epsg).toBe(4538);
		expect(parseSrs('4490')?.epsg).toBe(4490);
		expect(parseSrs('EPSG:9999')).toBeUndefined();
		expect(parseSrs('zone 29')).toBeUndefined();
	});
});
