import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { LAYERS } from '../layers/registry';
import { runCheck } from './engine';
import { conflictsToCsv, conflictsToGeoJson } from './export';
import { buildReport, reportMapDrawing, reportMapSvg, type CheckResponse, type ZoneGeometry } from './report';

// A footprint over a first-level water-source zone, next to a redline: the engine's answer
// dressed as the API's, then the report, its map and the exports.
const zone: Polygon = { type: 'Polygon', coordinates: [[[87.3, 44.0], [87.31, 44.0], [87.31, 44.01], [87.3, 44.01], [87.3, 44.0]]] };
const redline: Polygon = { type: 'Polygon', coordinates: [[[87.32, 44.0], [87.33, 44.0], [87.33, 44.01], [87.32, 44.01], [87.32, 44.0]]] };
const footprint: Polygon = { type: 'Polygon', coordinates: [[[87.305, 44.002], [87.316, 44.002], [87.316, 44.006], [87.305, 44.006], [87.305, 44.002]]] };

const result = runCheck({
	footprint,
	projectType: 'building',
	layers: LAYERS,
	dataVersions: { 'water-source-protection': '7', 'ecological-redline': '3' },
	candidates: [
		{
			layerId: 'water-source-protection',
			features: [{ type: 'Feature', id: 11, properties: { name: '昌吉市头屯河水源地一级保护区', zone_level: 'first' }, geometry: zone }]
		},
		{ layerId: 'ecological-redline', features: [{ type: 'Feature', id: 5, properties: { name: '天山北坡水源涵养红线, "东段"' }, geometry: redline }] }
	]
});
const response: CheckResponse = {
	...result,
	conflicts: result.conflicts.map((c) => ({ ...c, nameEn: c.layer === 'water-source-protection' ? 'Toutun River source, first-level zone' : null })),
	engine: result.engine,
	reportId: '0123456789abcdef',
	checkedAt: '2026-03-01T02:30:00.000Z',
	dataUpdatedAt: { 'water-source-protection': '2026-02-27T16:30:00.000Z' },
	illustrative: true
};
const zones: ZoneGeometry[] = [
	{ layer: 'water-source-protection', featureId: 11, geometry: zone, properties: { zone_level: 'first' } },
	{ layer: 'ecological-redline', featureId: 5, geometry: redline }
];

describe('buildReport', () => {
	it('writes the verdict, rows with ha and mu, cited rules and data dates in Chinese', () => {
		const sut = buildReport(response, { lang: 'zh', footprint, zones });
		expect(sut.verdict).toBe('forbidden');
		expect(sut.verdictLabel).toBe('禁止');
		expect(sut.reportId).toBe('0123456789abcdef');
		expect(sut.checkedAtLabel).toContain('2026年3月1日');
		expect(sut.checkedAtLabel).toContain('10:30:00'); // 02:30 UTC in Beijing
		const water = sut.conflicts.find((r) => r.layer === 'water-source-protection')!;
		expect(water.featureName).toBe('昌吉市头屯河水源地一级保护区');
		expect(water.levelLabel).toBe('一级保护区');
		expect(water.overlapMu).toBeCloseTo((water.overlapM2 / 10_000) * 15, 9);
		expect(water.cells.overlap).toMatch(/公顷（.*亩）$/);
		expect(water.basis).toBe('《中华人民共和国水污染防治法》第六十五条');
		const near = sut.conflicts.find((r) => r.layer === 'ecological-redline')!;
		expect(near.relationLabel).toContain('邻近');
		expect(near.cells.distance).toMatch(/米$/);
		expect(sut.rules.map((r) => r.basis)).toContain('《中华人民共和国水污染防治法》第六十五条');
		expect(new Set(sut.rules.map((r) => r.basis + r.text)).size).toBe(sut.rules.length);
		expect(sut.dataVersions).toContainEqual({
			layer: 'water-source-protection',
			layerTitle: '饮用水水源保护区',
			version: '7',
			date: '2026-02-28',
			label: expect.stringMatching(/^2026-02-28 · [0-9a-f]{7}$/)
		});
		expect(sut.notices[0]).toContain('示意数据');
	});

	it('writes English, with the English feature name', () => {
		const sut = buildReport(response, { lang: 'en', footprint });
		expect(sut.verdictLabel).toBe('Prohibited');
		expect(sut.conflicts[0].featureName).toBe('Toutun River source, first-level zone');
		expect(sut.conflicts[0].cells.overlap).toMatch(/ha \(.* mu\)$/);
		expect(sut.projectTypeLabel).toBe('Buildings');
	});

	it('says clear when nothing conflicts', () => {
		const clear = runCheck({ footprint, projectType: 'other', layers: LAYERS, candidates: [] });
		const sut = buildReport(clear, { lang: 'zh', footprint, illustrative: false });
		expect(sut.verdictLabel).toBe('未发现冲突');
		expect(sut.conflicts).toEqual([]);
		expect(sut.notices).toEqual([]);
	});
});

