import type { Geometry } from 'geojson';
import type { LayerDef } from '../../layers/types';
import type { Db } from '../db/types';
import { dataVersion } from '../serving/layer-version';
import type { TileCoord } from './coordinates';
import { tileAttributes } from './detail';
import { encodeMvt, type MvtFeature, type MvtValue } from './mvt-encoder';
import { encoderTileStatement, postgisTileStatement } from './sql';

/** Tile bytes (owning their ArrayBuffer, as a Response body wants); empty when no feature falls in the tile. */
export type TileBytes = Uint8Array<ArrayBuffer>;

export interface RenderedTile {
	bytes: TileBytes;
	/** The layer's data version in the snapshot the tile was read from, when the statement reads it. */
	version: number | null;
}

/** One statement, encoded by PostGIS (ST_AsMVT): the PostGIS-server path. */
export async function renderWithPostgis(db: Db, layer: LayerDef, tile: TileCoord): Promise<RenderedTile> {
	const { text, values } = postgisTileStatement(layer, tile);
	const [row] = await db.query<{ version: number | null; mvt: Uint8Array }>(text, values);
	// pg hands back a Buffer (a view into a shared pool): copy to own the bytes.
	return { bytes: new Uint8Array(row.mvt), version: row.version ?? 0 };
}

type EncoderRow = { id: number; tile_geom: string } & Record<string, MvtValue>;

/** Tile-coordinate geometries from SQL, encoded in JavaScript: the embedded (PGlite) path. */
export async function renderWithEncoder(db: Db, layer: LayerDef, tile: TileCoord): Promise<RenderedTile> {
	const { text, values } = encoderTileStatement(layer, tile);
	const rows = await db.query<EncoderRow>(text, values);
	const names = tileAttributes(layer, tile.z).map((a) => a.name);
	const features: MvtFeature[] = rows.map((row) => ({
		id: row.id,
		geometry: JSON.parse(row.tile_geom) as Geometry,
		properties: Object.fromEntries(names.map((name) => [name, row[name]]))
	}));
	return { bytes: encodeMvt(layer.id, features), version: null };
}

/** The encoder the backend can run: ST_AsMVT on a server, the JavaScript one on PGlite. */
export function renderTile(db: Db, layer: LayerDef, tile: TileCoord): Promise<RenderedTile> {
	return db.backend === 'server' ? renderWithPostgis(db, layer, tile) : renderWithEncoder(db, layer, tile);
}

/**
 * The tile and the data version it was read at, from one snapshot on either backend: on a
 * server the tile statement reads the version itself; on PGlite, which runs one statement
 * at a time, a transaction holds the version read and the render together, so an import
 * committing between them cannot put its data under the old version's name.
 */
export async function renderAtVersion(db: Db, layer: LayerDef, tile: TileCoord): Promise<{ bytes: TileBytes; version: number }> {
	if (db.backend === 'server') {
		const { bytes, version } = await renderWithPostgis(db, layer, tile);
		return { bytes, version: version ?? 0 };
	}
	return db.transaction(async (tx) => {
		const version = await dataVersion(tx, layer);
		return { version, bytes: (await renderWithEncoder(tx, layer, tile)).bytes };
	});
}
