import { describe, expect, it } from 'vitest';
import { inputFrameOf } from '../geo/input-frame';
import { boundaryTable, formatDms, inputPointsOf } from './boundary-points';
import { dataVersionLabel } from './data-version-label';
import { footprintAreas, M2_PER_MU, planeZoneOf } from './footprint-areas';
import { qrMatrix } from './permalink-qr';
import { buildReport, type CheckResponse } from './report';
import { dmLabel, mapGrid } from './report-map-grid';
import { bearingWords, locationWords } from './report-review';
import { reviewOpinion } from './review-opinion';
import proj4 from 'proj4';
import type { Polygon } from 'geojson';

const GK29 = inputFrameOf('EPSG:4517 CGCS2000 / 3-degree Gauss-Kruger zone 29');
/** A 200 m × 100 m rectangle typed in zone 29, brought to WGS84 as the check page does. */
const typed: [number, number][] = [
	[29524061.862, 4873866.128],
	[29524261.862, 4873866.128],
	[29524261.862, 4873966.128],
	[29524061.862, 4873966.128],
	[29524061.862, 4873866.128]
];
const footprint: Polygon = {
	type: 'Polygon',
	coordinates: [typed.map((p) => proj4(GK29.kind === 'projected' ? GK29.crs.proj4 : '', 'WGS84', p))]
};

describe('the reviewer sections of the report', () => {
	it('reads the input CRS the record keeps', () => {
		expect(GK29).toMatchObject({ kind: 'projected', code: 'EPSG:4517' });
		expect(inputFrameOf('GCJ-02')).toMatchObject({ kind: 'geographic', gcj02: true });
		expect(inputFrameOf(undefined)).toMatchObject({ kind: 'geographic', gcj02: false });
	});

	it('gives the points back as typed, numbered J1 … J1', () => {
		const zone = planeZoneOf(GK29, footprint);
		const sut = boundaryTable(footprint, GK29, zone, inputPointsOf(footprint, GK29));
		expect(sut.xy.source).toBe('input');
		expect(sut.rings[0].points.map((p) => p.name)).toEqual(['J1', 'J2', 'J3', 'J4', 'J1']);
		expect(sut.rings[0].points.map((p) => [p.y, p.x])).toEqual(typed);
	});

	it('computes both areas: the plane one equals the typed rectangle, the ellipsoid one differs by the zone scale', () => {
		const sut = footprintAreas(footprint, GK29, inputPointsOf(footprint, GK29).rings);
		expect(sut.zone).toMatchObject({ zone: 29, epsg: 4517, fromInput: true });
		expect(sut.plane.m2).toBeCloseTo(20_000, 6);
		expect(sut.plane.mu).toBeCloseTo(20_000 / M2_PER_MU, 6);
		expect(sut.plane.ha).toBeCloseTo(2, 8);
		// 24 km from the central meridian the scale is 1 + y²/2R² ≈ 1.0000073: areas differ by ≈ 1.5e-5.
		expect(sut.ellipsoidal.m2 / sut.plane.m2).toBeGreaterThan(0.99998);
		expect(sut.ellipsoidal.m2).toBeLessThan(sut.plane.m2);
	});

	it('takes the zone from the footprint when drawn', () => {
		expect(planeZoneOf(inputFrameOf(undefined), { type: 'Point', coordinates: [89.6, 44] })).toMatchObject({ zone: 30, epsg: 4518, fromInput: false });
	});

	it('writes d°m′s″ to 0.001″ and grid labels in degrees and minutes', () => {
		expect(formatDms(87.30342917)).toBe('87°18′12.345″');
		expect(formatDms(44)).toBe('44°00′00.000″');
		expect(dmLabel(87.5, 60)).toBe('87°30′');
		expect(dmLabel(87.5 + 30 / 3600, 30)).toBe('87°30′30″');
		const grid = mapGrid([87.3, 44.0, 87.35, 44.03], 600, 400);
		expect(grid.labels.filter((l) => l.edge === 'top').length).toBeLessThanOrEqual(6);
		expect(grid.labels.length).toBeGreaterThan(2);
	});

	it('cites a data version as date · short hash, never the raw number', () => {
		expect(dataVersionLabel('coal-fire', '1795996800000', '2026-11-30T01:00:00Z')).toMatch(/^2026-11-30 · [0-9a-f]{7}$/);
		// Without the update time, the version (a millisecond timestamp) gives the day, in China time.
		expect(dataVersionLabel('coal-fire', String(Date.parse('2026-12-01T00:10:00+08:00')))).toMatch(/^2026-12-01 · [0-9a-f]{7}$/);
		expect(dataVersionLabel('coal-fire', '1')).not.toBe(dataVersionLabel('coal-fire', '2'));
	});

	it('says where the site is and what to do', () => {
		expect(bearingWords(44, 'zh')).toBe('东北');
		expect(
			locationWords({ counties: [{ name: '昌吉市', nameEn: 'Changji City' }], towns: [{ name: '三工镇', nameEn: 'Sangong', kind: 'town', distanceM: 3210, bearingDeg: 40 }] }, 'en')
		).toBe('Changji City; 3.2 km northeast of Sangong');
		const opinion = reviewOpinion('forbidden', [{ index: 1, severity: 'forbidden', layerTitle: '饮用水水源保护区', levelLabel: '一级保护区' }], 'zh', false);
		expect(opinion.conclusion).toMatch(/^不符合/);
		expect(opinion.actions).toEqual(['避让饮用水水源保护区（一级保护区）（第1项）；调整选址后重新核查。']);
		expect(reviewOpinion('clear', [], 'en', true).actions).toHaveLength(2);
	});

	it('encodes the permalink as a QR matrix', () => {
		const m = qrMatrix('http://localhost:3000/check/42');
		expect(m.length).toBeGreaterThanOrEqual(21);
		expect(m.every((row) => row.length === m.length)).toBe(true);
		// Finder pattern: the top-left 7×7 corner is dark on its border.
		expect(m[0].slice(0, 7).every(Boolean)).toBe(true);
	});

	it('prints 00:10 as 00:10 in English too (hour cycle h23)', () => {
		const response = { checkedAt: '2026-03-01T12:00:00Z' } as CheckResponse;
		const base = { verdict: 'clear', projectType: 'other', conflicts: [], slivers: [], dataVersions: {}, dataUpdatedAt: {}, reportId: 'x', footprint: { areaM2: 0, lengthM: 0, bbox: [0, 0, 0, 0] } };
		for (const lang of ['zh', 'en'] as const) {
			const sut = buildReport({ ...response, ...base } as unknown as CheckResponse, {
				lang,
				footprint: { type: 'GeometryCollection', geometries: [] },
				record: { id: 1, projectName: 'p', developer: 'd', author: 'a', savedAt: '2026-02-28T16:10:00Z' }
			});
			expect(sut.checkedAtLabel).toContain('00:10:00');
			expect(sut.checkedAtLabel).not.toContain('24:10');
		}
	});
});
