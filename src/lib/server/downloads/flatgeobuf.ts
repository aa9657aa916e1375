import * as flatbuffers from 'flatbuffers';
import type { MultiLineString, MultiPolygon, Point } from 'geojson';
import { magicbytes } from 'flatgeobuf/lib/mjs/constants.js';
import { ColumnType } from 'flatgeobuf/lib/mjs/flat-geobuf/column-type.js';
import { Column } from 'flatgeobuf/lib/mjs/flat-geobuf/column.js';
import { Crs } from 'flatgeobuf/lib/mjs/flat-geobuf/crs.js';
import { GeometryType } from 'flatgeobuf/lib/mjs/flat-geobuf/geometry-type.js';
import { Header } from 'flatgeobuf/lib/mjs/flat-geobuf/header.js';
import { buildFeature } from 'flatgeobuf/lib/mjs/generic/feature.js';
import { parseGeometry } from 'flatgeobuf/lib/mjs/geojson/geometry.js';
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';

export { ColumnType, GeometryType };

/** R-tree fan-out: FlatGeobuf's default, as GDAL and PostGIS write it. */
const NODE_SIZE = 16;
/** minX, minY, maxX, maxY (float64) and an offset (uint64). */
const NODE_BYTES = 40;

export type FgbValue = string | number | boolean | null;

export interface FgbFeature {
	geometry: Point | MultiPolygon | MultiLineString;
	properties: Record<string, FgbValue>;
	/** [minX, minY, maxX, maxY] of the geometry. */
	bbox: [number, number, number, number];
}

export interface FgbLayer {
	name: string;
	title: string;
	description: string;
	geometryType: GeometryType;
	columns: { name: string; type: ColumnType }[];
	/** EPSG code of the coordinates. */
	crs: number;
}

/**
 * Position along a Hilbert curve of a point on a 65536² grid (the classic bit-twiddling
 * form also used by flatbush): sorting by it keeps nearby features together in the file,
 * so a bbox read needs few ranges.
 */
function hilbert(x: number, y: number): number {
	let a = x ^ y;
	let b = 0xffff ^ a;
	let c = 0xffff ^ (x | y);
	let d = x & (y ^ 0xffff);
	let A = a | (b >> 1);
	let B = (a >> 1) ^ a;
	let C = (c >> 1) ^ (b & (d >> 1)) ^ c;
	let D = (a & (c >> 1)) ^ (d >> 1) ^ d;
	a = A; b = B; c = C; d = D;
	A = (a & (a >> 2)) ^ (b & (b >> 2));
	B = (a & (b >> 2)) ^ (b & ((a ^ b) >> 2));
	C ^= (a & (c >> 2)) ^ (b & (d >> 2));
	D ^= (b & (c >> 2)) ^ ((a ^ b) & (d >> 2));
	a = A; b = B; c = C; d = D;
	A = (a & (a >> 4)) ^ (b & (b >> 4));
	B = (a & (b >> 4)) ^ (b & ((a ^ b) >> 4));
	C ^= (a & (c >> 4)) ^ (b & (d >> 4));
	D ^= (b & (c >> 4)) ^ ((a ^ b) & (d >> 4));
	a = A; b = B; c = C; d = D;
	C ^= (a & (c >> 8)) ^ (b & (d >> 8));
	D ^= (b & (c >> 8)) ^ ((a ^ b) & (d >> 8));
	a = C ^ (C >> 1);
	b = D ^ (D >> 1);
	let i0 = x ^ y;
	let i1 = b | (0xffff ^ (i0 | a));
	i0 = (i0 | (i0 << 8)) & 0x00ff00ff;
	i0 = (i0 | (i0 << 4)) & 0x0f0f0f0f;
	i0 = (i0 | (i0 << 2)) & 0x33333333;
	i0 = (i0 | (i0 << 1)) & 0x55555555;
	i1 = (i1 | (i1 << 8)) & 0x00ff00ff;
	i1 = (i1 | (i1 << 4)) & 0x0f0f0f0f;
	i1 = (i1 | (i1 << 2)) & 0x33333333;
	i1 = (i1 | (i1 << 1)) & 0x55555555;
	return ((i1 << 1) | i0) >>> 0;
}

type Box = [number, number, number, number];

function extentOf(boxes: Box[]): Box {
	const e: Box = [Infinity, Infinity, -Infinity, -Infinity];
	for (const b of boxes) {
		e[0] = Math.min(e[0], b[0]);
		e[1] = Math.min(e[1], b[1]);
		e[2] = Math.max(e[2], b[2]);
		e[3] = Math.max(e[3], b[3]);
	}
	return e;
}

/** [start, end) node index of each tree level, leaves first (FlatGeobuf's layout). */
function levelBounds(items: number): [number, number][] {
	const counts = [items];
	let n = items;
	do {
		n = Math.ceil(n / NODE_SIZE);
		counts.push(n);
	} while (n !== 1);
	let end = counts.reduce((sum, c) => sum + c, 0);
	return counts.map((count) => {
		const bounds: [number, number] = [end - count, end];
		end -= count;
		return bounds;
	});
}

/**
 * The packed R-tree: leaves hold each feature's box and byte offset in the feature
 * section; a parent holds its children's union and the index of its first child.
 */
