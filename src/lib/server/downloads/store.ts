import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayerDef } from '../../layers/types';
import { readConfig } from '../config';
import type { Db } from '../db/types';
import { DOWNLOAD_FORMATS, generateDownload, type DownloadFormat } from './generate';

/**
 * Generated downloads, one per (layer, format), for the layer's current version tag:
 * in memory, and on disk (when `dir` is set) so a restart does not regenerate them.
 * Generation runs once per version however many requests arrive meanwhile.
 */
export class DownloadStore {
	private readonly memory = new Map<string, { tag: string; bytes: Uint8Array<ArrayBuffer> }>();
	private readonly inflight = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();

	constructor(readonly dir: string | null) {}

	async get(db: Db, layer: LayerDef, tag: string, format: DownloadFormat): Promise<Uint8Array<ArrayBuffer>> {
		const slot = `${layer.id}.${format}`;
		const held = this.memory.get(slot);
		if (held?.tag === tag) return held.bytes;
		const key = `${slot}@${tag}`;
		let pending = this.inflight.get(key);
		if (!pending) {
			pending = this.load(db, layer, tag, format).finally(() => this.inflight.delete(key));
			this.inflight.set(key, pending);
		}
		const bytes = await pending;
		this.memory.set(slot, { tag, bytes });
		return bytes;
	}

	private fileName(layer: LayerDef, tag: string, format: DownloadFormat): string {
		return `${layer.id}.${tag}.${DOWNLOAD_FORMATS[format].extension}`;
	}

	private async load(db: Db, layer: LayerDef, tag: string, format: DownloadFormat): Promise<Uint8Array<ArrayBuffer>> {
		if (!this.dir) return generateDownload(db, layer, format);
		const path = join(this.dir, this.fileName(layer, tag, format));
		const stored = await readFile(path).catch(() => null);
		if (stored) return new Uint8Array(stored);
		const bytes = await generateDownload(db, layer, format);
		await this.save(layer, tag, format, bytes);
		return bytes;
	}

	/** Writes atomically (temp file + rename) and removes the layer's older versions. */
	private async save(layer: LayerDef, tag: string, format: DownloadFormat, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
		const dir = this.dir as string;
		await mkdir(dir, { recursive: true });
		const name = this.fileName(layer, tag, format);
		const temp = join(dir, `.${name}.${process.pid}.tmp`);
		await writeFile(temp, bytes);
		await rename(temp, join(dir, name));
		const extension = `.${DOWNLOAD_FORMATS[format].extension}`;
		for (const other of await readdir(dir))
			if (other !== name && other.startsWith(`${layer.id}.`) && other.endsWith(extension)) await rm(join(dir, other), { force: true });
	}
}

let shared: DownloadStore | undefined;

/** The process's download store, on disk under DOWNLOADS_DIR (default .data/downloads). */
export function sharedDownloadStore(): DownloadStore {
	shared ??= new DownloadStore(readConfig().downloadsDir);
	return shared;
}
