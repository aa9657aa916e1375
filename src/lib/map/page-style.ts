import type { StyleSpecification } from 'maplibre-gl';
import { LAYER_KEY } from './public-style';

/**
 * /style.json as the public map starts with it: every registry layer hidden until its
 * component shows it (so a hidden layer costs no tile request, and the basemap layers wait
 * for the first settled frame), the prefecture outline empty until the zoning layers are
 * drawn, the schematic basemap credited in the page's language.
 */
export function pageStyle(style: StyleSpecification, landscapeAttribution: string): StyleSpecification {
	const layers = style.layers.map((layer) =>
		layer.metadata && typeof layer.metadata === 'object' && LAYER_KEY in layer.metadata
			? ({ ...layer, layout: { ...layer.layout, visibility: 'none' } } as typeof layer)
			: layer
	);
	const sources = { ...style.sources };
	const landscape = sources['basemap:landscape'];
	if (landscape?.type === 'geojson') sources['basemap:landscape'] = { ...landscape, attribution: landscapeAttribution };
	if (sources['basemap:prefecture']?.type === 'geojson') sources['basemap:prefecture'] = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
	return { ...style, sources, layers };
}