describe('areas counted once, and outside findings', () => {
	// The footprint over a first-level zone nested in its second-level zone, and outside any development boundary.
	const second: Polygon = { type: 'Polygon', coordinates: [[[87.29, 43.99], [87.32, 43.99], [87.32, 44.02], [87.29, 44.02], [87.29, 43.99]]] };
	const boundary: Polygon = { type: 'Polygon', coordinates: [[[87.4, 44.0], [87.5, 44.0], [87.5, 44.1], [87.4, 44.1], [87.4, 44.0]]] };
	const nested = runCheck({
		footprint,
		projectType: 'building',
		layers: LAYERS,
		candidates: [
			{
				layerId: 'water-source-protection',
				features: [
					{ type: 'Feature', id: 11, properties: { name: '一级', zone_level: 'first' }, geometry: zone },
					{ type: 'Feature', id: 12, properties: { name: '二级', zone_level: 'second' }, geometry: second }
				]
			},
			{ layerId: 'urban-development-boundary', features: [{ type: 'Feature', id: 1, properties: { name: '县城', kind: 'county_town' }, geometry: boundary }] }
		]
	});

	it('lists per level the area in no stricter level, then the union, never more than the footprint', () => {
		const sut = buildReport(nested, { lang: 'zh', footprint, illustrative: false });
		expect(sut.areas.map((r) => [r.kind, r.cells.label])).toEqual([
			['level', '一级保护区'],
			['level', '二级保护区'],
			['union', '图层合计（并集）']
		]);
		const sum = sut.conflicts.filter((c) => c.layer === 'water-source-protection').reduce((s, c) => s + c.overlapM2, 0);
		expect(sum).toBeGreaterThan(nested.footprint.areaM2); // the per-feature list double-counts …
		const union = sut.areas.find((r) => r.kind === 'union')!;
		expect(union.areaM2).toBeLessThanOrEqual(nested.footprint.areaM2 + 0.01); // … the union does not
		expect(Math.abs(union.areaM2 - nested.footprint.areaM2)).toBeLessThan(1);
		expect(sut.areas[0].areaM2 + sut.areas[1].areaM2).toBeCloseTo(union.areaM2, -1);
		expect(union.cells.area).toMatch(/公顷（.*亩）$/);
		expect(sut.areaLabels.note).toContain('只计一次');
	});

	it('says how much lies outside the development boundary and cites its rule', () => {
		for (const lang of ['zh', 'en'] as const) {
			const sut = buildReport(nested, { lang, footprint, illustrative: false });
			expect(sut.outside).toHaveLength(1);
			expect(sut.outside[0].finding).toBe(lang === 'zh' ? '项目范围全部位于城镇开发边界外。' : 'The whole footprint lies outside the urban development boundary.');
			expect(sut.outside[0].severityLabel).toBe(lang === 'zh' ? '须审批' : 'Needs approval');
			expect(sut.rules.map((r) => r.basis).join()).toContain(lang === 'zh' ? '自然资发〔2023〕193号' : 'No. 193');
		}
		const csv = conflictsToCsv(nested, 'en');
		expect(csv).toContain('Layer id,Outside layer,Wholly outside (1/0)');
		expect(csv).toMatch(/urban-development-boundary,Urban development boundary,1,\d+(\.\d+)?,/);
		const fc = conflictsToGeoJson(nested, [], footprint);
		expect(fc.features[0].properties).toMatchObject({ layerAreas: nested.layerAreas, outside: [expect.objectContaining({ layer: 'urban-development-boundary', whole: true })] });
	});

	it('renders an answer saved before engine 1.1 without the new fields, and says why the areas are missing', () => {
		const { layerAreas: _a, outside: _o, ...old } = nested;
		const sut = buildReport(old, { lang: 'zh', footprint, illustrative: false });
		expect(sut.areas).toEqual([]);
		expect(sut.outside).toEqual([]);
		expect(sut.notices).toContain(sut.areaLabels.missing);
		expect(conflictsToCsv(old, 'zh').slice(1).split('\r\n')).toHaveLength(old.conflicts.length + 2);
	});
});

