import { createHash } from 'node:crypto';
import { publicAttributes } from '../../layers/registry';
import type { LayerDef } from '../../layers/types';
import type { Db } from '../db/types';

/**
 * Bump when the bytes served for unchanged data change (SQL, encoder, columns): it is
 * part of every version tag, so browsers holding "immutable" tiles fetch new ones.
 */
const SERVING_REVISION = 3;

const shapeHashes = new Map<string, string>();

/** A short hash of what a layer's served form depends on besides its rows. */
function shapeHash(layer: LayerDef): string {
	let hash = shapeHashes.get(layer.id);
	if (!hash) {
		const shape = {
			revision: SERVING_REVISION,
			table: layer.table,
			geometry: layer.geometryType,
			attributes: publicAttributes(layer).map((a) => [a.name, a.type])
		};
		hash = createHash('sha1').update(JSON.stringify(shape)).digest('hex').slice(0, 8);
		shapeHashes.set(layer.id, hash);
	}
	return hash;
}

/**
 * The layer's data version (bumped by triggers whenever its rows change), read fresh on
 * every request: one primary-key lookup, so a change is visible at once, even inside
 * the caller's transaction.
 */
export async function dataVersion(db: Db, layer: LayerDef): Promise<number> {
	const rows = await db.query<{ version: number }>('SELECT version FROM layer_version WHERE layer = $1', [layer.id]);
	return rows[0]?.version ?? 0;
}

/** The token versioned URLs carry and entity tags are built from: data version + shape. */
export function versionTag(layer: LayerDef, version: number): string {
	return `${version}-${shapeHash(layer)}`;
}

export async function currentVersionTag(db: Db, layer: LayerDef): Promise<string> {
	return versionTag(layer, await dataVersion(db, layer));
}

/**
 * Whether tag `a` names an older data version than tag `b`. Data versions only grow (the
 * triggers bump them; a restore moves them past every version seen), so a render that
 * finishes late, at an older version, must not make the caches forget the newer one's tiles.
 * Same number, other shape (a new release): not older.
 */
export function isOlderTag(a: string, b: string): boolean {
	return Number.parseInt(a, 10) < Number.parseInt(b, 10);
}
