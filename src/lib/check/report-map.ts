/**
 * The report's location map: the footprint and the conflicting zones in a local equirectangular
 * frame (metres east/north of the frame centre — at the scale of a site, within 0.1 % of a
 * conformal projection) over basemap context (county lines, rivers, lakes, towns), with a
 * labelled lon/lat grid, a scale bar, a north arrow, a location inset of the prefecture and a
 * legend in registry colours.
 * `reportMapDrawing` computes the shapes once; `reportMapSvg` writes them as SVG (HTML report)
 * and the server's PDF draws the very same shapes as vector paths.
 */
import type { Geometry, Position } from 'geojson';
import { getLayer } from '../layers/registry';
import type { LayerDef } from '../layers/types';
import type { ReportLang, ZoneGeometry } from './report';
import { mapGrid, type MapGrid } from './report-map-grid';
import { mapInset, type MapInset } from './report-map-inset';

/** A basemap feature around the footprint (from the county, river, lake and town layers). */
export interface MapContextFeature {
	kind: 'county' | 'river' | 'lake' | 'town';
	name: string | null;
	nameEn: string | null;
	geometry: Geometry;
}

/** What the map draws besides the check: basemap context and the prefecture for the inset. */
export interface MapContext {
	features: MapContextFeature[];
	/** The prefecture's outline (simplified), for the location inset. */
	prefecture: Geometry | null;
}

export interface ReportMapOptions {
	/** Pixels (SVG) or points (PDF); default 640 × 420. */
	width?: number;
	height?: number;
	lang?: ReportLang;
	context?: MapContext;
}

type XY = [number, number];

export interface MapShape {
	role: 'context' | 'zone' | 'footprint';
	layer?: string;
	featureId?: string | number;
	/** Closed rings in drawing units; with `fillRule: evenodd` holes cut out. */
	rings: XY[][];
	lines: XY[][];
	points: XY[];
	fill: string;
	fillOpacity: number;
	stroke: string;
	strokeWidth: number;
	/** Dashed outline (county boundaries). */
	dashed?: boolean;
}

export interface MapDrawing {
	width: number;
	height: number;
	/** The area drawn, [west, south, east, north] in degrees. */
	bbox: [number, number, number, number];
	/** Metres per drawing unit. */
	metresPerUnit: number;
	/** Basemap context first, then zones, the footprint last. */
	shapes: MapShape[];
	/** Town names next to their points. */
	labels: { x: number; y: number; text: string }[];
	grid: MapGrid;
	inset: MapInset | null;
	scaleBar: { x: number; y: number; length: number; label: string };
	north: { x: number; y: number; size: number; label: string };
	/** Legend entries laid out in rows below the map (y from the map's top; swatch 16 × 10 at x, y). */
	legend: { label: string; fill: string; fillOpacity: number; stroke: string; x: number; y: number }[];
	/** Height of the legend strip below the map. */
	legendHeight: number;
	/** Font size the legend was laid out for. */
	legendFontSize: number;
}

/** Rough advance of a label: CJK 1 em, Latin ~0.5 em — enough to lay the legend out. */
export function estimateTextWidth(text: string, size: number): number {
	let w = 0;
	for (const ch of text) w += (ch.codePointAt(0) ?? 0) > 0x2e80 ? size : size * 0.5;
	return w;
}

const FOOTPRINT_STYLE = { fill: '#000000', fillOpacity: 0.12, stroke: '#000000', strokeWidth: 2 };
/** Basemap context in muted colours, under the zones. */
const CONTEXT_STYLE: Record<MapContextFeature['kind'], { fill: string; fillOpacity: number; stroke: string; strokeWidth: number; dashed?: boolean }> = {
	county: { fill: 'none', fillOpacity: 0, stroke: '#8a8a8a', strokeWidth: 1, dashed: true },
	lake: { fill: '#cfe3f3', fillOpacity: 1, stroke: '#8fb8dc', strokeWidth: 0.6 },
	river: { fill: 'none', fillOpacity: 0, stroke: '#7fb2dd', strokeWidth: 0.6 },
	town: { fill: '#555555', fillOpacity: 1, stroke: '#555555', strokeWidth: 1 }
};
/** The inset's size in drawing units. */
const INSET = { width: 130, height: 84 };
const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON_EQUATOR = 111_320;

