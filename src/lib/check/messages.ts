import type { Position } from 'geojson';
import type { Localized } from '../layers/types';
import type { FootprintError, FootprintErrorCode } from './types';

/** Where in the footprint a problem is, as a planner would say it. */
export interface Where {
	kind: 'polygon' | 'line' | 'point';
	/** 0-based part index; omitted from the text when the footprint has one part. */
	part: number;
	partCount: number;
	/** 0-based ring index for polygons. */
	ring?: number;
}

function whereText(w: Where | undefined): Localized {
	if (!w) return { zh: '范围', en: 'the footprint' };
	const many = w.partCount > 1;
	const kindZh = w.kind === 'polygon' ? '面' : w.kind === 'line' ? '线' : '点';
	const partZh = many ? `第 ${w.part + 1} 部分（${kindZh}）的` : '';
	const partEn = many ? ` of part ${w.part + 1} (${w.kind})` : '';
	if (w.kind === 'polygon') {
		const ring = w.ring ?? 0;
		return ring === 0
			? { zh: `${partZh}外环`, en: `the outer ring${partEn}` }
			: { zh: `${partZh}第 ${ring} 个内环`, en: `hole ${ring}${partEn}` };
	}
	if (many) return { zh: `第 ${w.part + 1} 部分（${kindZh}）`, en: `part ${w.part + 1} (${w.kind})` };
	return w.kind === 'line' ? { zh: '这条线', en: 'the line' } : { zh: '这个点', en: 'the point' };
}

const fmt = (p: Position | undefined) => (p ? `(${round(p[0])}, ${round(p[1])})` : '');
const round = (v: number) => (Math.abs(v) >= 1000 ? v.toFixed(2) : Number(v.toFixed(7)).toString());
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Builds a footprint error with its message in both languages.
 *
 * @example
 * footprintError('self-intersection', { kind: 'polygon', part: 0, partCount: 1, ring: 0 }, [87.3, 44.01]).message.zh;
 * // '外环在 (87.3, 44.01) 处自相交。'
 */
export function footprintError(
	code: FootprintErrorCode,
	where?: Where,
	location?: Position,
	extra: { count?: number; type?: string } = {}
): FootprintError {
	const w = whereText(where);
	const at = fmt(location);
	let zh: string;
	let en: string;
	let repairable = false;
	switch (code) {
		case 'invalid-geojson':
			zh = '无法识别的几何数据：需要 GeoJSON 格式的点、线或面。';
			en = 'This is not geometry we can read: expected GeoJSON points, lines or polygons.';
			break;
		case 'unsupported-geometry':
			zh = `不支持的几何类型“${extra.type ?? ''}”：请使用点、线或面。`;
			en = `Unsupported geometry type “${extra.type ?? ''}”: use points, lines or polygons.`;
			break;
		case 'empty':
			zh = '项目范围为空：请绘制、上传或输入项目范围。';
			en = 'The footprint is empty: draw, upload or type the outline of the project.';
			break;
		case 'invalid-coordinate':
			zh = `${w.zh}中有坐标不是有效数字。`;
			en = `${cap(w.en)} has a coordinate that is not a valid number.`;
			break;
		case 'projected-coordinates':
			zh = `这些坐标看起来是投影坐标（米），请选择坐标系。例如 ${at}。`;
			en = `These coordinates look projected (metres): please choose the coordinate system. For example ${at}.`;
			break;
		case 'swapped-coordinates':
			zh = `坐标 ${at} 的纬度超出 ±90°：经纬度的顺序可能颠倒了，应为“经度, 纬度”。`;
			en = `Coordinate ${at} has a latitude beyond ±90°: longitude and latitude may be swapped (expected “lon, lat”).`;
			break;
		case 'out-of-range':
			zh = `坐标 ${at} 超出经纬度范围（经度 ±180°，纬度 ±90°）。`;
			en = `Coordinate ${at} is outside longitude ±180° / latitude ±90°.`;
			break;
		case 'too-few-points': {
			const need = where?.kind === 'line' ? 2 : 3;
			zh = `${w.zh}只有 ${extra.count ?? 0} 个不同的点，${where?.kind === 'line' ? '线' : '面'}至少需要 ${need} 个。`;
			en = `${cap(w.en)} has only ${extra.count ?? 0} distinct point(s); a ${where?.kind === 'line' ? 'line' : 'polygon'} needs at least ${need}.`;
			break;
		}
		case 'ring-not-closed':
			zh = `${w.zh}没有闭合：最后一个点应与第一个点 ${at} 相同。`;
			en = `${cap(w.en)} is not closed: the last point should repeat the first, ${at}.`;
			repairable = true;
			break;
		case 'zero-area':
			zh = `${w.zh}的面积为零（各点在一条直线上）。`;
			en = `${cap(w.en)} has no area (all its points lie on one line).`;
			break;
		case 'self-intersection':
			zh = `${w.zh}在 ${at} 处自相交。`;
			en = `${cap(w.en)} crosses itself at ${at}.`;
			repairable = true;
			break;
		case 'hole-outside-shell':
			zh = `${w.zh}位于外环之外（或与外环交叉）。`;
			en = `${cap(w.en)} lies outside the outer ring (or crosses it).`;
			break;
		case 'overlapping-parts':
			zh = `项目范围的各部分相互重叠，例如在 ${at} 处。可自动合并。`;
			en = `Parts of the footprint overlap each other, for example at ${at}. They can be merged.`;
			repairable = true;
			break;
	}
	const error: FootprintError = { code, message: { zh, en }, repairable };
	if (location) error.location = [location[0], location[1]];
	if (where) {
		error.part = where.part;
		if (where.ring !== undefined) error.ring = where.ring;
	}
	return error;
}

/** Notes `repairFootprint` returns about what it changed. */
export const REPAIR_NOTES = {
	closed: { zh: '已闭合未闭合的环。', en: 'Closed rings that were open.' },
	duplicates: { zh: '已删除重复的连续点。', en: 'Removed repeated consecutive points.' },
	degenerate: { zh: '已删除少于 3 个点或面积为零的环。', en: 'Removed rings with fewer than 3 points or no area.' },
	unkinked: { zh: '已在自相交处拆分多边形。', en: 'Split polygons where they crossed themselves.' },
	merged: { zh: '已合并相互重叠的部分。', en: 'Merged overlapping parts.' },
	snapped: { zh: '坐标已对齐到 1e-9°（约 0.1 毫米）网格。', en: 'Snapped coordinates to a 1e-9° (≈ 0.1 mm) grid.' }
} satisfies Record<string, Localized>;
