import type {
	BackgroundLayerSpecification,
	ExpressionSpecification,
	FillLayerSpecification,
	LineLayerSpecification,
	RasterLayerSpecification,
	RasterSourceSpecification,
	SymbolLayerSpecification
} from 'maplibre-gl';
import type { Localized } from '../layers/types';

/**
 * Basemaps. The default is schematic and bundled: landscape belts shipped in
 * static/basemap, the prefecture outline, counties, rivers, lakes and towns from our own
 * tiles, labels drawn by the browser. Online basemaps appear only when the server is
 * configured for them (TIANDITU_TOKEN, BASEMAP_XYZ_URL).
 */
export type BasemapId = 'schematic' | 'tianditu-vector' | 'tianditu-imagery' | 'xyz';

/** What the server tells the page about online basemaps. */
export interface BasemapAvailability {
	/** Tianditu's browser key (tk): it is sent with every tile request, so it is public by design. */
	tiandituToken?: string;
	xyz?: { url: string; attribution: string };
}

export interface BasemapOption {
	id: BasemapId;
	title: Localized;
	online: boolean;
}

const L = (zh: string, en: string): Localized => ({ zh, en });

export function basemapOptions(available: BasemapAvailability): BasemapOption[] {
	const options: BasemapOption[] = [{ id: 'schematic', title: L('示意底图（内置）', 'Schematic (built in)'), online: false }];
	if (available.tiandituToken) {
		options.push({ id: 'tianditu-vector', title: L('天地图 矢量', 'Tianditu map'), online: true });
		options.push({ id: 'tianditu-imagery', title: L('天地图 影像', 'Tianditu imagery'), online: true });
	}
	if (available.xyz) options.push({ id: 'xyz', title: L('在线底图', 'Online basemap'), online: true });
	return options;
}

/** Tianditu WMTS tiles in Web Mercator (…_w), spread over its eight hosts. */
function tiandituTiles(layer: string, token: string): string[] {
	return Array.from(
		{ length: 8 },
		(_, i) =>
			`https://t${i}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(token)}`
	);
}

const TIANDITU_ATTRIBUTION = '© 天地图 Tianditu';

export interface RasterBasemap {
	sources: Record<string, RasterSourceSpecification>;
	layers: RasterLayerSpecification[];
}

/**
 * The raster sources and layers of an online basemap; none for the schematic one.
 * Tianditu's annotation tiles come in Chinese (cva/cia) or English (eva/eia).
 */
export function rasterBasemap(id: BasemapId, available: BasemapAvailability, locale: string): RasterBasemap {
	const raster = (name: string, tiles: string[], attribution: string, maxzoom = 18) => ({
		source: { type: 'raster' as const, tiles, tileSize: 256, attribution, maxzoom },
		layer: { id: `basemap:${name}`, type: 'raster' as const, source: `basemap:${name}` }
	});
	const parts: ReturnType<typeof raster>[] = [];
	const token = available.tiandituToken;
	const english = locale === 'en';
	if (token && id === 'tianditu-vector') {
		parts.push(raster('vec', tiandituTiles('vec', token), TIANDITU_ATTRIBUTION));
		parts.push(raster('annotation', tiandituTiles(english ? 'eva' : 'cva', token), TIANDITU_ATTRIBUTION));
	}
	if (token && id === 'tianditu-imagery') {
		parts.push(raster('img', tiandituTiles('img', token), TIANDITU_ATTRIBUTION));
		parts.push(raster('annotation', tiandituTiles(english ? 'eia' : 'cia', token), TIANDITU_ATTRIBUTION));
	}
	if (available.xyz && id === 'xyz') parts.push(raster('xyz', [available.xyz.url], available.xyz.attribution, 19));
	return {
		sources: Object.fromEntries(parts.map((p) => [p.layer.source, p.source])),
		layers: parts.map((p) => p.layer)
	};
}

