// Well-known binary (ISO and PostGIS EWKB flavours) → GeoJSON geometry, 2D.
// GeoPackage stores WKB behind a small header, parsed in readers/geopackage.ts.
import type { Geometry, Position } from 'geojson';
import { LocalizedError, L } from './localized-error';

class WkbReader {
	private offset = 0;
	private little = true;
	private readonly view: DataView;

	constructor(bytes: Uint8Array) {
		this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	}

	private uint32(): number {
		const v = this.view.getUint32(this.offset, this.little);
		this.offset += 4;
		return v;
	}

	private float64(): number {
		const v = this.view.getFloat64(this.offset, this.little);
		this.offset += 8;
		return v;
	}

	private positions(dims: number): Position[] {
		const n = this.uint32();
		const out: Position[] = [];
		for (let i = 0; i < n; i++) out.push(this.position(dims));
		return out;
	}

	/** x, y; Z and M are read past and dropped. */
	private position(dims: number): Position {
		const x = this.float64();
		const y = this.float64();
		this.offset += (dims - 2) * 8;
		return [x, y];
	}

	private many<T>(read: () => T): T[] {
		const n = this.uint32();
		const out: T[] = [];
		for (let i = 0; i < n; i++) out.push(read());
		return out;
	}

	/** One geometry; null when it is an empty point (NaN coordinates). */
	geometry(): Geometry | null {
		this.little = this.view.getUint8(this.offset) === 1;
		this.offset += 1;
		const code = this.uint32();
		let dims = 2 + (code & 0x80000000 ? 1 : 0) + (code & 0x40000000 ? 1 : 0);
		if (code & 0x20000000) this.offset += 4; // EWKB SRID
		const iso = code & 0x0fffffff;
		const type = iso % 1000;
		const isoDims = Math.floor(iso / 1000); // 1 Z, 2 M, 3 ZM
		dims += isoDims === 3 ? 2 : isoDims > 0 ? 1 : 0;
		const child = () => this.geometry();
		switch (type) {
			case 1: {
				const [x, y] = this.position(dims);
				return Number.isNaN(x) && Number.isNaN(y) ? null : { type: 'Point', coordinates: [x, y] };
			}
			case 2:
				return { type: 'LineString', coordinates: this.positions(dims) };
			case 3:
				return { type: 'Polygon', coordinates: this.many(() => this.positions(dims)) };
			case 4:
				return { type: 'MultiPoint', coordinates: this.many(child).flatMap((g) => (g?.type === 'Point' ? [g.coordinates] : [])) };
			case 5:
				return { type: 'MultiLineString', coordinates: this.many(child).flatMap((g) => (g?.type === 'LineString' ? [g.coordinates] : [])) };
			case 6:
				return { type: 'MultiPolygon', coordinates: this.many(child).flatMap((g) => (g?.type === 'Polygon' ? [g.coordinates] : [])) };
			case 7:
				return { type: 'GeometryCollection', geometries: this.many(child).filter((g): g is Geometry => g !== null) };
			default:
				throw new LocalizedError(
					L(`不支持的 WKB 几何类型 ${type}（曲线等）`, `Unsupported WKB geometry type ${type} (curves and the like)`)
				);
		}
	}
}

/** Parses WKB into a 2D GeoJSON geometry (null for an empty point). */
export function parseWkb(bytes: Uint8Array): Geometry | null {
	return new WkbReader(bytes).geometry();
}
