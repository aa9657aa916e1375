import type {
	CircleLayerSpecification,
	DataDrivenPropertyValueSpecification,
	ExpressionSpecification,
	FillLayerSpecification,
	LineLayerSpecification
} from 'maplibre-gl';
import type { LayerDef, Localized } from '../layers/types';

/** One legend entry: what a colour on the map means. */
export interface LegendSwatch {
	kind: 'fill' | 'line' | 'circle';
	color: string;
	/** Outline (fills) or stroke (circles). */
	stroke?: string;
	/** Opacity as drawn on the map at the current layer opacity. */
	opacity: number;
	/** The enum value's label; absent when one colour stands for the whole layer. */
	label?: Localized;
}

export type StyleLayer = FillLayerSpecification | LineLayerSpecification | CircleLayerSpecification;

export interface RenderedLayerStyle {
	/** MapLibre style layers, bottom to top. */
	layers: StyleLayer[];
	legend: LegendSwatch[];
}

export interface LayerStyleOptions {
	/** Source id; the source layer in the tiles is always the layer id. */
	source: string;
	/** The user's opacity (0–1), multiplied into the registry's own. */
	opacity?: number;
	visible?: boolean;
}

const SELECTED_OUTLINE = '#111827';

const isSelected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
const isHovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];

/** A value that depends on whether the feature is selected, hovered or neither (feature-state). */
function byInteraction(selected: number | string, hovered: number | string, plain: number | string): ExpressionSpecification {
	return ['case', isSelected, selected, isHovered, hovered, plain];
}

function colorExpression(
	base: string,
	byAttribute: { attribute: string; colors: Record<string, string> } | undefined
): DataDrivenPropertyValueSpecification<string> {
	if (!byAttribute) return base;
	const pairs = Object.entries(byAttribute.colors).flat();
	return ['match', ['to-string', ['get', byAttribute.attribute]], ...pairs, base] as ExpressionSpecification;
}

function legendFor(
	layer: LayerDef,
	kind: LegendSwatch['kind'],
	base: string,
	stroke: string | undefined,
	opacity: number,
	byAttribute: { attribute: string; colors: Record<string, string> } | undefined
): LegendSwatch[] {
	if (!byAttribute) return [{ kind, color: base, stroke, opacity }];
	const values = layer.attributes.find((a) => a.name === byAttribute.attribute)?.values ?? {};
	return Object.entries(byAttribute.colors).map(([value, color]) => ({
		kind,
		color,
		stroke,
		opacity,
		label: values[value] ?? { zh: value, en: value }
	}));
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * The one translation of a registry style into MapLibre: the map's style layers and the
 * legend's swatches come from the same call, so they cannot disagree. Hovered and
 * selected features (feature-state `hover` / `selected`) are drawn stronger.
 *
 * @example
 * const { layers, legend } = renderLayerStyle(getLayer('coal-fire')!, { source: 'coal-fire', opacity: 0.8 });
 * layers.forEach((l) => map.addLayer(l));
 */
export function renderLayerStyle(layer: LayerDef, options: LayerStyleOptions): RenderedLayerStyle {
	const userOpacity = Math.min(1, Math.max(0, options.opacity ?? 1));
	const layout = { visibility: options.visible === false ? ('none' as const) : ('visible' as const) };
	const common = { source: options.source, 'source-layer': layer.id, minzoom: layer.minzoom };
	const style = layer.style;

	switch (style.kind) {
		case 'fill': {
			const plain = style.fillOpacity * userOpacity;
			const hovered = Math.min(1, style.fillOpacity + 0.2) * userOpacity;
			const selected = Math.min(1, style.fillOpacity + 0.35) * userOpacity;
			return {
				layers: [
					{
						...common,
						id: `${layer.id}:fill`,
						type: 'fill',
						layout,
						paint: {
							'fill-color': colorExpression(style.fill, style.byAttribute),
							'fill-opacity': byInteraction(round(selected), round(hovered), round(plain))
						}
					},
					{
						...common,
						id: `${layer.id}:outline`,
						type: 'line',
						layout,
						paint: {
							'line-color': ['case', isSelected, SELECTED_OUTLINE, style.outline],
							'line-width': byInteraction(3, 2, 1),
							'line-opacity': round(userOpacity)
						}
					}
				],
				legend: legendFor(layer, 'fill', style.fill, style.outline, round(plain), style.byAttribute)
			};
		}
		case 'line':
			return {
				layers: [
					{
						...common,
						id: `${layer.id}:line`,
						type: 'line',
						layout: { ...layout, 'line-cap': 'round', 'line-join': 'round' },
						paint: {
							'line-color': ['case', isSelected, SELECTED_OUTLINE, style.color],
							'line-width': byInteraction(style.width + 2, style.width + 1, style.width),
							'line-opacity': round(userOpacity)
						}
					}
				],
				legend: legendFor(layer, 'line', style.color, undefined, round(userOpacity), undefined)
			};
		case 'circle':
			return {
				layers: [
					{
						...common,
						id: `${layer.id}:circle`,
						type: 'circle',
						layout,
						paint: {
							'circle-color': colorExpression(style.color, style.byAttribute),
							'circle-radius': byInteraction(style.radius + 3, style.radius + 1.5, style.radius),
							'circle-stroke-color': ['case', isSelected, SELECTED_OUTLINE, style.stroke],
							'circle-stroke-width': byInteraction(2.5, 1.5, 1),
							'circle-opacity': round(userOpacity),
							'circle-stroke-opacity': round(userOpacity)
						}
					}
				],
				legend: legendFor(layer, 'circle', style.color, style.stroke, round(userOpacity), style.byAttribute)
			};
	}
}
