// A small zip reader for zipped shapefiles and KMZ: reads the central directory and
// inflates with the platform's DecompressionStream (Node ≥ 18, all current browsers).
import { LocalizedError, L } from '../localized-error';
import type { NamedFile } from './types';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

async function inflateRaw(data: Uint8Array): Promise<Uint8Array> {
	const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
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
export async function unzip(bytes: Uint8Array): Promise<NamedFile[]> {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let eocd = -1;
	for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--)
		if (view.getUint32(i, true) === EOCD) {
			eocd = i;
			break;
		}
	if (eocd < 0) throw broken('no central directory');
	const count = view.getUint16(eocd + 10, true);
	let offset = view.getUint32(eocd + 16, true);
	const files: NamedFile[] = [];
	for (let n = 0; n < count; n++) {
		if (view.getUint32(offset, true) !== CENTRAL) throw broken('bad central directory entry');
		const flags = view.getUint16(offset + 8, true);
		const method = view.getUint16(offset + 10, true);
		const compressedSize = view.getUint32(offset + 20, true);
		const nameLength = view.getUint16(offset + 28, true);
		const extraLength = view.getUint16(offset + 30, true);
		const commentLength = view.getUint16(offset + 32, true);
		const localOffset = view.getUint32(offset + 42, true);
		const name = decodeName(bytes.subarray(offset + 46, offset + 46 + nameLength), (flags & 0x800) !== 0);
		offset += 46 + nameLength + extraLength + commentLength;
		if (name.endsWith('/') || name.includes('__MACOSX')) continue;
		if (flags & 1) throw new LocalizedError(L(`zip 中的 ${name} 已加密`, `${name} in the zip is encrypted`));
		if (view.getUint32(localOffset, true) !== LOCAL) throw broken('bad local header');
		const start = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
		const data = bytes.subarray(start, start + compressedSize);
		if (method === 0) files.push({ name, bytes: data });
		else if (method === 8) files.push({ name, bytes: await inflateRaw(data) });
		else throw new LocalizedError(L(`zip 中 ${name} 的压缩方式（${method}）不受支持`, `${name} in the zip uses an unsupported compression method (${method})`));
	}
	return files;
}
