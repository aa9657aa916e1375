import { describe, expect, it } from 'vitest';
import { solidPng } from '../../../../tests/png';
import { imageInfo, sniffMime } from './image-info';

/** The head of a baseline JPEG: SOI, an APP0 (JFIF) segment, then SOF0 with height and width. */
function jpegHead(width: number, height: number): Uint8Array {
	const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
	const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
	return new Uint8Array([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9]);
}

/** A WebP whose VP8X chunk gives the canvas size (stored minus one, 24-bit little-endian). */
function webpHead(width: number, height: number): Uint8Array {
	const b = new Uint8Array(30);
	b.set([...'RIFF'].map((c) => c.charCodeAt(0)), 0);
	b.set([...'WEBPVP8X'].map((c) => c.charCodeAt(0)), 8);
	const w = width - 1;
	const h = height - 1;
	b.set([w & 0xff, (w >> 8) & 0xff, w >> 16, h & 0xff, (h >> 8) & 0xff, h >> 16], 24);
	return b;
}

describe('image header reading', () => {
	it('reads type and size of PNG, JPEG and WebP from their headers', () => {
		expect(imageInfo(solidPng(33, 7, [1, 2, 3]))).toEqual({ mime: 'image/png', width: 33, height: 7 });
		expect(imageInfo(jpegHead(4000, 3000))).toEqual({ mime: 'image/jpeg', width: 4000, height: 3000 });
		expect(imageInfo(webpHead(1920, 1080))).toEqual({ mime: 'image/webp', width: 1920, height: 1080 });
	});

	it('knows no type for other bytes and no size for a truncated header', () => {
		expect(sniffMime(new TextEncoder().encode('GIF89a……'))).toBeUndefined();
		expect(imageInfo(jpegHead(10, 10).subarray(0, 12))).toBeUndefined();
	});
});
