import { describe, expect, it } from 'vitest';
import { getLayer, LAYERS } from '../layers/registry';
import { renderLayerStyle } from './layer-style';

const layer = (id: string) => {
	const found = getLayer(id);
	if (!found) throw new Error(`no layer ${id}`);
	return found;
};

describe('renderLayerStyle', () => {
	it('turns a fill style into a fill and an outline layer reading the layer’s source layer', () => {
		const sut = renderLayerStyle(layer('ecological-redline'), { source: 'src' });
		expect(sut.layers.map((l) => [l.id, l.type, l.source, l['source-layer']])).toEqual([
			['ecological-redline:fill', 'fill', 'src', 'ecological-redline'],
			['ecological-redline:outline', 'line', 'src', 'ecological-redline']
		]);
		expect(sut.layers[0].paint).toMatchObject({ 'fill-color': '#d7301f' });
		expect(sut.legend).toEqual([{ kind: 'fill', color: '#d7301f', stroke: '#b30000', opacity: 0.22 }]);
	});

	it('colours by attribute with a match expression, and gives one labelled swatch per value', () => {
		const sut = renderLayerStyle(layer('coal-fire'), { source: 'coal-fire' });
		expect(sut.layers[0].paint).toMatchObject({
			'fill-color': [
				'match',
				['to-string', ['get', 'status']],
				'untreated',
				'#b30000',
				'in_treatment',
				'#e34a33',
				'extinguished',
				'#969696',
				'monitoring',
				'#fc8d59',
				'#e34a33'
			]
		});
		expect(sut.legend.map((s) => [s.color, s.label?.zh, s.label?.en])).toEqual([
			['#b30000', '未治理', 'Untreated'],
			['#e34a33', '治理中', 'In treatment'],
			['#969696', '已熄灭', 'Extinguished'],
			['#fc8d59', '熄灭后监测', 'Monitoring after extinction']
		]);
	});

	it('multiplies the user’s opacity into the registry’s, for map and legend alike', () => {
		const sut = renderLayerStyle(layer('ecological-redline'), { source: 's', opacity: 0.5 });
		const fillOpacity = sut.layers[0].paint?.['fill-opacity' as never];
		// Registry 0.22: selected 0.22 + 0.35, hovered 0.22 + 0.2, plain 0.22, each times 0.5.
		expect(fillOpacity).toEqual(['case', expect.anything(), 0.285, expect.anything(), 0.21, 0.11]);
		expect(sut.legend[0].opacity).toBe(0.11);
	});

	it('draws hovered and selected features stronger through feature-state', () => {
		const sut = renderLayerStyle(layer('coal-fire'), { source: 's' });
		expect(JSON.stringify(sut.layers[1].paint)).toContain('"feature-state","selected"');
		expect(JSON.stringify(sut.layers[1].paint)).toContain('"feature-state","hover"');
	});

	it('hides all of a layer’s style layers when it is not visible', () => {
		const sut = renderLayerStyle(layer('town'), { source: 's', visible: false });
		expect(sut.layers.map((l) => l.layout?.visibility)).toEqual(['none']);
		expect(sut.layers[0].type).toBe('circle');
	});

	it('handles every registry layer, with a swatch for each', () => {
		for (const def of LAYERS) {
			const sut = renderLayerStyle(def, { source: def.id });
			expect(sut.layers.length).toBeGreaterThan(0);
			expect(sut.legend.length).toBeGreaterThan(0);
			for (const l of sut.layers) expect(l.minzoom).toBe(def.minzoom);
		}
	});

	it('keeps the basemap readable with every zoning and restoration layer on at one place', () => {
		// Where all their fills overlap, the share of the basemap (and its landscape names) that still shows through.
		const fills = LAYERS.filter((l) => (l.group === 'zoning' || l.group === 'restoration') && l.style.kind === 'fill');
		expect(fills.length).toBeGreaterThan(4);
		const opacity = (l: (typeof fills)[number]) => (l.style.kind === 'fill' ? l.style.fillOpacity : 0);
		// The 三区三线 never overlap one another (redline, farmland, development boundary): at one place only the most opaque of them.
		const threeLines = new Set(['ecological-redline', 'permanent-basic-farmland', 'urban-development-boundary']);
		const worstLine = Math.max(...fills.filter((l) => threeLines.has(l.id)).map(opacity));
		const through = fills.filter((l) => !threeLines.has(l.id)).reduce((share, l) => share * (1 - opacity(l)), 1 - worstLine);
		expect(through).toBeGreaterThanOrEqual(0.15);
	});
});
