import Pbf from 'pbf';
import type { Geometry, Position } from 'geojson';
import { EXTENT } from './coordinates';

/** A property value an MVT can carry; null means "absent" (skipped, as ST_AsMVT does). */
export type MvtValue = string | number | boolean | null;

export interface MvtFeature {
	/** Stable feature id (non-negative integer). */
	id: number;
	/** Geometry already in tile coordinates (0…extent, y pointing down). */
	geometry: Geometry;
	properties: Record<string, MvtValue>;
}

// Vector Tile 2.1 protobuf field numbers and geometry commands.
const enum GeomType {
	Point = 1,
	LineString = 2,
	Polygon = 3
}
const MOVE_TO = 1;
const LINE_TO = 2;
const CLOSE_PATH = 7;

const command = (id: number, count: number) => (id & 0x7) | (count << 3);
const zigzag = (n: number) => (n << 1) ^ (n >> 31);

interface EncodedFeature {
	id: number;
	type: GeomType;
	geometry: number[];
	tags: number[];
}

interface Layer {
	name: string;
	features: EncodedFeature[];
	keys: string[];
	values: Exclude<MvtValue, null>[];
}

type Point = [number, number];

/** Rounds to the integer grid and drops consecutive duplicates. */
function gridPoints(positions: Position[]): Point[] {
	const out: Point[] = [];
	for (const p of positions) {
		const x = Math.round(p[0]);
		const y = Math.round(p[1]);
		const last = out[out.length - 1];
		if (!last || last[0] !== x || last[1] !== y) out.push([x, y]);
	}
	return out;
}

/** Surveyor's formula in tile coordinates: positive = an MVT exterior ring. */
function signedArea(ring: Point[]): number {
	let sum = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
	return sum / 2;
}

class GeometryWriter {
	readonly commands: number[] = [];
	private cx = 0;
	private cy = 0;

	private delta([x, y]: Point) {
		this.commands.push(zigzag(x - this.cx), zigzag(y - this.cy));
		this.cx = x;
		this.cy = y;
	}

	points(points: Point[]) {
		if (!points.length) return;
		this.commands.push(command(MOVE_TO, points.length));
		for (const p of points) this.delta(p);
	}

	/** A line (open) or ring (closed by ClosePath; `points` without the repeated first point). */
	path(points: Point[], closed: boolean) {
		this.commands.push(command(MOVE_TO, 1));
		this.delta(points[0]);
		this.commands.push(command(LINE_TO, points.length - 1));
		for (let i = 1; i < points.length; i++) this.delta(points[i]);
		if (closed) this.commands.push(command(CLOSE_PATH, 1));
	}
}

function writeLines(writer: GeometryWriter, lines: Position[][]) {
	for (const line of lines) {
		const points = gridPoints(line);
		if (points.length >= 2) writer.path(points, false);
	}
}

/** Writes polygons with the winding MVT requires; rings that collapsed on the grid go. */
function writePolygons(writer: GeometryWriter, polygons: Position[][][]) {
	for (const polygon of polygons) {
		for (let index = 0; index < polygon.length; index++) {
			const points = gridPoints(polygon[index]);
			const [first, last] = [points[0], points[points.length - 1]];
			if (points.length > 1 && first[0] === last[0] && first[1] === last[1]) points.pop();
			const area = points.length >= 3 ? signedArea(points) : 0;
			if (area === 0) {
				if (index === 0) break; // a collapsed exterior takes its holes with it
				continue;
			}
			if (index === 0 !== area > 0) points.reverse();
			writer.path(points, true);
		}
	}
}

/** Multipoint members on the same grid cell are one point, as in ST_AsMVTGeom. */
function distinctPoints(positions: Position[]): Point[] {
	const seen = new Set<string>();
	return gridPoints(positions).filter(([x, y]) => !seen.has(`${x},${y}`) && !!seen.add(`${x},${y}`));
}

