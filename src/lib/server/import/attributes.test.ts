import { describe, expect, it } from 'vitest';
import { getLayer } from '../../layers/registry';
import { convertAttributes, parseAttributeMap, planAttributes } from './attributes';

const coalFire = getLayer('coal-fire')!;
const mine = getLayer('mine-restoration')!;
const station = getLayer('monitoring-station')!;
const defaults = { sourceNote: 'fires.shp' };

describe('parseAttributeMap', () => {
	it('reads pairs separated by ASCII or Chinese commas', () => {
		expect(parseAttributeMap('名称=name，ZT=status, BH = code')).toEqual({ 名称: 'name', ZT: 'status', BH: 'code' });
		expect(() => parseAttributeMap('name')).toThrow(/should read source=attribute/);
	});
});

describe('planAttributes', () => {
	it('maps explicitly, by name (any case) and by the zh/en label', () => {
		const plan = planAttributes(coalFire, ['BH', 'NAME', '治理状态', 'County', 'other'], { BH: 'code' });
		expect(Object.fromEntries(plan)).toEqual({ code: 'BH', name: 'NAME', status: '治理状态', county: 'County' });
	});

	it('refuses unknown targets and sources, listing what there is', () => {
		expect(() => planAttributes(coalFire, ['a'], { a: 'colour' })).toThrow(/attribute mapping is wrong/);
		try {
			planAttributes(coalFire, ['a'], { a: 'colour', b: 'name' });
		} catch (error) {
			const details = (error as { details: { en: string }[] }).details.map((d) => d.en);
			expect(details[0]).toContain('no attribute "colour"; it has: code');
			expect(details[1]).toContain('no field "b"; its fields: a');
		}
	});
});

describe('convertAttributes', () => {
	it('turns enum labels into codes and fills in provenance', () => {
		const plan = planAttributes(coalFire, ['名称', 'ZT'], { 名称: 'name', ZT: 'status' });
		expect(convertAttributes(coalFire, plan, { 名称: '庙尔沟火区', ZT: '已熄灭' }, defaults)).toEqual({
			values: { name: '庙尔沟火区', status: 'extinguished', illustrative: false, source_note: 'fires.shp' },
			problems: []
		});
		expect(convertAttributes(coalFire, plan, { 名称: 'x', ZT: 'In treatment' }, defaults).values.status).toBe('in_treatment');
		expect(convertAttributes(coalFire, plan, { 名称: 'x', ZT: 'monitoring' }, defaults).values.status).toBe('monitoring');
	});

	it('keeps provenance the file gives', () => {
		const plan = planAttributes(coalFire, ['name', 'status', 'illustrative', 'source_note']);
		const { values } = convertAttributes(coalFire, plan, { name: 'x', status: 'untreated', illustrative: '是', source_note: '州局 2024' }, defaults);
		expect(values).toMatchObject({ illustrative: true, source_note: '州局 2024' });
	});

	it('reports missing required attributes and invalid codes', () => {
		const plan = planAttributes(coalFire, ['name', 'status']);
		const { problems } = convertAttributes(coalFire, plan, { name: '', status: '烧着呢' }, defaults);
		expect(problems.map((p) => p.en)).toEqual([
			'required attribute name (Name) is missing',
			expect.stringMatching(/^"烧着呢" is not a valid status; use one of: untreated \(Untreated\)/)
		]);
		expect(problems[0].zh).toBe('缺少必填属性 name（名称）');
	});

	it('converts numbers, dates and text', () => {
		const plan = planAttributes(mine, ['name', 'site_type', 'status', 'restored_ha', 'start_date', 'end_date', 'code']);
		const row = { name: '黄羊山', site_type: '采石场', status: '已验收', restored_ha: '1,204.5', start_date: '2023年6月1日', end_date: '20241130', code: 17 };
		expect(convertAttributes(mine, plan, row, defaults)).toEqual({
			values: {
				name: '黄羊山',
				site_type: 'quarry',
				status: 'accepted',
				restored_ha: 1204.5,
				start_date: '2023-06-01',
				end_date: '2024-11-30',
				code: '17',
				illustrative: false,
				source_note: 'fires.shp'
			},
			problems: []
		});
		const bad = convertAttributes(mine, plan, { ...row, restored_ha: 'many', start_date: '2023-02-30' }, defaults);
		expect(bad.problems.map((p) => p.en)).toEqual(['restored_ha: "many" is not a number', 'start_date: "2023-02-30" is not a date (such as 2024-03-15)']);
	});

	it('reads text[] from lists or separated text, with labels', () => {
		const plan = planAttributes(station, ['name', 'kind', 'measures']);
		const row = (measures: unknown) => convertAttributes(station, plan, { name: 's', kind: '微型站', measures }, defaults);
		expect(row('空气、水质；noise').values.measures).toEqual(['air', 'water', 'noise']);
		expect(row(['radiation', 'Air']).values.measures).toEqual(['radiation', 'air']);
		expect(row('air, smell').problems[0].en).toContain('"smell" is not a valid measures');
		expect(row('air').values.kind).toBe('micro');
	});

	it('reads the list syntax GDAL writes to KML, "(2:air,noise)"', () => {
		const plan = planAttributes(station, ['name', 'kind', 'measures']);
		const row = (measures: unknown) => convertAttributes(station, plan, { name: 's', kind: 'micro', measures }, defaults);
		expect(row('(2:air,noise)')).toMatchObject({ values: { measures: ['air', 'noise'] }, problems: [] });
		expect(row('(1:水质)').values.measures).toEqual(['water']);
		expect(row('(0:)').values.measures).toEqual([]);
	});
});

describe('field names cut to 10 characters (dBase)', () => {
	const water = getLayer('water-source-protection')!;

	it('matches a cut name when only one attribute starts that way, and says so', () => {
		const notes: { zh: string; en: string }[] = [];
		const plan = planAttributes(water, ['SOURCE_ID', 'source_typ', 'zone_level'], {}, notes);
		expect(plan.get('source_type')).toBe('source_typ');
		expect(notes.map((n) => n.en)).toEqual(['Field source_typ (cut to 10 characters) was matched to attribute source_type']);
		expect(notes[0].zh).toBe('字段 source_typ（截短为 10 个字符）对应属性 source_type');
	});

	it('leaves a cut name that fits two attributes to --map, and says which', () => {
		const notes: { zh: string; en: string }[] = [];
		const plan = planAttributes(water, ['source_nam', 'source_n_1'], {}, notes);
		expect(plan.has('source_name')).toBe(false);
		expect(plan.has('source_name_en')).toBe(false);
		expect(notes.map((n) => n.en)).toEqual([
			'Field source_nam may be any of source_name, source_name_en cut to 10 characters and was not matched; say which with --map source_nam=<attribute>'
		]);
		expect(planAttributes(water, ['source_nam'], { source_nam: 'source_name' }).get('source_name')).toBe('source_nam');
	});
});
