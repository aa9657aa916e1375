import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';
import { LocalizedError, L } from '../localized-error';
import type { DeclaredCrs, ReadResult, SourceFeature } from './types';

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

/** The header must be complete: the library loops on a cut-off header instead of failing. */
function headerComplete(bytes: Uint8Array): boolean {
	if (bytes.length < 12) return false;
	const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
	return 12 + headerLength <= bytes.length;
}

export async function readFlatGeobuf(bytes: Uint8Array): Promise<ReadResult> {
	if (!headerComplete(bytes))
		throw new LocalizedError(L('FlatGeobuf 文件已损坏（文件头不完整）', 'The FlatGeobuf file is damaged (its header is cut short)'));
	let header: HeaderMeta | undefined;
	const features: SourceFeature[] = [];
	try {
		for await (const f of deserialize(bytes, { headerMetaFn: (h) => (header = h) }))
			features.push({ geometry: f.geometry ?? null, properties: { ...(f.properties ?? {}) } });
	} catch (error) {
		throw new LocalizedError(L(`无法读取 FlatGeobuf：${(error as Error).message}`, `Cannot read the FlatGeobuf: ${(error as Error).message}`));
	}
	return { format: 'flatgeobuf', layerName: header?.title ?? undefined, features, crs: declaredCrs(header), notes: [] };
}
