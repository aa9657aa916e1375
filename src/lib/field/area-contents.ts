// What a downloaded area holds: one list, read by the tablet that downloads it and by the
// server that estimates its size beforehand.
import { FIELD_LAYERS } from '../api/field';
import { getLayer, zoningLayers } from '../layers/registry';
import { tilesCovering, type Bbox } from './geo';

/** Layers the field map draws: the sites and the basemap lines and names around them. */
export const AREA_LAYERS = [...FIELD_LAYERS, 'county', 'town', 'river', 'lake'] as const;

/** Layers the check's preview reads offline (FlatGeobuf, whole file: its range reads are answered from it). */
export const areaDataLayers = (): string[] => zoningLayers().map((l) => l.id);

/** Layers whose vector tiles an area keeps: the field map's and the zoning layers the check page draws. */
export const areaTileLayers = (): string[] => [...new Set<string>([...AREA_LAYERS, ...areaDataLayers()])];

/** Pages and small files every area keeps, so /field and the check's preview start offline. */
export const AREA_FILES = ['/api/layers/county/outline', '/basemap/landscape.geojson', '/check', '/check/__data.json', '/style.json', '/api/layers'] as const;

export const dataFileUrl = (layerId: string) => `/download/${encodeURIComponent(layerId)}.fgb`;

/** Zooms of a layer's own tiles within the wanted range (beyond its maxzoom MapLibre overzooms). */
export function layerZooms(layerId: string, minZoom: number, maxZoom: number): [number, number] | undefined {
	const def = getLayer(layerId);
	if (!def) return undefined;
	const from = Math.max(minZoom, def.minzoom);
	const to = Math.min(maxZoom, def.maxzoom);
	return from <= to ? [from, to] : undefined;
}

/** The tiles [z, x, y] of one layer an area over `bbox` keeps. */
export function layerTiles(layerId: string, bbox: Bbox, minZoom: number, maxZoom: number): [number, number, number][] {
	const zooms = layerZooms(layerId, minZoom, maxZoom);
	return zooms ? tilesCovering(bbox, zooms[0], zooms[1]) : [];
}
