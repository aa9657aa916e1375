// GeoJSON geometries → ISO well-known binary (2D, little-endian), many into one buffer:
// PostGIS reads WKB two orders of magnitude faster than GeoJSON text (measured: 0.09 s
// against 7.7 s for 1.8 M vertices), and a batch travels as one binary parameter.
import type { Geometry, Position } from 'geojson';

const TYPE_CODE: Record<Geometry['type'], number> = {
	Point: 1,
	LineString: 2,
	Polygon: 3,
	MultiPoint: 4,
	MultiLineString: 5,
	MultiPolygon: 6,
	GeometryCollection: 7
};

/** Bytes of the geometry's WKB. */
function wkbSize(g: Geometry): number {
	switch (g.type) {
		case 'Point':
			return 5 + 16;
		case 'LineString':
			return 9 + 16 * g.coordinates.length;
		case 'Polygon':
			return 9 + g.coordinates.reduce((n, ring) => n + 4 + 16 * ring.length, 0);
		case 'MultiPoint':
			return 9 + 21 * g.coordinates.length;
		case 'MultiLineString':
			return 9 + g.coordinates.reduce((n, line) => n + 9 + 16 * line.length, 0);
		case 'MultiPolygon':
			return 9 + g.coordinates.reduce((n, polygon) => n + 9 + polygon.reduce((m, ring) => m + 4 + 16 * ring.length, 0), 0);
		case 'GeometryCollection':
			return 9 + g.geometries.reduce((n, child) => n + wkbSize(child), 0);
	}
}

class WkbWriter {
	offset = 0;
	constructor(readonly view: DataView) {}

	private header(type: number) {
		this.view.setUint8(this.offset, 1);
		this.view.setUint32(this.offset + 1, type, true);
		this.offset += 5;
	}
	private count(n: number) {
		this.view.setUint32(this.offset, n, true);
		this.offset += 4;
	}
	private position(p: Position) {
		this.view.setFloat64(this.offset, p[0], true);
		this.view.setFloat64(this.offset + 8, p[1], true);
		this.offset += 16;
	}
	private positions(ps: Position[]) {
		this.count(ps.length);
		for (const p of ps) this.position(p);
	}
	private rings(rings: Position[][]) {
		this.count(rings.length);
		for (const ring of rings) this.positions(ring);
	}

	geometry(g: Geometry): void {
		this.header(TYPE_CODE[g.type]);
		switch (g.type) {
			case 'Point':
				return this.position(g.coordinates);
			case 'LineString':
				return this.positions(g.coordinates);
			case 'Polygon':
				return this.rings(g.coordinates);
			case 'MultiPoint':
				this.count(g.coordinates.length);
				for (const p of g.coordinates) this.geometry({ type: 'Point', coordinates: p });
				return;
			case 'MultiLineString':
				this.count(g.coordinates.length);
				for (const line of g.coordinates) this.geometry({ type: 'LineString', coordinates: line });
				return;
			case 'MultiPolygon':
				this.count(g.coordinates.length);
				for (const polygon of g.coordinates) this.geometry({ type: 'Polygon', coordinates: polygon });
				return;
			case 'GeometryCollection':
				this.count(g.geometries.length);
				for (const child of g.geometries) this.geometry(child);
		}
	}
}

/**
 * The geometries' WKB back to back in one buffer, and where each starts: geometry i is
 * `bytes[offsets[i] … offsets[i + 1])` (`offsets` has one entry more than `geometries`).
 *
 * @example
 * const { bytes, offsets } = packWkb([{ type: 'Point', coordinates: [87.3, 44] }]);
 * // bytes.byteLength === 21, offsets = [0, 21]
 */
export function packWkb(geometries: readonly Geometry[]): { bytes: Uint8Array; offsets: number[] } {
	const offsets = [0];
	for (const g of geometries) offsets.push(offsets[offsets.length - 1] + wkbSize(g));
	const bytes = new Uint8Array(offsets[offsets.length - 1]);
	const writer = new WkbWriter(new DataView(bytes.buffer));
	for (const g of geometries) writer.geometry(g);
	return { bytes, offsets };
}
