import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { getLayer } from '../../layers/registry';
import type { LayerDef } from '../../layers/types';
import type { Db } from '../db/types';
import { cacheControlFor } from '../serving/cache-control';
import { encodedEtag, notModified } from '../serving/conditional';
import { negotiateCoding } from '../http/compress';
import { servingError, unknownLayer } from '../serving/errors';
import { currentVersionTag } from '../serving/layer-version';
import { DOWNLOAD_FORMATS, DownloadVersionMoved, type DownloadFormat } from './generate';
import { parseRange } from '../../http/range';
import { sharedDownloadStore, type DownloadStore } from './store';

/** Tries at the current version: the data may change while a file is written or opened. */
const ATTEMPTS = 3;

/**
 * Worth another try at the current version: the version moved, a newer version's writer
 * removed the file, or (SQLSTATE 40001) a hot standby cancelled the download's snapshot
 * because replayed WAL conflicted with it.
 */
const retryable = (error: unknown) =>
	error instanceof DownloadVersionMoved || ['ENOENT', '40001'].includes((error as { code?: string }).code ?? '');

/**
 * The current version's file, open — its gzip copy when `gzip` — once open it can be read
 * even if a newer version replaces it meanwhile.
 */
async function openCurrent(db: Db, layer: LayerDef, format: DownloadFormat, gzip: boolean, store: DownloadStore, request: Request) {
	for (let attempt = 1; ; attempt++) {
		const tag = await currentVersionTag(db, layer);
		const identity = `"${layer.id}/${tag}.${DOWNLOAD_FORMATS[format].extension}"`;
		const etag = gzip ? encodedEtag(identity, 'gzip') : identity;
		if (notModified(request, etag)) return { tag, etag, file: null };
		try {
			const stored = await store.file(db, layer, tag, format);
			const handle = await open(gzip ? stored.gzip!.path : stored.path, 'r');
			return { tag, etag, file: { handle, size: (await handle.stat()).size } };
		} catch (error) {
			if (!retryable(error) || attempt === ATTEMPTS) throw error;
		}
	}
}

/** Bytes `start`…`end` (inclusive) of the file as a response body; the file is closed when read or abandoned. */
const body = (handle: FileHandle, start: number, end: number) =>
	Readable.toWeb(handle.createReadStream({ start, end, autoClose: true })) as ReadableStream<Uint8Array>;

/**
 * GET /download/{layer}.fgb and .geojson: the layer's public attributes, generated once
 * per data version into a file (see DownloadStore) and streamed from it. Answers Range
 * requests (206/416) so the flatgeobuf client and GDAL's /vsicurl/ read only the header,
 * the index and the features of a bbox. GeoJSON goes out as its gzip copy (strong ETag
 * `…-gzip`, `Vary: Accept-Encoding`) to a client that accepts gzip and asks for no range;
 * a range is always of the identity bytes.
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
	const { contentType, extension, gzip: compressible } = DOWNLOAD_FORMATS[format];
	const gzip = compressible && !request.headers.has('range') && negotiateCoding(request.headers.get('accept-encoding'), ['gzip']) === 'gzip';
	const { tag, etag, file } = await openCurrent(db, layer, format, gzip, store, request);
	const headers: Record<string, string> = {
		etag,
		'cache-control': cacheControlFor(request, tag),
		'accept-ranges': 'bytes',
		'access-control-allow-origin': '*',
		'access-control-expose-headers': 'Accept-Ranges, Content-Length, Content-Range, ETag'
	};
	// Also on identity and range answers: caches must not hand the gzip bytes to anyone else.
	if (compressible) headers.vary = 'Accept-Encoding';
	if (!file) return new Response(null, { status: 304, headers });

	const { handle, size } = file;
	headers['content-type'] = contentType;
	if (gzip) headers['content-encoding'] = 'gzip';
	headers['content-disposition'] = `attachment; filename="${layer.id}.${extension}"`;
	// If-Range names the version the client already holds parts of; any other → whole file.
	const ifRange = request.headers.get('if-range');
	const range = ifRange && ifRange !== etag ? { kind: 'whole' as const } : parseRange(request.headers.get('range'), size);
	const part = range.kind === 'part' ? range : range.kind === 'whole' ? { start: 0, end: size - 1 } : null;
	if (!part || request.method === 'HEAD' || size === 0) await handle.close();

	if (!part)
		return servingError(416, 'range-not-satisfiable', { zh: `文件共 ${size} 字节。`, en: `The file has ${size} bytes.` }, {
			etag,
			'accept-ranges': 'bytes',
			'content-range': `bytes */${size}`
		});
	const length = Math.max(0, part.end - part.start + 1);
	headers['content-length'] = String(length);
	if (range.kind === 'part') headers['content-range'] = `bytes ${part.start}-${part.end}/${size}`;
	const status = range.kind === 'part' ? 206 : 200;
	if (request.method === 'HEAD' || size === 0) return new Response(null, { status, headers });
	return new Response(body(handle, part.start, part.end), { status, headers });
}
