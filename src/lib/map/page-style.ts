import type { StyleSpecification } from 'maplibre-gl';
import { schematicLabels } from './basemap';
import { LAYER_KEY } from './public-style';

/**
 * /style.json as the public map starts with it: every registry layer hidden until its
 * component shows it (so a hidden layer costs no tile request, and the basemap layers wait
 * for the first settled frame), the prefecture outline empty until the zoning layers are
 * drawn, the basemap's names in the page's language, and no per-source attribution — the
 * page credits its data once, in the reader's language, in its own attribution control
 * (the style's attributions are bilingual, for other clients).
 */
export function pageStyle(style: StyleSpecification, locale: string): StyleSpecification {
	const localNames = new Map(schematicLabels(locale).map((layer) => [layer.id, layer]));
	const layers = style.layers.map((layer) => {
		const named = localNames.get(layer.id);
		if (named) return named;
		return layer.metadata && typeof layer.metadata === 'object' && LAYER_KEY in layer.metadata
			? ({ ...layer, layout: { ...layer.layout, visibility: 'none' } } as typeof layer)
			: layer;
	});
	const sources: StyleSpecification['sources'] = {};
	for (const [id, source] of Object.entries(style.sources))
		sources[id] = source.type === 'vector' || source.type === 'geojson' ? { ...source, attribution: '' } : source;
	if (sources['basemap:prefecture']?.type === 'geojson') sources['basemap:prefecture'] = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
	return { ...style, sources, layers };
}
