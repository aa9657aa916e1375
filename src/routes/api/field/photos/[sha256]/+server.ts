import { readConfig } from '$lib/server/config';
import { actorOf } from '$lib/server/audit/actor';
import { notFound } from '$lib/server/http/errors';
import { photoExists, photoTooLarge, readPhoto, SHA256_PATTERN, storePhoto } from '$lib/server/field/photos';
import type { RequestHandler } from './$types';

const config = readConfig();

function hashOf(raw: string): string {
	if (!SHA256_PATTERN.test(raw)) throw notFound();
	return raw;
}

/** The photo's bytes under its content hash: immutable, so cached for good (privately: field work is not public). */
export const GET: RequestHandler = async ({ params, locals, request }) => {
	const sha256 = hashOf(params.sha256);
	const etag = `"${sha256}"`;
	const headers = { etag, 'cache-control': 'private, max-age=31536000, immutable' };
	if (request.headers.get('if-none-match') === etag && (await photoExists(locals.db, sha256))) return new Response(null, { status: 304, headers });
	const photo = await readPhoto(locals.db, sha256);
	if (!photo) throw notFound();
	return new Response(Buffer.from(photo.bytes), { headers: { ...headers, 'content-type': photo.mime, 'content-length': String(photo.bytes.length) } });
};

/** 200 when stored, 404 when not: lets the tablet skip an upload. */
export const HEAD: RequestHandler = async ({ params, locals }) => {
	const sha256 = hashOf(params.sha256);
	return new Response(null, { status: (await photoExists(locals.db, sha256)) ? 200 : 404, headers: { 'cache-control': 'no-store' } });
};

/** The image bytes → 201 stored, 200 already stored; 413 too big, 415 wrong type, 422 hash or size wrong. */
export const PUT: RequestHandler = async (event) => {
	const sha256 = hashOf(event.params.sha256);
	// Refuse an announced oversize body before reading it.
	const announced = Number(event.request.headers.get('content-length') ?? NaN);
	if (announced > config.photoMaxBytes) throw photoTooLarge(config.photoMaxBytes);
	const bytes = Buffer.from(await event.request.arrayBuffer());
	const { created } = await storePhoto(event.locals.db, actorOf(event), sha256, bytes, event.request.headers.get('content-type') ?? '', config.photoMaxBytes);
	return new Response(null, { status: created ? 201 : 200, headers: { etag: `"${sha256}"`, 'cache-control': 'no-store' } });
};
