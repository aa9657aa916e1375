// Random access to a file's bytes without holding them all: bytes already in memory (a
// browser upload), a browser Blob, or (server) a file handle. Readers take one of these so
// that a large file can be read a piece at a time.
import type { NamedFile } from './types';

export interface ByteSource {
	/** A path's base name or an upload's name, possibly with a folder inside a zip. */
	readonly name: string;
	readonly size: number;
	/** Up to `length` bytes from `offset` (fewer only at the end of the file). */
	read(offset: number, length: number): Promise<Uint8Array>;
}

export function bytesSource(file: NamedFile): ByteSource {
	return {
		name: file.name,
		size: file.bytes.byteLength,
		read: async (offset, length) => file.bytes.subarray(offset, Math.min(offset + length, file.bytes.byteLength))
	};
}

export const CHUNK_BYTES = 1 << 20;

/** The file in order, `chunkBytes` at a time. */
export async function* chunksOf(source: ByteSource, from = 0, chunkBytes = CHUNK_BYTES): AsyncGenerator<Uint8Array> {
	for (let offset = from; offset < source.size; offset += chunkBytes) yield await source.read(offset, chunkBytes);
}

/** All of it, for the formats that cannot be read in pieces (GeoPackage, KML). */
export async function readWhole(source: ByteSource): Promise<Uint8Array> {
	return source.read(0, source.size);
}

/** The first bytes, to tell the format. */
export const headOf = (source: ByteSource, length = 64) => source.read(0, Math.min(length, source.size));
