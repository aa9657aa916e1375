// An upload streamed to a temporary file (bounded memory) and hashed on the way, so the
// importer can read it a piece at a time and the audit row can name exactly what was loaded.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Writable } from 'node:stream';
import type { UploadedFile } from '../../api/data-upload';
import { ApiError } from '../http/errors';

export interface SavedUpload extends UploadedFile {
	path: string;
	dispose(): Promise<void>;
}

export const uploadTooLarge = (maxBytes: number) =>
	new ApiError(413, 'upload-too-large', {
		zh: `文件过大：上传不得超过 ${Math.round(maxBytes / 1024 / 1024)} MB。大文件请用命令行 npm run import 导入。`,
		en: `The file is too large: uploads may not exceed ${Math.round(maxBytes / 1024 / 1024)} MB. Load larger files with npm run import.`
	});

/** A file name safe to put on disk and in the audit row: its base name, printable, at most 200 characters. */
export function uploadName(raw: string | null): string {
	const name = basename((raw ?? '').replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
	if (!name || name === '.' || name === '..')
		throw new ApiError(400, 'invalid-file-name', { zh: '缺少文件名（参数 file）。', en: 'The file name (parameter "file") is missing.' }, { field: 'file' });
	return name;
}

/** Streams the request body to a temporary file, refusing more than `maxBytes`. */
export async function saveUpload(request: Request, name: string, maxBytes: number): Promise<SavedUpload> {
	const declared = Number(request.headers.get('content-length'));
	if (Number.isFinite(declared) && declared > maxBytes) throw uploadTooLarge(maxBytes);
	if (!request.body) throw new ApiError(400, 'empty-upload', { zh: '上传的文件为空。', en: 'The uploaded file is empty.' });
	const dir = await mkdtemp(join(tmpdir(), 'ecomap-upload-'));
	const dispose = () => rm(dir, { recursive: true, force: true });
	const path = join(dir, name);
	const hash = createHash('sha256');
	let size = 0;
	try {
		const out = Writable.toWeb(createWriteStream(path));
		await request.body
			.pipeThrough(
				new TransformStream<Uint8Array, Uint8Array>({
					transform(chunk, controller) {
						size += chunk.byteLength;
						if (size > maxBytes) throw uploadTooLarge(maxBytes);
						hash.update(chunk);
						controller.enqueue(chunk);
					}
				})
			)
			.pipeTo(out);
	} catch (error) {
		await dispose();
		throw error;
	}
	if (size === 0) {
		await dispose();
		throw new ApiError(400, 'empty-upload', { zh: '上传的文件为空。', en: 'The uploaded file is empty.' });
	}
	return { name, size, sha256: hash.digest('hex'), path, dispose };
}

/**
 * The saved upload as the importer's input. The streaming importer (branch store) reads
 * files from disk through `openFileSource(path, name)`; until it lands the file is read whole.
 */