function forEachPosition(g: Geometry, fn: (p: Position) => void): void {
	switch (g.type) {
		case 'Point':
			fn(g.coordinates);
			break;
		case 'MultiPoint':
		case 'LineString':
			g.coordinates.forEach(fn);
			break;
		case 'MultiLineString':
		case 'Polygon':
			g.coordinates.forEach((l) => l.forEach(fn));
			break;
		case 'MultiPolygon':
			g.coordinates.forEach((p) => p.forEach((r) => r.forEach(fn)));
			break;
		case 'GeometryCollection':
			g.geometries.forEach((c) => forEachPosition(c, fn));
	}
}

function bboxOf(g: Geometry): [number, number, number, number] | undefined {
	let b: [number, number, number, number] | undefined;
	forEachPosition(g, ([x, y]) => {
		if (!b) b = [x, y, x, y];
		else b = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
	});
	return b;
}

function zoneColours(layer: LayerDef | undefined, zone: ZoneGeometry): { fill: string; fillOpacity: number; stroke: string } {
	const style = layer?.style;
	if (!style) return { fill: '#888888', fillOpacity: 0.3, stroke: '#555555' };
	if (style.kind === 'fill') {
		const by = style.byAttribute;
		const value = by ? zone.properties?.[by.attribute] : undefined;
		const fill = (by && typeof value === 'string' && by.colors[value]) || style.fill;
		// Some layers are drawn almost transparent on the web map; on paper a zone must read.
		return { fill, fillOpacity: Math.min(0.55, Math.max(0.3, style.fillOpacity)), stroke: style.outline };
	}
	if (style.kind === 'line') return { fill: 'none', fillOpacity: 0, stroke: style.color };
	return { fill: style.color, fillOpacity: 1, stroke: style.stroke };
}

/** Sutherland–Hodgman against an axis-aligned box: keeps paths short for zones far larger than the map. */
function clipRing(ring: XY[], x0: number, y0: number, x1: number, y1: number): XY[] {
	let out = ring;
	const edges: [(p: XY) => boolean, (a: XY, b: XY) => XY][] = [
		[(p) => p[0] >= x0, (a, b) => [x0, a[1] + ((b[1] - a[1]) * (x0 - a[0])) / (b[0] - a[0])]],
		[(p) => p[0] <= x1, (a, b) => [x1, a[1] + ((b[1] - a[1]) * (x1 - a[0])) / (b[0] - a[0])]],
		[(p) => p[1] >= y0, (a, b) => [a[0] + ((b[0] - a[0]) * (y0 - a[1])) / (b[1] - a[1]), y0]],
		[(p) => p[1] <= y1, (a, b) => [a[0] + ((b[0] - a[0]) * (y1 - a[1])) / (b[1] - a[1]), y1]]
	];
	for (const [inside, cross] of edges) {
		if (!out.length) return out;
		const input = out;
		out = [];
		for (let i = 0; i < input.length; i++) {
			const cur = input[i];
			const prev = input[(i + input.length - 1) % input.length];
			if (inside(cur)) {
				if (!inside(prev)) out.push(cross(prev, cur));
				out.push(cur);
			} else if (inside(prev)) out.push(cross(prev, cur));
		}
	}
	return out;
}

/** Drops points closer than `tol` units to the last one kept: the paper cannot show them. */
function thin(points: XY[], tol: number): XY[] {
	const out: XY[] = [];
	for (const p of points) {
		const last = out[out.length - 1];
		if (!last || Math.abs(p[0] - last[0]) > tol || Math.abs(p[1] - last[1]) > tol) out.push(p);
	}
	return out;
}

/** A round length for the scale bar: 1, 2 or 5 × 10^k m, about a quarter of the map width. */
function niceLength(maxM: number): number {
	const p = 10 ** Math.floor(Math.log10(maxM));
	for (const f of [5, 2, 1]) if (f * p <= maxM) return f * p;
	return p;
}

/**
 * The map's shapes in drawing units (y down), ready for SVG or PDF. The frame is the footprint
 * plus a margin large enough to show nearby zones (up to ~1.2 km away).
 */
