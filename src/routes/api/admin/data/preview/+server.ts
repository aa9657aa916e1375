import { json } from '@sveltejs/kit';
import { MAX_UPLOAD_BYTES, parseUploadOptions, previewUpload } from '$lib/server/admin/data-upload';
import { saveUpload, uploadName } from '$lib/server/admin/upload-file';
import { actorOf } from '$lib/server/audit/actor';
import type { RequestHandler } from './$types';

/**
 * The dry run of an upload: the file is the request body, the options (layer, mode, srs,
 * fromGcj02, swapXY, encoding, repair) and its name (file) are in the query string.
 */
export const POST: RequestHandler = async (event) => {
	const { request, url, locals } = event;
	const options = parseUploadOptions(url.searchParams);
	const upload = await saveUpload(request, uploadName(url.searchParams.get('file')), MAX_UPLOAD_BYTES);
	try {
		return json(await previewUpload(locals.db, actorOf(event), upload, options), { headers: { 'cache-control': 'no-store' } });
	} finally {
		await upload.dispose();
	}
};
