// A photo as it is queued: resized on the device (long edge ≤ 2048 px), re-encoded as
// JPEG, stamped with capture time, position, accuracy and heading, and named by its SHA-256.
import type { PhotoRef, PhotoRole } from '../api/field';

export const DEVICE_MAX_EDGE_PX = 2048;

export interface Fix {
	lon: number;
	lat: number;
	accuracyM: number;
	headingDeg?: number;
}

export async function sha256Hex(blob: Blob): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
	return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Width and height scaled so the long edge is at most `max` (never enlarged). */
export function fitWithin(width: number, height: number, max = DEVICE_MAX_EDGE_PX): { width: number; height: number } {
	const scale = Math.min(1, max / Math.max(width, height));
	return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function preparePhoto(file: Blob, role: PhotoRole, fix: Fix | undefined, capturedAt: Date): Promise<{ blob: Blob; ref: PhotoRef }> {
	const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
	const size = fitWithin(bitmap.width, bitmap.height);
	const canvas = document.createElement('canvas');
	canvas.width = size.width;
	canvas.height = size.height;
	canvas.getContext('2d')!.drawImage(bitmap, 0, 0, size.width, size.height);
	bitmap.close();
	const blob = await new Promise<Blob>((resolve, reject) =>
		canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('JPEG encoding failed'))), 'image/jpeg', 0.85)
	);
	const ref: PhotoRef = {
		sha256: await sha256Hex(blob),
		role,
		capturedAt: capturedAt.toISOString(),
		width: size.width,
		height: size.height,
		bytes: blob.size,
		mime: 'image/jpeg'
	};
	if (fix) {
		ref.lon = fix.lon;
		ref.lat = fix.lat;
		ref.accuracyM = Math.round(fix.accuracyM * 10) / 10;
		if (fix.headingDeg !== undefined) ref.headingDeg = Math.round(fix.headingDeg);
	}
	return { blob, ref };
}