export function reportMapDrawing(footprint: Geometry, zones: readonly ZoneGeometry[], options: ReportMapOptions = {}): MapDrawing {
	const width = options.width ?? 640;
	const height = options.height ?? 420;
	const lang = options.lang ?? 'zh';
	const fb = bboxOf(footprint) ?? [0, 0, 0, 0];
	const lat0 = (fb[1] + fb[3]) / 2;
	const kx = M_PER_DEG_LON_EQUATOR * Math.cos((lat0 * Math.PI) / 180);
	const ky = M_PER_DEG_LAT;
	// Frame in metres around the footprint's centre.
	const cx = (fb[0] + fb[2]) / 2;
	const cy = lat0;
	const halfW0 = ((fb[2] - fb[0]) * kx) / 2;
	const halfH0 = ((fb[3] - fb[1]) * ky) / 2;
	let reach = 0;
	for (const z of zones) {
		const zb = bboxOf(z.geometry);
		if (!zb) continue;
		const dx = Math.max(0, (zb[0] - fb[2]) * kx, (fb[0] - zb[2]) * kx);
		const dy = Math.max(0, (zb[1] - fb[3]) * ky, (fb[1] - zb[3]) * ky);
		reach = Math.max(reach, Math.min(1200, Math.hypot(dx, dy) + 150));
	}
	const pad = Math.max(0.25 * Math.max(halfW0, halfH0) * 2, 150, reach);
	let halfW = halfW0 + pad;
	let halfH = halfH0 + pad;
	// Same scale both ways: widen the short side to the drawing's aspect.
	if (halfW / halfH > width / height) halfH = (halfW * height) / width;
	else halfW = (halfH * width) / height;
	const metresPerUnit = (2 * halfW) / width;
	const project = ([lon, lat]: Position): XY => [
		width / 2 + ((lon - cx) * kx) / metresPerUnit,
		height / 2 - ((lat - cy) * ky) / metresPerUnit
	];
	const margin = 8;

	const toShape = (g: Geometry, role: MapShape['role'], style: { fill: string; fillOpacity: number; stroke: string; strokeWidth: number }) => {
		const shape: MapShape = { role, rings: [], lines: [], points: [], ...style };
		const addPolygon = (rings: Position[][]) => {
			for (const r of rings) {
				const clipped = thin(clipRing(r.map(project), -margin, -margin, width + margin, height + margin), 0.3);
				if (clipped.length >= 3) shape.rings.push(clipped);
			}
		};
		const visit = (geom: Geometry) => {
			switch (geom.type) {
				case 'Polygon':
					addPolygon(geom.coordinates);
					break;
				case 'MultiPolygon':
					geom.coordinates.forEach(addPolygon);
					break;
				case 'LineString':
					shape.lines.push(thin(geom.coordinates.map(project), 0.3));
					break;
				case 'MultiLineString':
					geom.coordinates.forEach((l) => shape.lines.push(thin(l.map(project), 0.3)));
					break;
				case 'Point':
					shape.points.push(project(geom.coordinates));
					break;
				case 'MultiPoint':
					geom.coordinates.forEach((p) => shape.points.push(project(p)));
					break;
				case 'GeometryCollection':
					geom.geometries.forEach(visit);
			}
		};
		visit(g);
		return shape;
	};

	const shapes: MapShape[] = [];
	const labels: MapDrawing['labels'] = [];
	for (const f of options.context?.features ?? []) {
		const style = CONTEXT_STYLE[f.kind];
		const shape = { ...toShape(f.geometry, 'context', style), ...(style.dashed ? { dashed: true } : {}) };
		const inside = shape.points.filter(([x, y]) => x >= 0 && y >= 0 && x <= width && y <= height);
		shape.points = inside;
		const name = lang === 'en' ? (f.nameEn ?? f.name) : f.name;
		if (f.kind === 'town' && name) for (const [x, y] of inside) labels.push({ x: x + 5, y: y + 3, text: name });
		shapes.push(shape);
	}
	const legend: Omit<MapDrawing['legend'][number], 'x' | 'y'>[] = [];
	const seenLegend = new Set<string>();
	for (const z of zones) {
		const layer = getLayer(z.layer);
		const colours = zoneColours(layer, z);
		shapes.push({ ...toShape(z.geometry, 'zone', { ...colours, strokeWidth: 1 }), layer: z.layer, featureId: z.featureId });
		const label = layer ? layer.title[lang] : z.layer;
		const key = `${label}|${colours.fill}`;
		if (!seenLegend.has(key)) {
			seenLegend.add(key);
			const level = layer?.style.kind === 'fill' ? layer.style.byAttribute : undefined;
			const value = level ? z.properties?.[level.attribute] : undefined;
			const valueLabel =
				level && typeof value === 'string' ? layer?.attributes.find((a) => a.name === level.attribute)?.values?.[value]?.[lang] : undefined;
			legend.push({ label: valueLabel ? `${label} · ${valueLabel}` : label, ...colours });
		}
	}
	shapes.push(toShape(footprint, 'footprint', FOOTPRINT_STYLE));
	legend.unshift({ label: lang === 'zh' ? '项目范围' : 'Project footprint', ...FOOTPRINT_STYLE });

	// Legend rows under the map, entries flowing left to right.
	const fontSize = 9;
	const rowH = 16;
	let lx = 0;
	let ly = height + 8;
	const placed = legend.map((l) => {
		const w = 22 + estimateTextWidth(l.label, fontSize) + 16;
		if (lx > 0 && lx + w > width) {
			lx = 0;
			ly += rowH;
		}
		const entry = { ...l, x: lx, y: ly };
		lx += w;
		return entry;
	});
	const barM = niceLength((width / 4) * metresPerUnit);
	const barLabel = barM >= 1000 ? `${barM / 1000} km` : `${barM} m`;
	const bbox: [number, number, number, number] = [cx - halfW / kx, cy - halfH / ky, cx + halfW / kx, cy + halfH / ky];
	const inset = mapInset(options.context?.prefecture, footprint, { x: 6, y: height - 6 - INSET.height, ...INSET });
	const grid = mapGrid(bbox, width, height);
	// A parallel's label under the inset would be hidden by it.
	if (inset) grid.labels = grid.labels.filter((l) => l.edge !== 'left' || l.y < inset.y - 4);
	return {
		width,
		height,
		bbox,
		metresPerUnit,
		shapes,
		labels,
		grid,
		inset,
		scaleBar: { x: width - 16 - barM / metresPerUnit, y: height - 18, length: barM / metresPerUnit, label: barLabel },
		north: { x: width - 28, y: 16, size: 22, label: lang === 'zh' ? '北' : 'N' },
		legend: placed,
		legendHeight: placed.length ? ly + rowH - height : 0,
		legendFontSize: fontSize
	};
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number) => (Math.round(v * 10) / 10).toString();
const ringPath = (r: XY[]) => `M${r.map((p) => `${n(p[0])} ${n(p[1])}`).join('L')}Z`;
const linePath = (l: XY[]) => `M${l.map((p) => `${n(p[0])} ${n(p[1])}`).join('L')}`;

