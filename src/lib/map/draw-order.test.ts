import { describe, expect, it } from 'vitest';
import { DRAWN_LAYERS, insertBelow, loadsAfterFirstSettle } from './draw-order';

const drawn = (id: string) => DRAWN_LAYERS.find((d) => d.layer.id === id)!;

describe('insertBelow', () => {
	it('puts a layer under the next layer of its slot that is already on the map', () => {
		const onMap = new Set(['ecological-redline:fill', 'water-source-protection:fill']);
		expect(insertBelow(drawn('control-unit'), (id) => onMap.has(id))).toBe('ecological-redline:fill');
		expect(insertBelow(drawn('sand-closure-reserve'), (id) => onMap.has(id))).toBe('water-source-protection:fill');
	});

	it('falls back to the top of its slot', () => {
		expect(insertBelow(drawn('water-source-protection'), () => true)).toBe('slot:zoning');
		expect(insertBelow(drawn('coal-fire'), () => false)).toBe('slot:restoration');
		expect(insertBelow(drawn('control-unit'), () => false)).toBe('slot:zoning');
	});
});

describe('loadsAfterFirstSettle', () => {
	it('holds back only the basemap’s own layers', () => {
		expect(DRAWN_LAYERS.filter(loadsAfterFirstSettle).map((d) => d.layer.id)).toEqual(['lake', 'river', 'county', 'town']);
	});
});
