import { open } from 'node:fs/promises';
import type { MultiLineString, MultiPolygon, Point } from 'geojson';
import { publicAttributes } from '../../layers/registry';
import type { AttributeType, LayerDef } from '../../layers/types';
import type { Db } from '../db/types';
import { publicPropertiesJson, quoteIdent, selectPublicAttributes } from '../serving/columns';
import { currentVersionTag } from '../serving/layer-version';
import { ATTRIBUTION } from '../tiles/tilejson';
import { featureIndex, vertexBatches } from './feature-batches';
import { ColumnType, FlatGeobufFileWriter, GeometryType, type FgbValue } from './flatgeobuf';

export const DOWNLOAD_FORMATS = {
	fgb: { contentType: 'application/flatgeobuf', extension: 'fgb' },
	geojson: { contentType: 'application/geo+json', extension: 'geojson' }
} as const;
export type DownloadFormat = keyof typeof DOWNLOAD_FORMATS;

/** The layer's data changed while its download was being written: the file would mix two versions. */
export class DownloadVersionMoved extends Error {
	constructor(layer: LayerDef, wanted: string, found: string) {
		super(`${layer.id} moved from version ${wanted} to ${found} while its download was written`);
	}
}

/** FlatGeobuf column types of the values `selectPublicAttributes(…, 'scalar')` reads. */
const FGB_COLUMN: Record<AttributeType, ColumnType> = {
	text: ColumnType.String,
	enum: ColumnType.String,
	'text[]': ColumnType.String,
	date: ColumnType.String,
	integer: ColumnType.Int,
	number: ColumnType.Double,
	boolean: ColumnType.Bool
};
const FGB_GEOMETRY = { MultiPolygon: GeometryType.MultiPolygon, MultiLineString: GeometryType.MultiLineString, Point: GeometryType.Point };

type FgbRow = { id: number; geometry: string } & Record<string, FgbValue>;

/** The layer as FlatGeobuf with its spatial index, written batch by batch into `file`. `id` is a column: FlatGeobuf has no feature ids. */
async function writeFlatGeobuf(db: Db, layer: LayerDef, path: string): Promise<void> {
	const index = await featureIndex(db, layer);
	const attributes = publicAttributes(layer);
	const file = await open(path, 'w');
	try {
		const writer = new FlatGeobufFileWriter(
			file,
			{
				name: layer.id,
				title: `${layer.title.zh} ${layer.title.en}`,
				description: ATTRIBUTION,
				geometryType: FGB_GEOMETRY[layer.geometryType],
				columns: [{ name: 'id', type: ColumnType.Int }, ...attributes.map((a) => ({ name: a.name, type: FGB_COLUMN[a.type] }))],
				crs: 4326
			},
			index.boxes
		);
		const text = `SELECT id, ${selectPublicAttributes(layer, 'scalar')}, ST_AsGeoJSON(geom, 15) AS geometry
			FROM ${quoteIdent(layer.table)} WHERE id = ANY($1::int[])`;
		for (const batch of vertexBatches(writer.order, index.vertices)) {
			const rows = new Map((await db.query<FgbRow>(text, [batch.map((i) => index.ids[i])])).map((row) => [row.id, row]));
			await writer.write(
				batch.map((i) => {
					const row = rows.get(index.ids[i]);
					if (!row) throw new Error(`${layer.id} #${index.ids[i]} disappeared while its download was written`);
					return {
						geometry: JSON.parse(row.geometry) as Point | MultiPolygon | MultiLineString,
						properties: Object.fromEntries([['id', row.id], ...attributes.map((a) => [a.name, row[a.name]])])
					};
				})
			);
		}
		await writer.finish();
	} finally {
		await file.close();
	}
}

/** The whole layer as a GeoJSON FeatureCollection (RFC 7946: WGS84, lon/lat), features built in SQL, in id order. */
async function writeGeoJson(db: Db, layer: LayerDef, path: string): Promise<void> {
	const index = await featureIndex(db, layer);
	const text = `SELECT json_build_object(
			'type', 'Feature', 'id', id, 'geometry', ST_AsGeoJSON(geom)::json, 'properties', ${publicPropertiesJson(layer)}
		)::text AS feature FROM ${quoteIdent(layer.table)} WHERE id = ANY($1::int[]) ORDER BY id`;
	const file = await open(path, 'w');
	try {
		await file.write(`{"type":"FeatureCollection","name":${JSON.stringify(layer.id)},"features":[`);
		let first = true;
		for (const batch of vertexBatches(Uint32Array.from(index.ids.keys()), index.vertices)) {
			const rows = await db.query<{ feature: string }>(text, [batch.map((i) => index.ids[i])]);
			await file.write(`${first ? '' : ','}${rows.map((r) => r.feature).join(',')}`);
			first = false;
		}
		await file.write(']}');
	} finally {
		await file.close();
	}
}

/**
 * Writes a layer download at version `tag` to `path`, reading the layer in batches of
 * bounded size (memory stays flat whatever the layer's size). The version is read before
 * and after: equal, no change was committed in between, so every batch saw the same data.
 */
export async function writeDownload(db: Db, layer: LayerDef, format: DownloadFormat, tag: string, path: string): Promise<void> {
	const before = await currentVersionTag(db, layer);
	if (before !== tag) throw new DownloadVersionMoved(layer, tag, before);
	await (format === 'fgb' ? writeFlatGeobuf(db, layer, path) : writeGeoJson(db, layer, path));
	const after = await currentVersionTag(db, layer);
	if (after !== tag) throw new DownloadVersionMoved(layer, tag, after);
}