/**
 * The report map as a standalone SVG string (no external resources).
 *
 * @example
 * const svg = reportMapSvg(footprint, zones, { lang: 'en', width: 640, height: 420 });
 * container.innerHTML = svg;
 */
export function reportMapSvg(footprint: Geometry, zones: readonly ZoneGeometry[], options: ReportMapOptions = {}): string {
	const d = reportMapDrawing(footprint, zones, options);
	const out: string[] = [];
	out.push(
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${d.width} ${d.height + d.legendHeight}" width="${d.width}" height="${d.height + d.legendHeight}" font-family="'Noto Sans SC','Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif" font-size="11" role="img">`,
		`<defs><clipPath id="report-map-frame"><rect width="${d.width}" height="${d.height}"/></clipPath></defs>`,
		`<rect width="${d.width}" height="${d.height}" fill="#fbfaf6"/>`,
		'<g clip-path="url(#report-map-frame)">'
	);
	for (const s of d.shapes) {
		const attrs = `data-role="${s.role}"${s.layer ? ` data-layer="${esc(s.layer)}" data-feature="${esc(String(s.featureId))}"` : ''}`;
		if (s.rings.length)
			out.push(
				`<path ${attrs} d="${s.rings.map(ringPath).join('')}" fill="${s.fill}" fill-opacity="${s.fillOpacity}" fill-rule="evenodd" stroke="${s.stroke}" stroke-width="${s.strokeWidth}" stroke-linejoin="round"/>`
			);
		const lines = s.lines.filter((l) => l.length >= 2);
		if (lines.length)
			out.push(
				`<path ${attrs} d="${lines.map(linePath).join('')}" fill="none" stroke="${s.stroke}" stroke-width="${s.strokeWidth + 1}" stroke-linecap="round"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`
			);
		for (const p of s.points)
			out.push(`<circle ${attrs} cx="${n(p[0])}" cy="${n(p[1])}" r="${s.role === 'context' ? 2.5 : 4}" fill="${s.stroke}" stroke="#ffffff" stroke-width="1"/>`);
	}
	const halo = 'paint-order="stroke" stroke="#ffffff" stroke-width="3" stroke-linejoin="round"';
	for (const l of d.labels) out.push(`<text data-role="town-label" x="${n(l.x)}" y="${n(l.y)}" font-size="9" fill="#444" ${halo}>${esc(l.text)}</text>`);
	out.push(
		`<g data-role="grid"><path d="${d.grid.lines.map((l) => `M${n(l.x1)} ${n(l.y1)}L${n(l.x2)} ${n(l.y2)}`).join('') || 'M0 0'}" stroke="#7a7f85" stroke-width="0.5" stroke-opacity="0.6" fill="none"/>`
	);
	for (const l of d.grid.labels)
		out.push(
			l.edge === 'top'
				? `<text x="${n(l.x)}" y="10" font-size="8" text-anchor="middle" fill="#333" ${halo}>${esc(l.text)}</text>`
				: `<text x="3" y="${n(l.y - 2)}" font-size="8" fill="#333" ${halo}>${esc(l.text)}</text>`
		);
	out.push('</g></g>');
	const inset = d.inset;
	if (inset)
		out.push(
			`<g data-role="inset"><rect x="${n(inset.x)}" y="${n(inset.y)}" width="${inset.width}" height="${inset.height}" fill="#ffffff" stroke="#666" stroke-width="0.8"/>`,
			`<path d="${inset.rings.map(ringPath).join('')}" fill="#eef2e6" stroke="#555" stroke-width="0.8"/>`,
			`<circle cx="${n(inset.marker[0])}" cy="${n(inset.marker[1])}" r="3.5" fill="#d7191c" stroke="#ffffff" stroke-width="1"/></g>`
		);
	// Scale bar: alternating black and white halves, label above.
	const sb = d.scaleBar;
	out.push(
		`<g data-role="scale-bar"><rect x="${n(sb.x)}" y="${n(sb.y)}" width="${n(sb.length / 2)}" height="4" fill="#000"/>`,
		`<rect x="${n(sb.x + sb.length / 2)}" y="${n(sb.y)}" width="${n(sb.length / 2)}" height="4" fill="#fff" stroke="#000" stroke-width="0.8"/>`,
		`<text x="${n(sb.x + sb.length / 2)}" y="${n(sb.y - 4)}" text-anchor="middle">${esc(sb.label)}</text></g>`
	);
	const na = d.north;
	out.push(
		`<g data-role="north-arrow"><path d="M${n(na.x)} ${n(na.y)}L${n(na.x + na.size / 3)} ${n(na.y + na.size)}L${n(na.x)} ${n(na.y + na.size * 0.72)}Z" fill="#000"/>`,
		`<path d="M${n(na.x)} ${n(na.y)}L${n(na.x - na.size / 3)} ${n(na.y + na.size)}L${n(na.x)} ${n(na.y + na.size * 0.72)}Z" fill="#fff" stroke="#000" stroke-width="0.8"/>`,
		`<text x="${n(na.x)}" y="${n(na.y + na.size + 12)}" text-anchor="middle" font-weight="bold">${esc(na.label)}</text></g>`
	);
	// Legend, below the map.
	out.push(`<g data-role="legend" font-size="${d.legendFontSize}">`);
	for (const l of d.legend)
		out.push(
			`<rect x="${n(l.x)}" y="${n(l.y)}" width="16" height="10" fill="${l.fill}" fill-opacity="${l.fillOpacity}" stroke="${l.stroke}" stroke-width="1"/>`,
			`<text x="${n(l.x + 22)}" y="${n(l.y + 9)}">${esc(l.label)}</text>`
		);
	out.push('</g>', `<rect width="${d.width}" height="${d.height}" fill="none" stroke="#666" stroke-width="1"/>`, '</svg>');
	return out.join('');
}
