import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { LayerDef } from '../../layers/types';
import { readConfig } from '../config';
import type { Db } from '../db/types';
import { DOWNLOAD_FORMATS, writeDownload, type DownloadFormat, type WriteOptions } from './generate';

/** A generated download on disk. */
export interface DownloadFile {
	path: string;
	size: number;
	/** Its gzip copy, for formats that have one (DOWNLOAD_FORMATS). */
	gzip?: { path: string; size: number };
}

/**
 * gzip level 6: measured on the 141 MB heavy redline GeoJSON, 8.3 s to 26 % of the size.
 * Brotli (node:zlib) did worse on coordinate text: quality 4 took 12 s for 30 %, 5 took 16 s
 * for 27 %, so there is no brotli copy.
 */
const GZIP_LEVEL = 6;

/** Streams `from` through gzip into `to`: memory stays flat whatever the file's size. */
const gzipFile = (from: string, to: string) => pipeline(createReadStream(from), createGzip({ level: GZIP_LEVEL }), createWriteStream(to));

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
 * format are then removed. A text format gets its gzip copy (`<file>.gz`) the same way,
 * once, from the finished file, renamed into place before the file itself: a file on disk
 * always has its copy. Files survive restarts, and app processes sharing the folder share them.
 */
export class DownloadStore {
	private readonly inflight = new Map<string, Promise<DownloadFile>>();
	private swept = false;

	/** `writing`: how files are written (WriteOptions; the app passes only DOWNLOAD_BATCH_VERTICES). */
	constructor(
		readonly dir: string,
		private readonly writing: WriteOptions = {}
	) {}

	private fileName(layer: LayerDef, tag: string, format: DownloadFormat): string {
		return `${layer.id}.${tag}.${DOWNLOAD_FORMATS[format].extension}`;
	}

	/** The download of `layer` at version `tag`, generated now unless it is on disk already. */
	async file(db: Db, layer: LayerDef, tag: string, format: DownloadFormat): Promise<DownloadFile> {
		const name = this.fileName(layer, tag, format);
		const stored = await this.stored(name, format);
		if (stored) return stored;
		let pending = this.inflight.get(name);
		if (!pending) {
			pending = this.generate(db, layer, tag, format).finally(() => this.inflight.delete(name));
			this.inflight.set(name, pending);
		}
		return pending;
	}

	/** The file and its gzip copy if the format has one, when all are on disk; else null. */
	private async stored(name: string, format: DownloadFormat): Promise<DownloadFile | null> {
		const path = join(this.dir, name);
		const [plain, gzip] = await Promise.all([stat(path).catch(() => null), DOWNLOAD_FORMATS[format].gzip ? stat(`${path}.gz`).catch(() => null) : undefined]);
		if (!plain || gzip === null) return null;
		return { path, size: plain.size, ...(gzip && { gzip: { path: `${path}.gz`, size: gzip.size } }) };
	}

	private async generate(db: Db, layer: LayerDef, tag: string, format: DownloadFormat): Promise<DownloadFile> {
		await mkdir(this.dir, { recursive: true });
		await this.sweepOnce();
		const name = this.fileName(layer, tag, format);
		const temp = join(this.dir, `.${name}.${process.pid}.tmp`);
		const gzipTemp = join(this.dir, `.${name}.gz.${process.pid}.tmp`);
		try {
			await writeDownload(db, layer, format, tag, temp, this.writing);
			if (DOWNLOAD_FORMATS[format].gzip) {
				await gzipFile(temp, gzipTemp);
				await rename(gzipTemp, join(this.dir, `${name}.gz`));
			}
			await rename(temp, join(this.dir, name));
		} finally {
			await Promise.all([rm(temp, { force: true }), rm(gzipTemp, { force: true })]);
		}
		const extension = `.${DOWNLOAD_FORMATS[format].extension}`;
		for (const other of await readdir(this.dir))
			if (other !== name && other !== `${name}.gz` && other.startsWith(`${layer.id}.`) && (other.endsWith(extension) || other.endsWith(`${extension}.gz`)))
				await rm(join(this.dir, other), { force: true });
		const stored = await this.stored(name, format);
		if (!stored) throw Object.assign(new Error(`${name} was removed as it was written`), { code: 'ENOENT' });
		return stored;
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
	if (!shared) {
		const { downloadsDir, downloadBatchVertices } = readConfig();
		shared = new DownloadStore(downloadsDir, { batchVertices: downloadBatchVertices || undefined });
	}
	return shared;
}
