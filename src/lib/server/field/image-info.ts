import type { PhotoMime } from '../../api/field';

export interface ImageInfo {
	mime: PhotoMime;
	width: number;
	height: number;
}

/** The image type its first bytes (magic number) say, whatever the client claimed. */
export function sniffMime(bytes: Uint8Array): PhotoMime | undefined {
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
	if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return 'image/png';
	const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
	if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
	return undefined;
}

function pngSize(b: Uint8Array, view: DataView): [number, number] | undefined {
	// The IHDR chunk comes first: length, "IHDR", width, height (big-endian).
	if (b.length < 24 || String.fromCharCode(...b.subarray(12, 16)) !== 'IHDR') return undefined;
	return [view.getUint32(16), view.getUint32(20)];
}

function jpegSize(b: Uint8Array, view: DataView): [number, number] | undefined {
	// Walk the segments to the first start-of-frame (SOF0–SOF15 but DHT, JPG, DAC).
	let at = 2;
	while (at + 9 < b.length) {
		if (b[at] !== 0xff) return undefined;
		const marker = b[at + 1];
		if (marker === 0xff) {
			at += 1;
			continue;
		}
		const length = view.getUint16(at + 2);
		if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
			return [view.getUint16(at + 7), view.getUint16(at + 5)];
		at += 2 + length;
	}
	return undefined;
}

function webpSize(b: Uint8Array, view: DataView): [number, number] | undefined {
	const chunk = String.fromCharCode(...b.subarray(12, 16));
	if (chunk === 'VP8 ' && b.length >= 30) return [view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff];
	if (chunk === 'VP8L' && b.length >= 25) {
		const bits = view.getUint32(21, true);
		return [(bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1];
	}
	if (chunk === 'VP8X' && b.length >= 30) {
		const w = b[24] | (b[25] << 8) | (b[26] << 16);
		const h = b[27] | (b[28] << 8) | (b[29] << 16);
		return [w + 1, h + 1];
	}
	return undefined;
}

/** Type (from the magic number) and pixel size read from the image's header; undefined when unreadable. */
export function imageInfo(bytes: Uint8Array): ImageInfo | undefined {
	const mime = sniffMime(bytes);
	if (!mime) return undefined;
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const size = mime === 'image/png' ? pngSize(bytes, view) : mime === 'image/jpeg' ? jpegSize(bytes, view) : webpSize(bytes, view);
	if (!size || size[0] <= 0 || size[1] <= 0) return undefined;
	return { mime, width: size[0], height: size[1] };
}
