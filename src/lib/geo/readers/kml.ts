import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { LocalizedError, L } from '../localized-error';
import type { ReadResult } from './types';

/** KML placemarks (always WGS84 lon/lat by the KML standard), with their names and ExtendedData. */
export function readKml(bytes: Uint8Array): ReadResult {
	const text = new TextDecoder().decode(bytes);
	let problem: string | undefined;
	let document: ReturnType<DOMParser['parseFromString']> | undefined;
	try {
		document = new DOMParser({
			onError: (level, message) => {
				if (level !== 'warning') problem ??= message;
			}
		}).parseFromString(text, 'text/xml');
	} catch (error) {
		problem ??= (error as Error).message; // xmldom throws on fatal errors
	}
	if (problem || !document?.documentElement || document.documentElement.nodeName.toLowerCase() !== 'kml')
		throw new LocalizedError(L(`不是有效的 KML：${problem ?? '缺少 <kml>'}`, `Not valid KML: ${problem ?? 'no <kml> element'}`));
	// togeojson walks a DOM Document; xmldom's is the same shape.
	const collection = kml(document as unknown as Document);
	return {
		format: 'kml',
		features: collection.features.map((f) => ({ geometry: f.geometry ?? null, properties: f.properties ?? {} })),
		crs: { where: 'KML', epsg: 4326, implicit: true },
		notes: []
	};
}