/** Fonts for labels. No glyph server: MapLibre draws every label with the browser's own fonts. */
export const LABEL_FONTS = ['Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'sans-serif'];
export const LOCAL_IDEOGRAPH_FONT_FAMILY = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/** Colours of the schematic landscape belts (static/basemap/landscape.geojson, property `kind`). */
export const LANDSCAPE_COLORS: Record<string, string> = {
	mountain: '#ddd6c8',
	glacier: '#f3f6f8',
	oasis: '#dcebcf',
	desert: '#f1e6c8',
	gobi: '#e8e2cd',
	/** Ürümqi, in the notch between Changji city and Fukang: not ours, but where everyone starts from. */
	urban: '#d8d2cc'
};

/** Beyond this zoom the schematic basemap has nothing finer to show (the map says so). */
export const SCHEMATIC_DETAIL_MAXZOOM = 12;

export const SCHEMATIC_BACKGROUND = '#ebe9e3';

/** The schematic land: background and landscape belts, under everything else. */
export function schematicLand(): (BackgroundLayerSpecification | FillLayerSpecification)[] {
	return [
		{ id: 'basemap:background', type: 'background', paint: { 'background-color': SCHEMATIC_BACKGROUND } },
		{
			id: 'basemap:landscape',
			type: 'fill',
			source: 'basemap:landscape',
			filter: ['!=', ['geometry-type'], 'Point'],
			paint: {
				'fill-color': ['match', ['get', 'kind'], ...Object.entries(LANDSCAPE_COLORS).flat(), SCHEMATIC_BACKGROUND] as never,
				'fill-antialias': false
			}
		}
	];
}

/**
 * Names for orientation on the schematic land (points of kind `label` in landscape.geojson):
 * Ürümqi, the neighbouring prefectures, the Tianshan, Bogda Peak and the desert. Drawn in
 * the labels slot, above every fill and the station hexagons.
 */
export function schematicLabels(locale: string): SymbolLayerSpecification[] {
	const role = (value: string): ExpressionSpecification => ['==', ['get', 'role'], value];
	return [
		{
			id: 'basemap:landscape-labels',
			type: 'symbol',
			source: 'basemap:landscape',
			filter: ['==', ['get', 'kind'], 'label'],
			layout: {
				'text-field': labelText(locale),
				'text-font': LABEL_FONTS,
				'text-size': ['case', role('city'), 14, role('range'), 15, role('desert'), 14, 12],
				'text-letter-spacing': ['case', role('range'), 0.6, role('desert'), 0.3, role('neighbour'), 0.15, 0.05],
				'text-max-width': 9,
				// The peak is a point: a triangle above its name.
				'text-anchor': ['case', role('peak'), 'top', 'center'],
				'text-offset': ['case', role('peak'), ['literal', [0, 0.2]], ['literal', [0, 0]]],
				'symbol-sort-key': ['case', role('city'), 0, role('peak'), 1, 2]
			},
			paint: {
				'text-color': ['case', role('city'), '#374151', role('neighbour'), '#7b7f86', role('desert'), '#8a6a2f', role('range'), '#6b5a45', '#5b4636'],
				'text-halo-color': 'rgba(255,255,255,0.85)',
				'text-halo-width': 1.3
			}
		},
		{
			id: 'basemap:landscape-peaks',
			type: 'symbol',
			source: 'basemap:landscape',
			filter: ['all', ['==', ['get', 'kind'], 'label'], role('peak')],
			layout: { 'text-field': '▲', 'text-font': LABEL_FONTS, 'text-size': 12, 'text-anchor': 'bottom', 'text-allow-overlap': true, 'text-ignore-placement': true },
			paint: { 'text-color': '#5b4636', 'text-halo-color': 'rgba(255,255,255,0.85)', 'text-halo-width': 1 }
		}
	];
}

/** The prefecture outline: a soft halo and a firm line, over the land and zones. */
export function prefectureOutlineLayers(): LineLayerSpecification[] {
	return [
		{
			id: 'basemap:prefecture-halo',
			type: 'line',
			source: 'basemap:prefecture',
			paint: { 'line-color': '#5b6b7c', 'line-width': 7, 'line-opacity': 0.18, 'line-blur': 3 }
		},
		{
			id: 'basemap:prefecture-line',
			type: 'line',
			source: 'basemap:prefecture',
			paint: { 'line-color': '#4b5563', 'line-width': 1.6 }
		}
	];
}

/** The name to show in this language: the English name where there is one, in English. */
export function labelText(locale: string): ExpressionSpecification {
	return locale === 'en' ? ['coalesce', ['get', 'name_en'], ['get', 'name']] : ['get', 'name'];
}

const HALO = { 'text-halo-color': 'rgba(255,255,255,0.92)', 'text-halo-width': 1.4 };

/** The label layer of a basemap registry layer (towns, rivers, lakes), drawn from its own tile source; none for others. */
export function labelLayerFor(layerId: string, locale: string): SymbolLayerSpecification | undefined {
	const text = labelText(locale);
	const common = { id: `label:${layerId}`, type: 'symbol' as const, source: layerId, 'source-layer': layerId };
	switch (layerId) {
		case 'river':
			return {
				...common,
				minzoom: 8,
				layout: { 'symbol-placement': 'line', 'text-field': text, 'text-font': LABEL_FONTS, 'text-size': 11, 'text-letter-spacing': 0.05 },
				paint: { 'text-color': '#1f5f99', ...HALO }
			};
		case 'lake':
			return {
				...common,
				minzoom: 8,
				layout: { 'text-field': text, 'text-font': LABEL_FONTS, 'text-size': 11 },
				paint: { 'text-color': '#1f5f99', ...HALO }
			};
		case 'town':
			return {
				...common,
				layout: {
					'text-field': text,
					'text-font': LABEL_FONTS,
					// The prefecture seat and the county seats first and larger; other towns from zoom 8.
					'text-size': ['match', ['get', 'kind'], 'prefecture_seat', 15, 'county_seat', 13, 12],
					'symbol-sort-key': ['match', ['get', 'kind'], 'prefecture_seat', 0, 'county_seat', 1, 2],
					'text-anchor': 'top',
					'text-offset': [0, 0.6],
					'text-max-width': 8
				},
				filter: ['any', ['!=', ['get', 'kind'], 'town'], ['>=', ['zoom'], 8]],
				paint: { 'text-color': '#1f2937', ...HALO }
			};
		default:
			return undefined;
	}
}
