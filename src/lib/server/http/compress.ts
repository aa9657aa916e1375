import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Handle } from '@sveltejs/kit';
import { encodedEtag, type ContentCoding } from '../serving/conditional';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text-like bodies and vector tiles (protobuf compresses to about half). Images, FlatGeobuf and PDFs are left alone. */
const COMPRESSIBLE = /^(text\/|application\/(json|geo\+json|vnd\.oai\.openapi\+json|vnd\.mapbox-vector-tile|javascript|xml)|image\/svg\+xml)/;
/** Below this a compressed body saves less than its headers and the CPU cost. */
const MIN_BYTES = 1024;
/** Larger bodies go out as they are (GeoJSON downloads bring their own gzip copy, see downloads/store.ts). */
const MAX_BYTES = 32 << 20;
/** Keep an encoded copy only if it is at most this share of the original. */
const WORTH = 0.9;

/** The coding the client prefers among `offered` (earlier first at equal weight), or null for identity. */
export function negotiateCoding(acceptEncoding: string | null, offered: readonly ContentCoding[] = ['br', 'gzip']): ContentCoding | null {
	if (!acceptEncoding) return null;
	const weights = new Map<string, number>();
	for (const part of acceptEncoding.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
		weights.set(name.trim(), q ? Number(q[1]) : 1);
	}
	const weight = (coding: ContentCoding) => weights.get(coding) ?? weights.get('*') ?? 0;
	const best = offered.filter((c) => weight(c) > 0).sort((a, b) => weight(b) - weight(a));
	return best[0] ?? null;
}

function encode(bytes: Uint8Array, coding: ContentCoding): Promise<Buffer> {
	if (coding === 'gzip') return gzipAsync(bytes, { level: 6 });
	// Quality 5: most of brotli's gain at a fraction of the time of its default 11.
	return brotli(bytes, {
		params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength }
	});
}

/**
 * Encoded copies of responses that carry an entity tag (tiles, TileJSON, style, downloads):
 * the same URL and tag mean the same bytes, so each is compressed once. Bounded by bytes,
 * least recently used first out.
 */
class EncodedCache {
	private readonly entries = new Map<string, Uint8Array | null>();
	private bytes = 0;
	constructor(private readonly budget: number) {}

	get(key: string): Uint8Array | null | undefined {
		const hit = this.entries.get(key);
		if (hit !== undefined) {
			this.entries.delete(key);
			this.entries.set(key, hit);
		}
		return hit;
	}

	/** `null` remembers that compressing this one does not pay. */
	set(key: string, value: Uint8Array | null) {
		const size = value?.byteLength ?? 0;
		if (size > this.budget / 8) return;
		this.entries.set(key, value);
		this.bytes += size;
		for (const [oldest, old] of this.entries) {
			if (this.bytes <= this.budget) break;
			this.entries.delete(oldest);
			this.bytes -= old?.byteLength ?? 0;
		}
	}
}

const cache = new EncodedCache(16 << 20);

function addVary(headers: Headers) {
	const vary = headers.get('vary');
	if (!vary) headers.set('vary', 'Accept-Encoding');
	else if (!/accept-encoding|\*/i.test(vary)) headers.set('vary', `${vary}, Accept-Encoding`);
}

/**
 * gzip or brotli by Accept-Encoding for JSON, GeoJSON, HTML and vector tiles, with
 * `Vary: Accept-Encoding` and a suffixed ETag per coding. Only whole 200 responses are
 * compressed: a Range request, a 206 and an already encoded body go out untouched, so
 * range readers (GDAL /vsicurl/, flatgeobuf) keep reading the identity bytes. A response that
 * already varies by Accept-Encoding chose its coding itself (downloads) and is left alone.
 */
export const compress: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const { request } = event;
	if (request.method !== 'GET' || /accept-encoding/i.test(response.headers.get('vary') ?? '')) return response;
	const coding = negotiateCoding(request.headers.get('accept-encoding'));
	const etag = response.headers.get('etag');

	// A revalidation of an encoded variant: answer with that variant's tag.
	if (response.status === 304) {
		if (coding && etag && (request.headers.get('if-none-match') ?? '').includes(encodedEtag(etag, coding).replace(/^W\//, ''))) {
			response.headers.set('etag', encodedEtag(etag, coding));
			addVary(response.headers);
		}
		return response;
	}

	const type = response.headers.get('content-type') ?? '';
	if (response.status !== 200 || !response.body || !COMPRESSIBLE.test(type)) return response;
	if (response.headers.has('content-encoding') || response.headers.has('content-range') || request.headers.has('range')) return response;
	if (/no-transform/i.test(response.headers.get('cache-control') ?? '')) return response;
	const declared = Number(response.headers.get('content-length') ?? NaN);
	if (declared > MAX_BYTES) return response;

	const headers = new Headers(response.headers);
	addVary(headers);
	// Nothing to encode: the body goes out as it comes (a download streams from its file).
	if (!coding) return new Response(response.body, { status: 200, statusText: response.statusText, headers });
	const bytes = new Uint8Array(await response.arrayBuffer());
	const identity = () => {
		headers.set('content-length', String(bytes.byteLength));
		return new Response(bytes, { status: 200, statusText: response.statusText, headers });
	};
	if (bytes.byteLength < MIN_BYTES || bytes.byteLength > MAX_BYTES) return identity();

	const key = etag ? `${event.url.href}|${etag}|${type}|${coding}` : undefined;
	let encoded = key ? cache.get(key) : undefined;
	if (encoded === undefined) {
		const out = await encode(bytes, coding);
		encoded = out.byteLength <= bytes.byteLength * WORTH ? new Uint8Array(out.buffer, out.byteOffset, out.byteLength) : null;
		if (key) cache.set(key, encoded);
	}
	if (!encoded) return identity();
	headers.set('content-encoding', coding);
	headers.set('content-length', String(encoded.byteLength));
	if (etag) headers.set('etag', encodedEtag(etag, coding));
	return new Response(encoded as Uint8Array<ArrayBuffer>, { status: 200, statusText: response.statusText, headers });
};
