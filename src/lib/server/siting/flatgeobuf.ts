import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bbox as turfBbox } from '@turf/turf';
import type { SitingResponse } from '../../api/siting';
import { ColumnType, FlatGeobufFileWriter, GeometryType } from '../downloads/flatgeobuf';
import { ATTRIBUTION } from '../tiles/tilejson';

/**
 * A class map as FlatGeobuf (WGS84, with its spatial index): one feature per class. The
 * downloads' file writer is the one FlatGeobuf writer we keep; a class map is a handful of
 * features, so it goes through a temporary file and comes back as bytes.
 */
export async function classMapFlatGeobuf(map: SitingResponse): Promise<Uint8Array<ArrayBuffer>> {
	const dir = await mkdtemp(join(tmpdir(), 'ecomap-siting-'));
	try {
		const path = join(dir, 'class-map.fgb');
		const file = await open(path, 'w');
		try {
			const boxes = new Float64Array(map.features.flatMap((f) => turfBbox(f.geometry)));
			const writer = new FlatGeobufFileWriter(
				file,
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
				boxes
			);
			await writer.write(
				Array.from(writer.order, (i) => {
					const f = map.features[i];
					return { geometry: f.geometry, properties: { class: f.properties.class, areaM2: f.properties.areaM2, projectType: map.projectType } };
				})
			);
			await writer.finish();
		} finally {
			await file.close();
		}
		return new Uint8Array(await readFile(path));
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
