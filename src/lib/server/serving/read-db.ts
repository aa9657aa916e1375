import { getLayer } from '../../layers/registry';
import type { Db } from '../db/types';
import { currentVersionTag } from './layer-version';

/** The primary (writes, versions that must be fresh) and where read routes read (a replica, or the primary again). */
export interface Databases {
	readonly db: Db;
	readonly readDb: Db;
}

/**
 * The database a read of one layer is answered from. A replica may lag the primary: a URL
 * that names a version (`?v=`, handed out from the primary by TileJSON, style.json and the
 * OGC tilesets) is read from the replica only when the replica holds that very version,
 * else from the primary — so an immutable URL never carries another version's bytes, in
 * any cache. Unversioned reads take the replica as it is (cached for a minute at most).
 * Costs one primary-key read on the replica per versioned request.
 */
export async function versionedReadDb(dbs: Databases, layerId: string | undefined, request: Request): Promise<Db> {
	const readDb = dbs.readDb;
	if (readDb === dbs.db) return readDb;
	const wanted = new URL(request.url).searchParams.get('v');
	const layer = layerId === undefined ? undefined : getLayer(layerId);
	if (wanted === null || !layer) return readDb;
	return (await currentVersionTag(readDb, layer)) === wanted ? readDb : dbs.db;
}
