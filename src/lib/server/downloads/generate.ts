import { open } from 'node:fs/promises';
import type { MultiLineString, MultiPolygon, Point } from 'geojson';
import { publicAttributes } from '../../layers/registry';
import type { AttributeType, LayerDef } from '../../layers/types';
import type { Db } from '../db/types';
import { publicPropertiesJson, quoteIdent, selectPublicAttributes } from '../serving/columns';
import { currentVersionTag } from '../serving/layer-version';
import { ATTRIBUTION } from '../tiles/tilejson';
import { BATCH_VERTICES, featureIndex, vertexBatches } from './feature-batches';
import { ColumnType, FlatGeobufFileWriter, GeometryType, type FgbValue } from './flatgeobuf';

/**
 * `gzip`: a gzip copy is written beside the file and sent to clients that accept it. Text
 * only: FlatGeobuf (binary doubles) is read by range and shrinks little.
 */
export const DOWNLOAD_FORMATS = {
	fgb: { contentType: 'application/flatgeobuf', extension: 'fgb', gzip: false },
	geojson: { contentType: 'application/geo+json', extension: 'geojson', gzip: true }
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
/** How a download is written; both fields are for tests and benches, not reachable from HTTP. */
export interface WriteOptions {
	/** Vertices per query; default BATCH_VERTICES. */
	batchVertices?: number;
	/** Awaited after each batch is written (a test commits a change here). */
	afterBatch?: () => Promise<void>;
}

/** How the writers below cut their reads. */
interface Batching {
	budget: number;
	afterBatch: () => Promise<void>;
}

const FGB_GEOMETRY = { MultiPolygon: GeometryType.MultiPolygon, MultiLineString: GeometryType.MultiLineString, Point: GeometryType.Point };

type FgbRow = { id: number; geometry: string } & Record<string, FgbValue>;

/** The layer as FlatGeobuf with its spatial index, written batch by batch into `file`. `id` is a column: FlatGeobuf has no feature ids. */
async function writeFlatGeobuf(db: Db, layer: LayerDef, path: string, { budget, afterBatch }: Batching): Promise<void> {
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
		for (const batch of vertexBatches(writer.order, index.vertices, budget)) {
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
			await afterBatch();
		}
		await writer.finish();
	} finally {
		await file.close();
	}
}

/** The whole layer as a GeoJSON FeatureCollection (RFC 7946: WGS84, lon/lat), features built in SQL, in id order. */
async function writeGeoJson(db: Db, layer: LayerDef, path: string, { budget, afterBatch }: Batching): Promise<void> {
	const index = await featureIndex(db, layer);
	const text = `SELECT json_build_object(
			'type', 'Feature', 'id', id, 'geometry', ST_AsGeoJSON(geom)::json, 'properties', ${publicPropertiesJson(layer)}
		)::text AS feature FROM ${quoteIdent(layer.table)} WHERE id = ANY($1::int[]) ORDER BY id`;
	const file = await open(path, 'w');
	try {
		await file.write(`{"type":"FeatureCollection","name":${JSON.stringify(layer.id)},"features":[`);
		let first = true;
		for (const batch of vertexBatches(Uint32Array.from(index.ids.keys()), index.vertices, budget)) {
			const rows = await db.query<{ feature: string }>(text, [batch.map((i) => index.ids[i])]);
			await file.write(`${first ? '' : ','}${rows.map((r) => r.feature).join(',')}`);
			first = false;
			await afterBatch();
		}
		await file.write(']}');
	} finally {
		await file.close();
	}
}

/**
 * Writes a layer download at version `tag` to `path`, reading the layer in batches of
 * bounded size (memory stays flat whatever the layer's size), all from one view of the data:
 * - server: one REPEATABLE READ READ ONLY snapshot (Db.readSnapshot) holds the version and
 *   every batch, so a commit during the writing (an import, a replica replaying WAL) is not
 *   seen at all;
 * - embedded (and inside a caller's transaction): no snapshot, as a long transaction would
 *   block every other request on PGlite's one connection; the version is read again at the
 *   end instead — it is bumped with every change, so equal means nothing was committed in
 *   between and every batch saw the same data.
 * Throws DownloadVersionMoved, before writing anything on the server, when the version read
 * is not `tag` (the caller asks again at the current version, see handler.ts), and on the
 * embedded backend when it moved during the writing (the file is then not to be kept).
 */
export async function writeDownload(
	db: Db,
	layer: LayerDef,
	format: DownloadFormat,
	tag: string,
	path: string,
	options: WriteOptions = {}
): Promise<void> {
	const batching = { budget: options.batchVertices ?? BATCH_VERTICES, afterBatch: options.afterBatch ?? (async () => {}) };
	await db.readSnapshot(async (view, consistent) => {
		const before = await currentVersionTag(view, layer);
		if (before !== tag) throw new DownloadVersionMoved(layer, tag, before);
		await (format === 'fgb' ? writeFlatGeobuf : writeGeoJson)(view, layer, path, batching);
		if (consistent) return;
		const after = await currentVersionTag(view, layer);
		if (after !== tag) throw new DownloadVersionMoved(layer, tag, after);
	});
}
