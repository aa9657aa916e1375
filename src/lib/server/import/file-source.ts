// Files on disk as ByteSources, read a piece at a time through a file handle, and a place
// to unpack zip entries to (temporary files, not memory).
import { open, mkdtemp, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { L, LocalizedError } from '../../geo/localized-error';
import type { ByteSource } from '../../geo/readers';

export interface FileSource extends ByteSource {
	close(): Promise<void>;
}

/** Opens `path` for reading; `name` defaults to its base name. */
export async function openFileSource(path: string, name = basename(path)): Promise<FileSource> {
	let handle: FileHandle;
	try {
		handle = await open(path, 'r');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new LocalizedError(L(`找不到文件 ${path}`, `File not found: ${path}`));
		throw error;
	}
	const { size } = await handle.stat();
	return {
		name,
		size,
		async read(offset, length) {
			const buffer = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
			let filled = 0;
			while (filled < buffer.length) {
				const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, offset + filled);
				if (!bytesRead) break;
				filled += bytesRead;
			}
			return filled === buffer.length ? buffer : buffer.subarray(0, filled);
		},
		close: () => handle.close()
	};
}

/** A temporary folder that zip entries are unpacked into, removed by `dispose()`. */
export async function temporaryUnpacker(): Promise<{
	unpack: (name: string, chunks: AsyncIterable<Uint8Array>) => Promise<ByteSource>;
	dispose: () => Promise<void>;
}> {
	const dir = await mkdtemp(join(tmpdir(), 'ecomap-unzip-'));
	const opened: FileSource[] = [];
	let n = 0;
	return {
		async unpack(name, chunks) {
			const path = join(dir, `${n++}`);
			const out = await open(path, 'w');
			try {
				for await (const chunk of chunks) await out.write(chunk);
			} finally {
				await out.close();
			}
			const source = await openFileSource(path, name);
			opened.push(source);
			return source;
		},
		async dispose() {
			await Promise.all(opened.map((s) => s.close().catch(() => {})));
			await rm(dir, { recursive: true, force: true });
		}
	};
}