function packedRTree(boxes: Box[], offsets: number[]): Uint8Array {
	const levels = levelBounds(boxes.length);
	const nodes = levels[0][1];
	const tree = new Float64Array(nodes * 4);
	const treeOffsets = new Array<number>(nodes);
	const leafStart = levels[0][0];
	boxes.forEach((box, i) => {
		tree.set(box, (leafStart + i) * 4);
		treeOffsets[leafStart + i] = offsets[i];
	});
	for (let level = 0; level < levels.length - 1; level++) {
		let [child, end] = levels[level];
		let parent = levels[level + 1][0];
		while (child < end) {
			const first = child;
			const union: Box = [Infinity, Infinity, -Infinity, -Infinity];
			for (let j = 0; j < NODE_SIZE && child < end; j++, child++) {
				union[0] = Math.min(union[0], tree[child * 4]);
				union[1] = Math.min(union[1], tree[child * 4 + 1]);
				union[2] = Math.max(union[2], tree[child * 4 + 2]);
				union[3] = Math.max(union[3], tree[child * 4 + 3]);
			}
			tree.set(union, parent * 4);
			treeOffsets[parent++] = first;
		}
	}
	const bytes = new Uint8Array(nodes * NODE_BYTES);
	const view = new DataView(bytes.buffer);
	for (let i = 0; i < nodes; i++) {
		for (let k = 0; k < 4; k++) view.setFloat64(i * NODE_BYTES + k * 8, tree[i * 4 + k], true);
		view.setBigUint64(i * NODE_BYTES + 32, BigInt(treeOffsets[i]), true);
	}
	return bytes;
}

function buildHeader(layer: FgbLayer, count: number, envelope: Box | null): Uint8Array {
	const builder = new flatbuffers.Builder(1024);
	const columns = Header.createColumnsVector(
		builder,
		layer.columns.map((c) => {
			const name = builder.createString(c.name);
			Column.startColumn(builder);
			Column.addName(builder, name);
			Column.addType(builder, c.type);
			return Column.endColumn(builder);
		})
	);
	Crs.startCrs(builder);
	Crs.addCode(builder, layer.crs);
	const crs = Crs.endCrs(builder);
	const name = builder.createString(layer.name);
	const title = builder.createString(layer.title);
	const description = builder.createString(layer.description);
	const envelopeVector = envelope ? Header.createEnvelopeVector(builder, envelope) : 0;
	Header.startHeader(builder);
	Header.addName(builder, name);
	Header.addTitle(builder, title);
	Header.addDescription(builder, description);
	if (envelope) Header.addEnvelope(builder, envelopeVector);
	Header.addGeometryType(builder, layer.geometryType);
	Header.addColumns(builder, columns);
	Header.addFeaturesCount(builder, BigInt(count));
	// No index for an empty file, as GDAL writes it.
	Header.addIndexNodeSize(builder, count ? NODE_SIZE : 0);
	Header.addCrs(builder, crs);
	builder.finishSizePrefixed(Header.endHeader(builder));
	return builder.asUint8Array();
}

/**
 * The geometry as flatgeobuf encodes it, with `ends` for every MultiLineString: the JS
 * writer leaves them out for a single part, and GDAL before 3.8 (QGIS 3.22 …) then refuses
 * the feature ("Unexpected nullptr: MultiLineString ends data"). GDAL always writes them.
 */
function encodable(geometry: FgbFeature['geometry']) {
	const parsed = parseGeometry(geometry);
	if (geometry.type === 'MultiLineString' && !parsed.ends) {
		let end = 0;
		parsed.ends = geometry.coordinates.map((line) => (end += line.length));
	}
	return parsed;
}

/**
 * A FlatGeobuf file with its packed Hilbert R-tree, so that HTTP range readers (the
 * flatgeobuf client, GDAL /vsicurl/) fetch the header, walk the index and read only the
 * features of a bbox. Written here rather than by ST_AsFlatGeobuf, which in PostGIS 3.3
 * writes unreadable features when a NULL value comes before a non-NULL number or boolean.
 */
export function writeFlatGeobuf(layer: FgbLayer, features: readonly FgbFeature[]): Uint8Array<ArrayBuffer> {
	const envelope = features.length ? extentOf(features.map((f) => f.bbox)) : null;
	const header = buildHeader(layer, features.length, envelope);
	let ordered = features;
	if (envelope) {
		const [minX, minY, maxX, maxY] = envelope;
		const sx = maxX > minX ? 0xffff / (maxX - minX) : 0;
		const sy = maxY > minY ? 0xffff / (maxY - minY) : 0;
		const key = (f: FgbFeature) =>
			hilbert(Math.floor(sx * ((f.bbox[0] + f.bbox[2]) / 2 - minX)), Math.floor(sy * ((f.bbox[1] + f.bbox[3]) / 2 - minY)));
		ordered = features.map((f) => ({ f, h: key(f) })).sort((a, b) => a.h - b.h).map(({ f }) => f);
	}
	const meta: HeaderMeta = {
		geometryType: layer.geometryType,
		columns: layer.columns.map((c) => ({ ...c, title: null, description: null, width: -1, precision: -1, scale: -1, nullable: true, unique: false, primary_key: false })),
		envelope: null,
		featuresCount: features.length,
		indexNodeSize: NODE_SIZE,
		crs: null,
		title: null,
		description: null,
		metadata: null
	};
	const encoded = ordered.map((f) => buildFeature(encodable(f.geometry), f.properties, meta));
	const offsets: number[] = [];
	let featureBytes = 0;
	for (const bytes of encoded) {
		offsets.push(featureBytes);
		featureBytes += bytes.byteLength;
	}
	const tree = envelope ? packedRTree(ordered.map((f) => f.bbox), offsets) : new Uint8Array(0);
	const out = new Uint8Array(magicbytes.length + header.byteLength + tree.byteLength + featureBytes);
	out.set(magicbytes);
	let at = magicbytes.length;
	for (const part of [header, tree, ...encoded]) {
		out.set(part, at);
		at += part.byteLength;
	}
	return out;
}
