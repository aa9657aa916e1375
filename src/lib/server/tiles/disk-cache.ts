import { access, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TileCoord } from './coordinates';
import type { TileBytes } from './render';

/**
 * Rendered low-zoom tiles on disk, one file per (layer, version tag, z, x, y), so a restart
 * or another app process on the same data directory does not render them again: on heavy
 * data one such tile is a second or more of PostGIS work, and the whole prefecture at the
 * default view is a few dozen of them. Versions are part of the path, so a changed layer
 * is never served from here; its old folder is removed when the change is seen. A cache:
 * a read or write that fails is a miss, never an error for the request.
 */
export class TileDiskCache {
	constructor(readonly dir: string) {}

	private folder(layer: string, version: string): string {
		return join(this.dir, layer, version);
	}

	private file(layer: string, version: string, { z, x, y }: TileCoord): string {
		return join(this.folder(layer, version), `${z}-${x}-${y}.mvt`);
	}

	async get(layer: string, version: string, tile: TileCoord): Promise<TileBytes | undefined> {
		try {
			const buffer = await readFile(this.file(layer, version, tile));
			return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) as TileBytes;
		} catch {
			return undefined;
		}
	}

	/** Whether the tile is on disk, without reading it (the warmer skips those). */
	async has(layer: string, version: string, tile: TileCoord): Promise<boolean> {
		return access(this.file(layer, version, tile)).then(
			() => true,
			() => false
		);
	}

	/** Written whole or not at all (temp file + rename): a reader never sees half a tile. */
	async put(layer: string, version: string, tile: TileCoord, bytes: TileBytes): Promise<void> {
		const path = this.file(layer, version, tile);
		const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
		try {
			await mkdir(this.folder(layer, version), { recursive: true });
			await writeFile(temp, bytes);
			await rename(temp, path);
		} catch (error) {
			await rm(temp, { force: true });
			console.warn(`[tiles] could not keep ${path}: ${(error as Error).message}`);
		}
	}

	/** Removes the layer's tiles of every version but `version`. */
	async dropStale(layer: string, version: string): Promise<void> {
		const names = await readdir(join(this.dir, layer)).catch(() => [] as string[]);
		await Promise.all(names.filter((name) => name !== version).map((name) => rm(join(this.dir, layer, name), { recursive: true, force: true })));
	}
}
