// A small zip reader for zipped shapefiles and KMZ: reads the central directory and
// inflates an entry as a stream with the platform's DecompressionStream (Node ≥ 18, all
// current browsers). Entries are refused over a size limit — by their declared size first,
// and by what actually comes out while inflating (a declared size can lie: a zip bomb).
import { LocalizedError, L } from '../localized-error';
import type { ByteSource } from './byte-source';
import { DEFAULT_MAX_ZIP_ENTRY_BYTES, megabytes } from './limits';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export interface ZipEntry {
	name: string;
	method: number;
	compressedSize: number;
	/** As the zip declares it: not to be trusted. */
	declaredSize: number;
	localOffset: number;
}

/** Entry names are UTF-8 when flagged, else in the zipper's code page: GBK from Chinese Windows. */
function decodeName(bytes: Uint8Array, utf8Flag: boolean): string {
	if (utf8Flag) return new TextDecoder().decode(bytes);
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return new TextDecoder('gbk').decode(bytes);
	}
}

const broken = (why: string) => new LocalizedError(L(`zip 文件已损坏：${why}`, `The zip file is damaged: ${why}`));

export function isZip(bytes: Uint8Array): boolean {
	return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The files in a zip (folders and macOS resource forks left out), names with their folder path. */
export async function zipEntries(zip: ByteSource): Promise<ZipEntry[]> {
	const tailStart = Math.max(0, zip.size - 22 - 65535);
	const tail = await zip.read(tailStart, zip.size - tailStart);
	const tailView = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
	let eocd = -1;
	for (let i = tail.length - 22; i >= 0; i--)
		if (tailView.getUint32(i, true) === EOCD) {
			eocd = i;
			break;
		}
	if (eocd < 0) throw broken('no central directory');
	const count = tailView.getUint16(eocd + 10, true);
	const directorySize = tailView.getUint32(eocd + 12, true);
	const directory = await zip.read(tailView.getUint32(eocd + 16, true), directorySize);
	const view = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
	const entries: ZipEntry[] = [];
	let offset = 0;
	for (let n = 0; n < count; n++) {
		if (offset + 46 > directory.length || view.getUint32(offset, true) !== CENTRAL) throw broken('bad central directory entry');
		const flags = view.getUint16(offset + 8, true);
		const method = view.getUint16(offset + 10, true);
		const compressedSize = view.getUint32(offset + 20, true);
		const declaredSize = view.getUint32(offset + 24, true);
		const nameLength = view.getUint16(offset + 28, true);
		const extraLength = view.getUint16(offset + 30, true);
		const commentLength = view.getUint16(offset + 32, true);
		const localOffset = view.getUint32(offset + 42, true);
		const name = decodeName(directory.subarray(offset + 46, offset + 46 + nameLength), (flags & 0x800) !== 0);
		offset += 46 + nameLength + extraLength + commentLength;
		if (name.endsWith('/') || name.includes('__MACOSX')) continue;
		if (flags & 1) throw new LocalizedError(L(`zip 中的 ${name} 已加密`, `${name} in the zip is encrypted`));
		if (method !== 0 && method !== 8)
			throw new LocalizedError(L(`zip 中 ${name} 的压缩方式（${method}）不受支持`, `${name} in the zip uses an unsupported compression method (${method})`));
		entries.push({ name, method, compressedSize, declaredSize, localOffset });
	}
	return entries;
}

const tooLarge = (name: string, limit: number) =>
	new LocalizedError(
		L(
			`zip 中的 ${name} 解压后超过 ${megabytes(limit)} 的上限，未读取（可用 IMPORT_MAX_ZIP_ENTRY_MB 调整）`,
			`${name} in the zip unpacks to more than the ${megabytes(limit)} limit and was not read (IMPORT_MAX_ZIP_ENTRY_MB sets it)`
		)
	);

/**
 * An entry's contents as they inflate, a piece at a time. Refused before reading when the
 * declared size is over `limit`, and stopped as soon as more than `limit` bytes come out.
 */
export async function* entryChunks(zip: ByteSource, entry: ZipEntry, limit = DEFAULT_MAX_ZIP_ENTRY_BYTES): AsyncGenerator<Uint8Array> {
	if (entry.declaredSize > limit || (entry.method === 0 && entry.compressedSize > limit)) throw tooLarge(entry.name, limit);
	const local = await zip.read(entry.localOffset, 30);
	const localView = new DataView(local.buffer, local.byteOffset, local.byteLength);
	if (local.length < 30 || localView.getUint32(0, true) !== LOCAL) throw broken('bad local header');
	const start = entry.localOffset + 30 + localView.getUint16(26, true) + localView.getUint16(28, true);
	const end = start + entry.compressedSize;
	if (end > zip.size) throw broken(`${entry.name} is cut short`);
	const CHUNK = 1 << 20;
	async function* compressed() {
		for (let at = start; at < end; at += CHUNK) yield await zip.read(at, Math.min(CHUNK, end - at));
	}
	if (entry.method === 0) {
		yield* compressed();
		return;
	}
	const input = compressed();
	const inflated = new ReadableStream<Uint8Array<ArrayBuffer>>({
		async pull(controller) {
			const next = await input.next();
			if (next.done) controller.close();
			else controller.enqueue(next.value as Uint8Array<ArrayBuffer>);
		}
	}).pipeThrough(new DecompressionStream('deflate-raw'));
	const reader = inflated.getReader();
	let total = 0;
	try {
		for (;;) {
			let next: ReadableStreamReadResult<Uint8Array>;
			try {
				next = await reader.read();
			} catch (error) {
				throw broken(`${entry.name}: ${(error as Error).message}`);
			}
			if (next.done) return;
			total += next.value.byteLength;
			if (total > limit) throw tooLarge(entry.name, limit);
			yield next.value;
		}
	} finally {
		await reader.cancel().catch(() => {});
	}
}
