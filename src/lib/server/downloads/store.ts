import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayerDef } from '../../layers/types';
import { readConfig } from '../config';
import type { Db } from '../db/types';
import { DOWNLOAD_FORMATS, writeDownload, type DownloadFormat } from './generate';

/** A generated download on disk. */
export interface DownloadFile {
	path: string;
	size: number;
}

/** Whether a process with this id is running here (a temp file's writer may have died). */
function running(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Generated downloads, one file per (layer, format, version tag) in `dir`, served from there:
 * nothing of a download stays in memory. A file is written once per version — concurrent
 * first requests wait for the one generation — under a temporary name and renamed into place
 * when complete, so a reader never sees half a file; other versions of the same layer and
 * format are then removed. Files survive restarts, and app processes sharing the folder
 * share them.
 */
export class DownloadStore {
	private readonly inflight = new Map<string, Promise<DownloadFile>>();
	private swept = false;

	constructor(readonly dir: string) {}

	private fileName(layer: LayerDef, tag: string, format: DownloadFormat): string {
		return `${layer.id}.${tag}.${DOWNLOAD_FORMATS[format].extension}`;
	}

	/** The download of `layer` at version `tag`, generated now unless it is on disk already. */
	async file(db: Db, layer: LayerDef, tag: string, format: DownloadFormat): Promise<DownloadFile> {
		const name = this.fileName(layer, tag, format);
		const path = join(this.dir, name);
		const stored = await stat(path).catch(() => null);
		if (stored) return { path, size: stored.size };
		let pending = this.inflight.get(name);
		if (!pending) {
			pending = this.generate(db, layer, tag, format).finally(() => this.inflight.delete(name));
			this.inflight.set(name, pending);
		}
		return pending;
	}

	private async generate(db: Db, layer: LayerDef, tag: string, format: DownloadFormat): Promise<DownloadFile> {
		await mkdir(this.dir, { recursive: true });
		await this.sweepOnce();
		const name = this.fileName(layer, tag, format);
		const temp = join(this.dir, `.${name}.${process.pid}.tmp`);
		try {
			await writeDownload(db, layer, format, tag, temp);
			await rename(temp, join(this.dir, name));
		} finally {
			await rm(temp, { force: true });
		}
		const extension = `.${DOWNLOAD_FORMATS[format].extension}`;
		for (const other of await readdir(this.dir))
			if (other !== name && other.startsWith(`${layer.id}.`) && other.endsWith(extension)) await rm(join(this.dir, other), { force: true });
		const { size } = await stat(join(this.dir, name));
		return { path: join(this.dir, name), size };
	}

	/** Removes temporary files left by processes that died while writing them. */
	private async sweepOnce(): Promise<void> {
		if (this.swept) return;
		this.swept = true;
		for (const name of await readdir(this.dir)) {
			const pid = /^\..*\.(\d+)\.tmp$/.exec(name)?.[1];
			if (pid && !running(Number(pid))) await rm(join(this.dir, name), { force: true });
		}
	}
}

let shared: DownloadStore | undefined;

/** The process's download store, on disk under DOWNLOADS_DIR (default .data/downloads). */
export function sharedDownloadStore(): DownloadStore {
	shared ??= new DownloadStore(readConfig().downloadsDir);
	return shared;
}
