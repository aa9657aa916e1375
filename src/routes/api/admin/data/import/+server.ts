import type { ImportEvent } from '$lib/api/data-upload';
import { LocalizedError } from '$lib/geo/localized-error';
import { commitUpload, MAX_UPLOAD_BYTES, parseUploadOptions } from '$lib/server/admin/data-upload';
import { saveUpload, uploadName } from '$lib/server/admin/upload-file';
import { actorOf } from '$lib/server/audit/actor';
import { ApiError } from '$lib/server/http/errors';
import type { RequestHandler } from './$types';

const changedSinceDryRun = () =>
	new ApiError(409, 'upload-changed', {
		zh: '文件与试运行时不同：请重新试运行后再导入。',
		en: 'The file is not the one of the dry run: run the dry run again before importing.'
	});

/**
 * The commit of an upload: the same body and options as the dry run, plus the SHA-256 the dry
 * run reported (sha256) so what is loaded is what was previewed. Answers NDJSON: progress
 * lines, then `done` or `error`.
 */
export const POST: RequestHandler = async (event) => {
	const { request, url, locals } = event;
	const options = parseUploadOptions(url.searchParams);
	const expected = url.searchParams.get('sha256') ?? '';
	if (!/^[0-9a-f]{64}$/.test(expected)) throw changedSinceDryRun();
	const upload = await saveUpload(request, uploadName(url.searchParams.get('file')), MAX_UPLOAD_BYTES);
	if (upload.sha256 !== expected) {
		await upload.dispose();
		throw changedSinceDryRun();
	}
	const actor = actorOf(event);
	const db = locals.db;
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		async start(controller) {
			const send = (e: ImportEvent) => controller.enqueue(encoder.encode(`${JSON.stringify(e)}\n`));
			try {
				const { summary, previousVersion } = await commitUpload(db, actor, upload, options, (progress) => send({ progress }));
				send({ done: { written: summary.written, deleted: summary.deleted, version: summary.version, previousVersion } });
			} catch (error) {
				if (!(error instanceof LocalizedError)) {
					console.error('[ecomap] upload import failed:', error);
					send({ error: { message: { zh: '导入失败，未做任何更改。', en: 'The import failed; nothing was changed.' }, details: [] } });
				} else send({ error: { message: error.text, details: [...error.details] } });
			} finally {
				await upload.dispose();
				controller.close();
			}
		}
	});
	return new Response(body, { headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' } });
};