function encodeGeometry(geometry: Geometry): { type: GeomType; commands: number[] } | null {
	const writer = new GeometryWriter();
	switch (geometry.type) {
		case 'Point':
			writer.points(gridPoints([geometry.coordinates]));
			return { type: GeomType.Point, commands: writer.commands };
		case 'MultiPoint':
			writer.points(distinctPoints(geometry.coordinates));
			return writer.commands.length ? { type: GeomType.Point, commands: writer.commands } : null;
		case 'LineString':
			writeLines(writer, [geometry.coordinates]);
			return writer.commands.length ? { type: GeomType.LineString, commands: writer.commands } : null;
		case 'MultiLineString':
			writeLines(writer, geometry.coordinates);
			return writer.commands.length ? { type: GeomType.LineString, commands: writer.commands } : null;
		case 'Polygon':
			writePolygons(writer, [geometry.coordinates]);
			return writer.commands.length ? { type: GeomType.Polygon, commands: writer.commands } : null;
		case 'MultiPolygon':
			writePolygons(writer, geometry.coordinates);
			return writer.commands.length ? { type: GeomType.Polygon, commands: writer.commands } : null;
		case 'GeometryCollection':
			return null;
	}
}

function writeValue(value: Exclude<MvtValue, null>, pbf: Pbf) {
	if (typeof value === 'string') pbf.writeStringField(1, value);
	else if (typeof value === 'boolean') pbf.writeBooleanField(7, value);
	else if (!Number.isInteger(value)) pbf.writeDoubleField(3, value);
	// Integers as ST_AsMVT writes them: uint_value when ≥ 0, sint_value otherwise.
	else if (value >= 0) pbf.writeVarintField(5, value);
	else pbf.writeSVarintField(6, value);
}

function writeFeature(feature: EncodedFeature, pbf: Pbf) {
	pbf.writeVarintField(1, feature.id);
	pbf.writePackedVarint(2, feature.tags);
	pbf.writeVarintField(3, feature.type);
	pbf.writePackedVarint(4, feature.geometry);
}

function writeLayer(layer: Layer, pbf: Pbf) {
	pbf.writeVarintField(15, 2);
	pbf.writeStringField(1, layer.name);
	for (const feature of layer.features) pbf.writeMessage(2, writeFeature, feature);
	for (const key of layer.keys) pbf.writeStringField(3, key);
	for (const value of layer.values) pbf.writeMessage(4, writeValue, value);
	pbf.writeVarintField(5, EXTENT);
}

/**
 * Encodes one Mapbox Vector Tile 2.1 layer, as ST_AsMVT would: keys and values shared
 * across features, null properties left out, polygons wound exterior-clockwise (y down).
 * No drawable feature → an empty byte array, like ST_AsMVT.
 *
 * @example encodeMvt('town', [{ id: 1, geometry: { type: 'Point', coordinates: [10, 20] }, properties: { name: '昌吉' } }])
 */
export function encodeMvt(name: string, features: readonly MvtFeature[]): Uint8Array<ArrayBuffer> {
	const layer: Layer = { name, features: [], keys: [], values: [] };
	const keyIndex = new Map<string, number>();
	const valueIndex = new Map<string, number>();
	for (const feature of features) {
		const encoded = encodeGeometry(feature.geometry);
		if (!encoded) continue;
		const tags: number[] = [];
		for (const [key, value] of Object.entries(feature.properties)) {
			if (value === null || value === undefined) continue;
			let k = keyIndex.get(key);
			if (k === undefined) keyIndex.set(key, (k = layer.keys.push(key) - 1));
			const valueKey = `${typeof value}:${value}`;
			let v = valueIndex.get(valueKey);
			if (v === undefined) valueIndex.set(valueKey, (v = layer.values.push(value) - 1));
			tags.push(k, v);
		}
		layer.features.push({ id: feature.id, type: encoded.type, geometry: encoded.commands, tags });
	}
	if (!layer.features.length) return new Uint8Array(0);
	const pbf = new Pbf();
	pbf.writeMessage(3, writeLayer, layer);
	return pbf.finish();
}
