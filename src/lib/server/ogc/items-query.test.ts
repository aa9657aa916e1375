import { describe, expect, it } from 'vitest';
import { getLayer } from '../../layers/registry';
import { MAX_LIMIT, parseItemsQuery } from './items-query';

const mines = getLayer('mine-restoration')!;
const stations = getLayer('monitoring-station')!;
const parse = (layer = mines, query = '') => parseItemsQuery(layer, new URLSearchParams(query));

describe('parseItemsQuery', () => {
	it('has defaults and clamps limit to the maximum', () => {
		expect(parse()).toEqual({ ok: true, value: { limit: 100, offset: 0, bbox: null, filters: [] } });
		const sut = parse(mines, `limit=${MAX_LIMIT * 10}`);
		expect(sut.ok && sut.value.limit).toBe(MAX_LIMIT);
	});

	it('reads a bbox of 4 or 6 numbers', () => {
		expect(parse(mines, 'bbox=87,44,88,45').ok && parse(mines, 'bbox=87,44,88,45')).toMatchObject({ value: { bbox: [87, 44, 88, 45] } });
		expect(parse(mines, 'bbox=87,44,0,88,45,100')).toMatchObject({ value: { bbox: [87, 44, 88, 45] } });
	});

	it('types property filters by the registry', () => {
		const sut = parse(mines, 'status=completed&restored_ha=12.5&start_date=2024-05-01');
		expect(sut.ok && sut.value.filters.map((f) => [f.attribute.name, f.value])).toEqual([
			['status', 'completed'],
			['restored_ha', 12.5],
			['start_date', '2024-05-01']
		]);
		expect(parse(stations, 'measures=air')).toMatchObject({ ok: true });
	});

	it.each([
		['limit=0', /at least 1/],
		['limit=ten', /limit must be/],
		['offset=-1', /offset must be/],
		['bbox=1,2,3', /bbox must be 4/],
		['bbox=88,44,87,45', /minLon/],
		['bbox=200,44,201,45', /WGS84/],
		['status=burning', /status must be one of/],
		['restored_ha=lots', /restored_ha must be a number/],
		['illustrative=yes', /true or false/],
		['start_date=May', /date/],
		['colour=red', /unknown parameter "colour"/],
		['status=planned&status=accepted', /more than once/],
		['datetime=yesterday', /datetime/]
	])('rejects %s', (query, message) => {
		const sut = parse(mines, query);
		expect(sut.ok).toBe(false);
		expect(!sut.ok && sut.message.en).toMatch(message);
		expect(!sut.ok && sut.message.zh).toMatch(/[\u4e00-\u9fff]/);
	});

	it('refuses filters on attributes the public may not see', () => {
		// All attributes are public today; a private one is simply not a parameter.
		const privateLayer = { ...mines, attributes: mines.attributes.map((a) => (a.name === 'responsible_unit' ? { ...a, public: false } : a)) };
		expect(parse(privateLayer, 'responsible_unit=x')).toMatchObject({ ok: false });
	});
});
