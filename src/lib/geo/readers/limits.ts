import { LocalizedError, L } from '../localized-error';
import type { ByteSource } from './byte-source';
import type { ReadOptions } from './types';

/** Defaults for files read whole and for zip entries; the importer sets its own from the environment. */
export const DEFAULT_MAX_WHOLE_FILE_BYTES = 256 * 1024 * 1024;
export const DEFAULT_MAX_ZIP_ENTRY_BYTES = 1024 * 1024 * 1024;

export const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024).toLocaleString('en-US')} MB`;

/** Formats read whole must fit in memory: refuse a file over the limit before reading it. */
export function checkWholeSize(source: ByteSource, options: ReadOptions): void {
	const limit = options.maxWholeFileBytes ?? DEFAULT_MAX_WHOLE_FILE_BYTES;
	if (source.size > limit)
		throw new LocalizedError(
			L(
				`${source.name}（${megabytes(source.size)}）超过了此格式可读取的上限 ${megabytes(limit)}：它必须整体读入内存。请转换为 GeoJSON、Shapefile 或 FlatGeobuf（可分块读取）后再导入`,
				`${source.name} (${megabytes(source.size)}) is over the ${megabytes(limit)} limit for its format, which must be read into memory whole. Convert it to GeoJSON, Shapefile or FlatGeobuf (read in pieces) and import that`
			)
		);
}
