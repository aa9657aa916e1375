import { publicAttributes } from '../layers/registry';
import type { AttributeDef, LayerDef } from '../layers/types';
import { labelLayerFor } from './basemap';
import { renderLayerStyle } from './layer-style';

/** Every `["get", name]` in a style value (filters, paint and layout expressions, nested). */
function namesRead(value: unknown, into: Set<string>): Set<string> {
	if (Array.isArray(value)) {
		if (value[0] === 'get' && typeof value[1] === 'string' && value.length === 2) into.add(value[1]);
		for (const item of value) namesRead(item, into);
	} else if (value && typeof value === 'object') for (const item of Object.values(value)) namesRead(item, into);
	return into;
}

const cache = new Map<string, AttributeDef[]>();

/**
 * The public attributes the map's style reads from a layer's tiles: its colours by attribute
 * and its labels in both languages. Read off the style itself, so a style that starts reading
 * another attribute gets it in low-zoom tiles without a second list to keep in step. Feature
 * cards do not need more: they fetch a feature's details by its id.
 *
 * @example styleAttributes(getLayer('town')!).map((a) => a.name) // ['name', 'name_en', 'kind']
 */
export function styleAttributes(layer: LayerDef): AttributeDef[] {
	let attributes = cache.get(layer.id);
	if (!attributes) {
		const styleLayers = [
			...renderLayerStyle(layer, { source: layer.id }).layers,
			...[labelLayerFor(layer.id, 'zh'), labelLayerFor(layer.id, 'en')].filter((l) => l !== undefined)
		];
		const read = namesRead(styleLayers.map((l) => [l.filter, l.layout, l.paint]), new Set());
		attributes = publicAttributes(layer).filter((a) => read.has(a.name));
		cache.set(layer.id, attributes);
	}
	return attributes;
}
