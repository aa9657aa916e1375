import type { FileHandle } from 'node:fs/promises';
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

/** The union of `count` boxes stored flat (minX, minY, maxX, maxY, …). */
function extentOf(boxes: Float64Array, count: number): Box {
	const e: Box = [Infinity, Infinity, -Infinity, -Infinity];
	for (let i = 0; i < count; i++) {
		e[0] = Math.min(e[0], boxes[i * 4]);
		e[1] = Math.min(e[1], boxes[i * 4 + 1]);
		e[2] = Math.max(e[2], boxes[i * 4 + 2]);
		e[3] = Math.max(e[3], boxes[i * 4 + 3]);
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

/** Bytes of the packed R-tree over `items` features (none for an empty file). */
const treeBytes = (items: number) => (items ? levelBounds(items)[0][1] * NODE_BYTES : 0);

/**
 * The packed R-tree: leaves hold each feature's box (flat, in file order) and byte offset
 * in the feature section; a parent holds its children's union and the index of its first child.
 */
function packedRTree(boxes: Float64Array, offsets: Float64Array): Uint8Array {
	const items = offsets.length;
	const levels = levelBounds(items);
	const nodes = levels[0][1];
	const tree = new Float64Array(nodes * 4);
	const treeOffsets = new Float64Array(nodes);
	const leafStart = levels[0][0];
	tree.set(boxes.subarray(0, items * 4), leafStart * 4);
	treeOffsets.set(offsets, leafStart);
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
 * The order FlatGeobuf features go in: along a Hilbert curve through their box centres, so
 * nearby features lie together in the file and a bbox read needs few ranges.
 */
function hilbertOrder(boxes: Float64Array, count: number, envelope: Box): Uint32Array {
	const [minX, minY, maxX, maxY] = envelope;
	const sx = maxX > minX ? 0xffff / (maxX - minX) : 0;
	const sy = maxY > minY ? 0xffff / (maxY - minY) : 0;
	const keys = new Float64Array(count);
	for (let i = 0; i < count; i++)
		keys[i] = hilbert(Math.floor(sx * ((boxes[i * 4] + boxes[i * 4 + 2]) / 2 - minX)), Math.floor(sy * ((boxes[i * 4 + 1] + boxes[i * 4 + 3]) / 2 - minY)));
	return Uint32Array.from({ length: count }, (_, i) => i).sort((a, b) => keys[a] - keys[b]);
}

/**
 * A FlatGeobuf file with its packed Hilbert R-tree, so that HTTP range readers (the
 * flatgeobuf client, GDAL /vsicurl/) fetch the header, walk the index and read only the
 * features of a bbox. Written here rather than by ST_AsFlatGeobuf, which in PostGIS 3.3
 * writes unreadable features when a NULL value comes before a non-NULL number or boolean.
 *
 * Written to a file feature by feature, so a layer of any size takes memory for its boxes
 * only: the Hilbert order and the index need just every feature's box, known first; the
 * features are then written in `order`, at their place after the header and the index,
 * which are written in front of them last, once the features' offsets are known.
 */
export class FlatGeobufFileWriter {
	/** Feature indexes (into the boxes given) in the order `write` must receive them. */
	readonly order: Uint32Array;
	private readonly header: Uint8Array;
	private readonly orderedBoxes: Float64Array;
	private readonly offsets: Float64Array;
	private readonly meta: HeaderMeta;
	private written = 0;
	private featureBytes = 0;

	/** `boxes`: [minX, minY, maxX, maxY] of every feature, flat. */
	constructor(
		private readonly file: FileHandle,
		layer: FgbLayer,
		boxes: Float64Array
	) {
		const count = boxes.length / 4;
		const envelope = count ? extentOf(boxes, count) : null;
		this.header = buildHeader(layer, count, envelope);
		this.order = envelope ? hilbertOrder(boxes, count, envelope) : new Uint32Array(0);
		this.orderedBoxes = new Float64Array(count * 4);
		this.order.forEach((from, to) => this.orderedBoxes.set(boxes.subarray(from * 4, from * 4 + 4), to * 4));
		this.offsets = new Float64Array(count);
		this.meta = {
			geometryType: layer.geometryType,
			columns: layer.columns.map((c) => ({ ...c, title: null, description: null, width: -1, precision: -1, scale: -1, nullable: true, unique: false, primary_key: false })),
			envelope: null,
			featuresCount: count,
			indexNodeSize: NODE_SIZE,
			crs: null,
			title: null,
			description: null,
			metadata: null
		};
	}

	private get featureStart(): number {
		return magicbytes.length + this.header.byteLength + treeBytes(this.offsets.length);
	}

	/** The next features, in `order`. */
	async write(features: readonly Omit<FgbFeature, 'bbox'>[]): Promise<void> {
		const encoded = features.map((f) => buildFeature(encodable(f.geometry), f.properties, this.meta));
		const at = this.featureStart + this.featureBytes;
		for (const bytes of encoded) {
			this.offsets[this.written++] = this.featureBytes;
			this.featureBytes += bytes.byteLength;
		}
		if (encoded.length) await this.file.writev(encoded, at);
	}

	/** Writes the header and the index in front of the features; the file is then complete. */
	async finish(): Promise<void> {
		if (this.written !== this.offsets.length) throw new Error(`FlatGeobuf: ${this.written} of ${this.offsets.length} features written`);
		const tree = this.offsets.length ? packedRTree(this.orderedBoxes, this.offsets) : new Uint8Array(0);
		await this.file.writev([magicbytes, this.header, tree], 0);
	}
}
