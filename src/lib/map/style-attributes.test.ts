import { describe, expect, it } from 'vitest';
import { getLayer, LAYERS } from '../layers/registry';
import { styleAttributes } from './style-attributes';

const names = (id: string) => styleAttributes(getLayer(id)!).map((a) => a.name);

describe('styleAttributes', () => {
	it('lists what the colours and labels read, and nothing else', () => {
		expect(names('town').sort()).toEqual(['kind', 'name', 'name_en']);
		expect(names('river').sort()).toEqual(['name', 'name_en']);
		expect(names('mine-restoration')).toEqual(['status']);
		expect(names('water-source-protection')).toEqual(['zone_level']);
		expect(names('ecological-redline')).toEqual([]);
	});

	it('only ever names public attributes of the layer', () => {
		for (const layer of LAYERS) {
			const allowed = new Set(layer.attributes.filter((a) => a.public).map((a) => a.name));
			for (const a of styleAttributes(layer)) expect(allowed.has(a.name), `${layer.id}.${a.name}`).toBe(true);
		}
	});
});
