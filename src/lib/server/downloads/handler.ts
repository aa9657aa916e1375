import { getLayer } from '../../layers/registry';
import type { Db } from '../db/types';
import { cacheControlFor } from '../serving/cache-control';
import { notModified } from '../serving/conditional';
import { servingError, unknownLayer } from '../serving/errors';
import { currentVersionTag } from '../serving/layer-version';
import { DOWNLOAD_FORMATS, type DownloadFormat } from './generate';
import { parseRange } from '../../http/range';
import { sharedDownloadStore, type DownloadStore } from './store';

/**
 * GET /download/{layer}.fgb and .geojson: the layer's public attributes, generated once
 * per data version. Answers Range requests (206/416) so the flatgeobuf client and GDAL's
 * /vsicurl/ read only the header, the index and the features of a bbox.
 */
export async function downloadResponse(
	db: Db,
	layerId: string,
	format: DownloadFormat,
	request: Request,
	store: DownloadStore = sharedDownloadStore()
): Promise<Response> {
	const layer = getLayer(layerId);
	if (!layer) return unknownLayer(layerId);
	const { contentType, extension } = DOWNLOAD_FORMATS[format];
	const tag = await currentVersionTag(db, layer);
	const headers: Record<string, string> = {
		etag: `"${layer.id}/${tag}.${extension}"`,
		'cache-control': cacheControlFor(request, tag),
		'accept-ranges': 'bytes',
		'access-control-allow-origin': '*',
		'access-control-expose-headers': 'Accept-Ranges, Content-Length, Content-Range, ETag'
	};
	if (notModified(request, headers.etag)) return new Response(null, { status: 304, headers });

	const bytes = await store.get(db, layer, tag, format);
	headers['content-type'] = contentType;
	headers['content-disposition'] = `attachment; filename="${layer.id}.${extension}"`;
	// If-Range names the version the client already holds parts of; any other → whole file.
	const ifRange = request.headers.get('if-range');
	const range = ifRange && ifRange !== headers.etag ? { kind: 'whole' as const } : parseRange(request.headers.get('range'), bytes.byteLength);

	if (range.kind === 'unsatisfiable')
		return servingError(416, 'range-not-satisfiable', { zh: `文件共 ${bytes.byteLength} 字节。`, en: `The file has ${bytes.byteLength} bytes.` }, {
			etag: headers.etag,
			'accept-ranges': 'bytes',
			'content-range': `bytes */${bytes.byteLength}`
		});
	if (range.kind === 'part') {
		const part = bytes.subarray(range.start, range.end + 1);
		headers['content-range'] = `bytes ${range.start}-${range.end}/${bytes.byteLength}`;
		headers['content-length'] = String(part.byteLength);
		return new Response(part, { status: 206, headers });
	}
	headers['content-length'] = String(bytes.byteLength);
	return new Response(bytes, { status: 200, headers });
}
