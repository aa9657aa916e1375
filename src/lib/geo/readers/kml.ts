import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { LocalizedError, L } from '../localized-error';
import { readWhole, type ByteSource } from './byte-source';
import { checkWholeSize } from './limits';
import type { FeatureStream, ReadOptions, SourceFeature } from './types';

/**
 * KML placemarks (always WGS84 lon/lat by the KML standard), with their names and
 * ExtendedData. Parsed whole (a DOM), so refused over maxWholeFileBytes.
 */
export async function kmlStream(source: ByteSource, options: ReadOptions = {}): Promise<FeatureStream> {
	checkWholeSize(source, options);
	const text = new TextDecoder().decode(await readWhole(source));
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
	const features: SourceFeature[] = collection.features.map((f) => ({ geometry: f.geometry ?? null, properties: f.properties ?? {} }));
	return {
		format: 'kml',
		crs: { where: 'KML', epsg: 4326, implicit: true },
		notes: [],
		async *features() {
			yield* features;
		}
	};
}
