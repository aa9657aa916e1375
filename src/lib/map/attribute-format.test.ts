import { describe, expect, it } from 'vitest';
import { getLayer } from '../layers/registry';
import { cardAttributes, featureName, formatAttribute, ruleClause } from './attribute-format';

const layer = (id: string) => getLayer(id)!;
const attr = (layerId: string, name: string) => layer(layerId).attributes.find((a) => a.name === name)!;
const yesNo: [string, string] = ['是', '否'];

describe('formatAttribute', () => {
	it('shows enum labels in the reader’s language', () => {
		expect(formatAttribute(attr('coal-fire', 'status'), 'extinguished', 'zh-CN', yesNo)).toBe('已熄灭');
		expect(formatAttribute(attr('coal-fire', 'status'), 'extinguished', 'en', yesNo)).toBe('Extinguished');
		expect(formatAttribute(attr('coal-fire', 'county'), '阜康市', 'en', yesNo)).toBe('Fukang');
	});
	it('adds units to numbers and lists enum arrays', () => {
		expect(formatAttribute(attr('mine-restoration', 'restored_ha'), 1234.5, 'en', yesNo)).toBe('1,235 ha');
		expect(formatAttribute(attr('mine-restoration', 'restored_ha'), 12.345, 'zh-CN', yesNo)).toBe('12.35 公顷');
		expect(formatAttribute(attr('monitoring-station', 'measures'), ['air', 'water'], 'zh-CN', yesNo)).toBe('空气、水质');
		expect(formatAttribute(attr('sand-closure-reserve', 'established_year'), 2015, 'en', yesNo)).toBe('2015');
	});
	it('formats dates and leaves empty values out', () => {
		expect(formatAttribute(attr('mine-restoration', 'start_date'), '2024-05-01', 'zh-CN', yesNo)).toBe('2024年5月1日');
		expect(formatAttribute(attr('mine-restoration', 'end_date'), null, 'zh-CN', yesNo)).toBeNull();
	});
});

describe('feature card helpers', () => {
	it('lists public attributes except the name and provenance', () => {
		expect(cardAttributes(layer('coal-fire')).map((a) => a.name)).toEqual(['code', 'county', 'status']);
	});
	it('names a feature in English when it has an English name', () => {
		expect(featureName({ name: '庙尔沟火区', name_en: 'Miaoergou fire zone' }, 'en')).toBe('Miaoergou fire zone');
		expect(featureName({ name: '庙尔沟火区', name_en: null }, 'en')).toBe('庙尔沟火区');
		expect(featureName({ name: '庙尔沟火区', name_en: 'Miaoergou' }, 'zh-CN')).toBe('庙尔沟火区');
	});
	it('picks the rule clause by the zone level', () => {
		expect(ruleClause(layer('water-source-protection'), { zone_level: 'first' })?.severity).toBe('forbidden');
		expect(ruleClause(layer('water-source-protection'), { zone_level: 'quasi' })?.severity).toBe('restricted');
		expect(ruleClause(layer('ecological-redline'), {})?.severity).toBe('forbidden');
		expect(ruleClause(layer('town'), {})).toBeUndefined();
	});
});