describe('reportMapSvg', () => {
	it('draws the footprint over the zones in registry colours, with scale bar, north arrow and legend', () => {
		const svg = reportMapSvg(footprint, zones, { lang: 'zh', width: 600, height: 400 });
		expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		expect(svg).toContain('data-role="footprint"');
		expect(svg).toContain('data-layer="water-source-protection"');
		expect(svg).toContain('fill="#08519c"'); // first-level zone colour from the registry
		expect(svg).toContain('fill="#d7301f"'); // redline
		expect(svg).toContain('data-role="scale-bar"');
		expect(svg).toContain('>北</text>');
		expect(svg).toContain('饮用水水源保护区 · 一级保护区');
		expect(svg).not.toMatch(/NaN|undefined/);
	});

	it('keeps one scale both ways and a round scale bar', () => {
		const d = reportMapDrawing(footprint, zones, { width: 600, height: 400 });
		const [w, s, e, n] = d.bbox;
		const kx = 111_320 * Math.cos((44.004 * Math.PI) / 180);
		expect(((e - w) * kx) / 600).toBeCloseTo(((n - s) * 110_574) / 400, 1);
		expect(d.scaleBar.label).toMatch(/^(1|2|5)(0*) (m|km)$/);
		expect(d.scaleBar.length * d.metresPerUnit).toBeCloseTo(Number(d.scaleBar.label.split(' ')[0]) * (d.scaleBar.label.endsWith('km') ? 1000 : 1), 6);
		const fp = d.shapes.find((sh) => sh.role === 'footprint')!;
		for (const [x, y] of fp.rings[0]) {
			expect(x).toBeGreaterThan(0);
			expect(x).toBeLessThan(600);
			expect(y).toBeGreaterThan(0);
			expect(y).toBeLessThan(400);
		}
	});
});

describe('exports', () => {
	it('writes CSV with a BOM, CRLF and quoted fields', () => {
		const csv = conflictsToCsv(response, 'zh');
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		const lines = csv.slice(1).split('\r\n');
		expect(lines[0].split(',')[0]).toBe('序号');
		// header, conflict rows, a blank line, the areas' header and rows (first level, union), final empty
		expect(lines).toHaveLength(1 + response.conflicts.length + 1 + 1 + 2 + 1);
		expect(lines[response.conflicts.length + 1]).toBe('');
		expect(lines[response.conflicts.length + 2].startsWith('图层,图层名称,类别')).toBe(true);
		const areas = lines.slice(response.conflicts.length + 3, -1).map((l) => l.split(','));
		expect(areas.map((a) => [a[0], a[2], a[3]])).toEqual([
			['water-source-protection', 'level', '一级保护区'],
			['water-source-protection', 'union', '图层合计（并集）']
		]);
		expect(Number(areas[1][4])).toBe(response.layerAreas![0].unionM2);
		expect(csv).toContain('"天山北坡水源涵养红线, ""东段"""');
		const water = lines.find((l) => l.includes('water-source-protection'))!;
		const c = response.conflicts.find((x) => x.layer === 'water-source-protection')!;
		expect(water).toContain(`,${c.overlapM2},`);
		expect(water).toContain('0123456789abcdef');
		expect(conflictsToCsv(response, 'en').slice(1).startsWith('No.,Layer id')).toBe(true);
	});

	it('writes GeoJSON with the footprint and each conflicting zone', () => {
		const fc = conflictsToGeoJson(response, zones.slice(0, 1), footprint);
		expect(fc.features[0]).toMatchObject({ properties: { role: 'footprint', verdict: 'forbidden', reportId: '0123456789abcdef' }, geometry: footprint });
		const water = fc.features.find((f) => f.properties?.layer === 'water-source-protection')!;
		expect(water.geometry).toEqual(zone);
		expect(water.properties).toMatchObject({ role: 'zone', featureId: 11, level: 'first', severity: 'forbidden' });
		const redlineFeature = fc.features.find((f) => f.properties?.layer === 'ecological-redline')!;
		expect(redlineFeature.geometry).toBeNull(); // no geometry supplied: still listed
	});

	it('names the saved check, its project and time in the exports of a record', () => {
		const record = { id: 42, projectName: '测试项目, 一期', developer: '昌吉测试公司', author: '甲' };
		const lines = conflictsToCsv(response, 'zh', record).slice(1).split('\r\n');
		expect(lines[0].endsWith('检查记录编号,项目名称,建设单位,检查时间')).toBe(true);
		for (const row of lines.slice(1, 1 + response.conflicts.length)) expect(row.endsWith(`,42,"测试项目, 一期",昌吉测试公司,${response.checkedAt}`)).toBe(true);
		const fc = conflictsToGeoJson(response, zones, footprint, record);
		expect(fc.features[0].properties).toMatchObject({ savedCheck: 42, projectName: '测试项目, 一期', developer: '昌吉测试公司', checkedAt: response.checkedAt });
	});
});
