import { createHash } from 'node:crypto';
import { PHOTO_MAX_EDGE_PX, PHOTO_MIMES, type PhotoMime } from '../../api/field';
import { audit, type Actor } from '../audit/audit';
import type { Db } from '../db/types';
import { ApiError } from '../http/errors';
import { imageInfo, sniffMime } from './image-info';

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

const isPhotoMime = (value: string): value is PhotoMime => (PHOTO_MIMES as readonly string[]).includes(value);

export const photoTooLarge = (maxBytes: number) =>
	new ApiError(413, 'photo-too-large', {
		zh: `照片超过 ${(maxBytes / 1048576).toFixed(0)} MB 上限，请在设备上压缩后再传。`,
		en: `The photo is larger than the ${(maxBytes / 1048576).toFixed(0)} MB limit; shrink it on the device and send it again.`
	});

/**
 * Checks an uploaded photo as the server must (the tablet's checks do not count): size,
 * declared type and magic number, SHA-256 of the bytes, pixel size. Returns its type and size.
 */
export function checkPhoto(sha256: string, bytes: Uint8Array, declaredType: string, maxBytes: number) {
	if (bytes.length > maxBytes) throw photoTooLarge(maxBytes);
	const declared = declaredType.split(';')[0].trim().toLowerCase();
	const sniffed = sniffMime(bytes);
	if (!isPhotoMime(declared) || sniffed !== declared)
		throw new ApiError(
			415,
			'unsupported-photo-type',
			{
				zh: '照片须为 JPEG、PNG 或 WebP，且声明的类型须与文件内容一致。',
				en: 'A photo must be JPEG, PNG or WebP, and its declared type must match its content.'
			},
			{ declared, detected: sniffed ?? null }
		);
	const actual = createHash('sha256').update(bytes).digest('hex');
	if (actual !== sha256)
		throw new ApiError(
			422,
			'hash-mismatch',
			{ zh: '照片内容与其 SHA-256 不符（传输不完整？），请重新上传。', en: 'The bytes do not match their SHA-256 (an incomplete upload?); upload the photo again.' },
			{ expected: sha256, actual }
		);
	const info = imageInfo(bytes);
	if (!info)
		throw new ApiError(422, 'unreadable-photo', { zh: '无法读取照片的尺寸，文件可能已损坏。', en: 'The photo’s size cannot be read; the file may be damaged.' });
	if (Math.max(info.width, info.height) > PHOTO_MAX_EDGE_PX)
		throw new ApiError(
			422,
			'photo-too-many-pixels',
			{
				zh: `照片长边超过 ${PHOTO_MAX_EDGE_PX} 像素，请在设备上缩小后再传。`,
				en: `The photo’s long edge is over ${PHOTO_MAX_EDGE_PX} px; shrink it on the device and send it again.`
			},
			{ width: info.width, height: info.height }
		);
	return info;
}

/**
 * Stores a photo under its content hash: `created` false when it was already there (a
 * retried upload is stored once). A new photo writes one audit row.
 */
export async function storePhoto(
	db: Db,
	actor: Actor,
	sha256: string,
	bytes: Uint8Array,
	declaredType: string,
	maxBytes: number
): Promise<{ created: boolean }> {
	const info = checkPhoto(sha256, bytes, declaredType, maxBytes);
	return db.transaction(async (tx) => {
		const inserted = await tx.query(
			`INSERT INTO field_photo (sha256, mime, bytes, size, width, height, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
			 ON CONFLICT (sha256) DO NOTHING RETURNING sha256`,
			[sha256, info.mime, bytes, bytes.length, info.width, info.height, actor.userId]
		);
		if (!inserted.length) return { created: false };
		await audit(tx, actor, {
			action: 'field_photo.upload',
			entity: 'field_photo',
			entityId: sha256,
			after: { sha256, mime: info.mime, size: bytes.length, width: info.width, height: info.height }
		});
		return { created: true };
	});
}

export async function photoExists(db: Db, sha256: string): Promise<boolean> {
	return (await db.query('SELECT 1 FROM field_photo WHERE sha256 = $1', [sha256])).length > 0;
}

export async function readPhoto(db: Db, sha256: string): Promise<{ mime: PhotoMime; bytes: Uint8Array } | undefined> {
	const rows = await db.query<{ mime: PhotoMime; bytes: Uint8Array }>('SELECT mime, bytes FROM field_photo WHERE sha256 = $1', [sha256]);
	return rows[0];
}
