// "A drawn box" for an offline area: two taps on the field map, opposite corners; the box
// follows the pointer after the first. Works the same with a finger, a glove or a mouse.
import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { Feature, Polygon } from 'geojson';
import type { Bbox } from '$lib/field/geo';

const SOURCE = 'area-box';

function boxFeature([w, s, e, n]: Bbox): Feature<Polygon> {
	return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } };
}

const corners = (a: [number, number], b: [number, number]): Bbox => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])];

/** Shows `bbox` on the map (or nothing for undefined), adding the box's layers once. */
export function showBox(map: MapLibreMap, bbox: Bbox | undefined): void {
	const data = { type: 'FeatureCollection' as const, features: bbox ? [boxFeature(bbox)] : [] };
	const source = map.getSource<GeoJSONSource>(SOURCE);
	if (source) return void source.setData(data);
	map.addSource(SOURCE, { type: 'geojson', data });
	map.addLayer({ id: `${SOURCE}:fill`, type: 'fill', source: SOURCE, paint: { 'fill-color': '#0f5f58', 'fill-opacity': 0.12 } });
	map.addLayer({ id: `${SOURCE}:line`, type: 'line', source: SOURCE, paint: { 'line-color': '#0f5f58', 'line-width': 3, 'line-dasharray': [2, 1] } });
}

/** Waits for two taps on the map; `ondone` gets the box. Returns a function that stops drawing. */
export function drawBox(map: MapLibreMap, ondone: (bbox: Bbox) => void): () => void {
	let first: [number, number] | undefined;
	const canvas = map.getCanvasContainer();
	canvas.style.cursor = 'crosshair';
	const at = (event: MapMouseEvent): [number, number] => [event.lngLat.lng, event.lngLat.lat];
	const move = (event: MapMouseEvent) => {
		if (first) showBox(map, corners(first, at(event)));
	};
	const click = (event: MapMouseEvent) => {
		if (!first) {
			first = at(event);
			showBox(map, corners(first, first));
			return;
		}
		const bbox = corners(first, at(event));
		stop();
		showBox(map, bbox);
		ondone(bbox);
	};
	const stop = () => {
		map.off('click', click);
		map.off('mousemove', move);
		canvas.style.cursor = '';
	};
	map.on('click', click);
	map.on('mousemove', move);
	return stop;
}
