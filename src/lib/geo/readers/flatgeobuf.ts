import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';
import { LocalizedError, L } from '../localized-error';
import type { Feature } from 'geojson';
import { chunksOf, type ByteSource } from './byte-source';
import type { DeclaredCrs, FeatureStream, SourceFeature } from './types';

export function isFlatGeobuf(bytes: Uint8Array): boolean {
	return bytes.length >= 4 && bytes[0] === 0x66 && bytes[1] === 0x67 && bytes[2] === 0x62; // "fgb"
}

function declaredCrs(header: HeaderMeta | undefined): DeclaredCrs | undefined {
	const crs = header?.crs;
	if (!crs) return undefined;
	// An absent organisation means EPSG (FlatGeobuf spec); a code is surer than a WKT.
	if (crs.code > 0 && (!crs.org || crs.org.toUpperCase() === 'EPSG')) return { where: 'FlatGeobuf header', epsg: crs.code };
	if (crs.wkt) return { where: 'FlatGeobuf header', text: crs.wkt };
	if (crs.code_string || crs.name) return { where: 'FlatGeobuf header', text: crs.code_string ?? crs.name ?? '' };
	return undefined;
}

/**
 * Features streamed from the file (the library's streaming deserializer), a piece at a
 * time. The CRS is in the header, known once the features have been read.
 */
export async function flatGeobufStream(source: ByteSource): Promise<FeatureStream> {
	// The header must be complete: the library loops on a cut-off header instead of failing.
	const first = await source.read(0, 12);
	const headerLength = first.length < 12 ? Infinity : new DataView(first.buffer, first.byteOffset, 12).getUint32(8, true);
	if (12 + headerLength > source.size)
		throw new LocalizedError(L('FlatGeobuf 文件已损坏（文件头不完整）', 'The FlatGeobuf file is damaged (its header is cut short)'));
	const stream: FeatureStream = {
		format: 'flatgeobuf',
		notes: [],
		async *features() {
			const chunks = chunksOf(source);
			const input = new ReadableStream<Uint8Array>({
				async pull(controller) {
					const next = await chunks.next();
					if (next.done) controller.close();
					else controller.enqueue(next.value);
				}
			});
			let header: HeaderMeta | undefined;
			try {
				for await (const f of deserialize(input, { headerMetaFn: (h) => (header = h) }) as AsyncGenerator<Feature>)
					yield { geometry: f.geometry ?? null, properties: { ...(f.properties ?? {}) } } satisfies SourceFeature;
			} catch (error) {
				if (error instanceof LocalizedError) throw error;
				throw new LocalizedError(L(`无法读取 FlatGeobuf：${(error as Error).message}`, `Cannot read the FlatGeobuf: ${(error as Error).message}`));
			}
			stream.layerName = header?.title ?? undefined;
			stream.crs = declaredCrs(header);
		}
	};
	return stream;
}
