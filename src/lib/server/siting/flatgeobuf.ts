import { bbox as turfBbox } from '@turf/turf';
import type { SitingResponse } from '../../api/siting';
import { ColumnType, GeometryType, writeFlatGeobuf } from '../downloads/flatgeobuf';
import { ATTRIBUTION } from '../tiles/tilejson';

/** A class map as FlatGeobuf (WGS84, with its spatial index): one feature per class. */
export function classMapFlatGeobuf(map: SitingResponse): Uint8Array<ArrayBuffer> {
	return writeFlatGeobuf(
		{
			name: `siting-${map.projectType}`,
			title: `选址引导 Siting guidance: ${map.projectType}`,
			description: `${ATTRIBUTION}${map.illustrative ? ' · 示意数据 Illustrative data' : ''}`,
			geometryType: GeometryType.MultiPolygon,
			columns: [
				{ name: 'class', type: ColumnType.String },
				{ name: 'areaM2', type: ColumnType.Double },
				{ name: 'projectType', type: ColumnType.String }
			],
			crs: 4326
		},
		map.features.map((f) => ({
			geometry: f.geometry,
			properties: { class: f.properties.class, areaM2: f.properties.areaM2, projectType: map.projectType },
			bbox: turfBbox(f.geometry) as [number, number, number, number]
		}))
	);
}
