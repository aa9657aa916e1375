import { FIELD_LAYERS, type FieldLayer } from '../../api/field';
import { getLayer } from '../../layers/registry';
import type { AttributeDef, LayerDef, Localized } from '../../layers/types';

/** The registry entry of a field layer (the registry must hold every one). */
export function fieldLayerDef(id: FieldLayer): LayerDef {
	const layer = getLayer(id);
	if (!layer) throw new Error(`The registry has no layer "${id}"`);
	return layer;
}

export const fieldLayerDefs = (): LayerDef[] => FIELD_LAYERS.map(fieldLayerDef);

export function hasAttribute(layer: LayerDef, name: string): boolean {
	return layer.attributes.some((a) => a.name === name);
}

/** The layer's status attribute (mine restoration, coal fire), if it has one. */
export function statusAttribute(layer: LayerDef): AttributeDef | undefined {
	return layer.attributes.find((a) => a.name === 'status' && a.type === 'enum');
}

/** The label of a status value, or null for none; an unknown value is shown as itself. */
export function statusLabel(layer: LayerDef, status: string | null): Localized | null {
	if (status === null) return null;
	return statusAttribute(layer)?.values?.[status] ?? { zh: status, en: status };
}
