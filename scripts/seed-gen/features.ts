/** Feature construction: properties in registry order, provenance on every feature. */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { getLayer } from '../../src/lib/layers/registry';
import { rewindPoly, roundLine, roundMPoly, round6, type MPoly, type Pos } from './geom';

/** Provenance notes, in Chinese (source_note) and English (source_note_en). Every one starts with 示意数据 / Illustrative data. */
export const NOTE = {
	plan: '示意数据：依据《昌吉州“十五五”生态环境保护规划》文字描述生成，非权威边界',
	county: '示意数据：依据县城真实坐标与规划文字描述生成的示意轮廓，非权威行政界线',
	town: '示意数据：县城为真实坐标（约0.01°），乡镇为近似位置',
	river: '示意数据：示意走向，非测绘成果',
	lake: '示意数据：示意位置与范围，非测绘成果',
	station: '示意数据：依据规划“70个自动监测站和385个网格化微型站”生成的示意点位，非真实站址',
	farmland: '示意数据：按规划“永久基本农田保护面积保持在766.98万亩”的总面积在绿洲带生成的示意图斑，位置与各县分配均非划定成果',
	udb: '示意数据：围绕县城真实坐标和规划所列开发区生成的示意范围，非批准的城镇开发边界'
} as const;

export const NOTE_EN: Record<keyof typeof NOTE, string> = {
	plan: "Illustrative data: generated from the text of Changji Prefecture's 15th Five-Year Plan for ecological and environmental protection; not authoritative boundaries",
	county: "Illustrative data: schematic outline from the county seats' real coordinates and the plan's text; not authoritative administrative boundaries",
	town: 'Illustrative data: county seats at their real coordinates (about 0.01°), other towns at approximate positions',
	river: 'Illustrative data: schematic course, not survey data',
	lake: 'Illustrative data: schematic position and extent, not survey data',
	station: "Illustrative data: schematic sites generated from the plan's “70 automatic monitoring stations and 385 grid micro-stations”; not real station sites",
	farmland: "Illustrative data: schematic blocks in the oasis belt adding up to the plan's “permanent basic farmland kept at 7.6698 million mu”; neither their places nor the split between counties are the designated farmland",
	udb: "Illustrative data: schematic extents around the county seats' real coordinates and the development zones the plan names; not an approved urban development boundary"
};

/** The note pair for a kind of feature, as the two provenance attributes. */
export const notes = (kind: keyof typeof NOTE): Props => ({ source_note: NOTE[kind], source_note_en: NOTE_EN[kind] });

export type Props = Record<string, string | number | boolean | string[] | null>;

/**
 * Properties for a layer: exactly the registry's attribute names, in registry order;
 * attributes not given are null. Unknown keys are an error.
 */
export function props(layerId: string, values: Props): Props {
	const layer = getLayer(layerId);
	if (!layer) throw new Error(`unknown layer ${layerId}`);
	const names = layer.attributes.map((a) => a.name);
	for (const k of Object.keys(values)) if (!names.includes(k)) throw new Error(`${layerId}: no attribute ${k}`);
	const out: Props = {};
	for (const a of layer.attributes) {
		const v = values[a.name];
		out[a.name] = v === undefined ? null : v;
		if (a.type === 'enum' && v != null && !(String(v) in (a.values ?? {})))
			throw new Error(`${layerId}.${a.name}: bad value ${v}`);
		if (a.type === 'text[]' && Array.isArray(v))
			for (const m of v) if (!(m in (a.values ?? {}))) throw new Error(`${layerId}.${a.name}: bad member ${m}`);
	}
	out.illustrative = true;
	if (!out.source_note) Object.assign(out, notes('plan'));
	return out;
}

export function polygonFeature(layerId: string, geom: MPoly, p: Props): Feature {
	return {
		type: 'Feature',
		properties: props(layerId, p),
		geometry: { type: 'MultiPolygon', coordinates: roundMPoly(geom.map(rewindPoly)) } as Geometry
	};
}
export function lineFeature(layerId: string, lines: Pos[][], p: Props): Feature {
	return {
		type: 'Feature',
		properties: props(layerId, p),
		geometry: { type: 'MultiLineString', coordinates: lines.map(roundLine) } as Geometry
	};
}
export function pointFeature(layerId: string, pt: Pos, p: Props): Feature {
	return {
		type: 'Feature',
		properties: props(layerId, p),
		geometry: { type: 'Point', coordinates: [round6(pt[0]), round6(pt[1])] } as Geometry
	};
}
export const collection = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

/** Zero-padded code: code('CF', 3) → CF-03. */
export const code = (prefix: string, n: number, width = 2): string => `${prefix}-${String(n).padStart(width, '0')}`;
