/**
 * The sections a land-planning reviewer (选址 / 用地预审) files with a saved check's report:
 * location, 界址点 table, both areas, each conflict's layer approval and data version, the
 * 审查意见 and the permalink's QR code — formatted in the report's language. Pure and
 * browser-safe; report.ts puts them into the report model.
 */
import type { Geometry } from 'geojson';
import type { CheckLocation, FootprintInput } from '../api/saved-checks';
import type { InputFrame } from '../geo/input-frame';
import { getLayer } from '../layers/registry';
import type { Localized } from '../layers/types';
import { boundaryTable, formatDms, inputPointsOf, type InputPoints } from './boundary-points';
import { dataVersionLabel } from './data-version-label';
import { footprintAreas, type AreaFigures, type PlaneZone } from './footprint-areas';
import { qrMatrix } from './permalink-qr';
import type { ReportLang, ZoneGeometry } from './report';

export interface ReportBoundary {
	/** Which system X/Y are in, in words. */
	caption: string;
	columns: string[];
	rings: { title: string; rows: string[][] }[];
	/** Points left out of a very long list, in words; null when all are listed. */
	omitted: string | null;
}

export interface ReportAreas {
	columns: string[];
	rows: string[][];
	/** The zone the plane figure is in. */
	note: string;
}

export interface ReportLayerSource {
	/** Conflict numbers this row is about ("1、3"). */
	items: string;
	layerTitle: string;
	source: string;
	document: string;
	authority: string;
	status: string;
	version: string;
}

const L = (zh: string, en: string): Localized => ({ zh, en });

/** Fixed decimals, no grouping: figures a reviewer copies into a form as they are. */
export const fixed = (v: number, digits: number) => v.toFixed(digits);

/** Plane metres to 3 decimals (mm); an entered value keeps a 4th decimal when it had one. */
const metres = (v: number, entered: boolean) => {
	const four = v.toFixed(4);
	return !entered || four.endsWith('0') ? v.toFixed(3) : four;
};

function zoneWords(zone: PlaneZone, lang: ReportLang): string {
	return lang === 'zh'
		? `CGCS2000 3° 高斯-克吕格第 ${zone.zone} 带（中央经线 ${zone.centralMeridian}°E，EPSG:${zone.epsg}）`
		: `CGCS2000 3° Gauss-Krüger zone ${zone.zone} (central meridian ${zone.centralMeridian}°E, EPSG:${zone.epsg})`;
}

function frameWords(frame: InputFrame, input: FootprintInput | undefined, lang: ReportLang): string {
	const how = input?.text
		? L('粘贴坐标', 'typed coordinates')
		: input?.file
			? L(`上传文件 ${input.file}`, `uploaded file ${input.file}`)
			: L('在地图上绘制', 'drawn on the map');
	const crs = frame.kind === 'projected' ? frame.crs.name : frame.gcj02 ? L('GCJ-02 经纬度', 'GCJ-02 lon/lat')[lang] : L('经纬度', 'lon/lat')[lang];
	return lang === 'zh' ? `输入方式：${how.zh}；输入坐标系：${crs}（${frame.code}）` : `Input: ${how.en}; input CRS: ${crs} (${frame.code})`;
}

const RING_ROLE: Record<string, Localized> = {
	outer: L('外边界', 'Boundary'),
	hole: L('内环（扣除）', 'Hole (excluded)'),
	line: L('线路', 'Line'),
	point: L('点位', 'Point')
};

/** The 界址点 table in words and figures. */
export function reportBoundary(
	footprint: Geometry,
	frame: InputFrame,
	zone: PlaneZone,
	record: { input?: FootprintInput; inputPoints?: InputPoints | null } | undefined,
	lang: ReportLang
): ReportBoundary {
	const table = boundaryTable(footprint, frame, zone, record?.inputPoints ?? null);
	const xy =
		table.xy.source === 'input'
			? lang === 'zh'
				? `X、Y 为输入的平面坐标（${frame.kind === 'projected' ? frame.crs.name : table.xy.code}，X 为北坐标，Y 为东坐标）`
				: `X, Y as entered (${frame.kind === 'projected' ? frame.crs.name : table.xy.code}; X northing, Y easting)`
			: lang === 'zh'
				? `X、Y 由经纬度换算至 ${zoneWords(zone, lang)}（X 为北坐标，Y 为带号加东坐标）`
				: `X, Y computed in ${zoneWords(zone, lang)} (X northing, Y zone-prefixed easting)`;
	const parts = new Set(table.rings.map((r) => r.part)).size;
	return {
		caption: `${frameWords(frame, record?.input, lang)}${lang === 'zh' ? '。' : '. '}${xy}${lang === 'zh' ? '；经纬度为 CGCS2000。' : '; longitude and latitude in CGCS2000.'}`,
		columns:
			lang === 'zh'
				? ['点号', 'X（米）', 'Y（米）', '经度', '纬度', '经度（°）', '纬度（°）']
				: ['Point', 'X (m)', 'Y (m)', 'Longitude', 'Latitude', 'Lon (°)', 'Lat (°)'],
		rings: table.rings.map((ring) => ({
			title:
				lang === 'zh'
					? `${parts > 1 ? `地块 ${ring.part} · ` : ''}${RING_ROLE[ring.role].zh}`
					: `${parts > 1 ? `Parcel ${ring.part} · ` : ''}${RING_ROLE[ring.role].en}`,
			rows: ring.points.map((p) => [p.name, metres(p.x, table.xy.source === 'input'), metres(p.y, table.xy.source === 'input'), formatDms(p.lon), formatDms(p.lat), fixed(p.lon, 6), fixed(p.lat, 6)])
		})),
		omitted: table.omitted
			? lang === 'zh'
				? `另有 ${table.omitted} 个点未列出（共 ${table.count + table.omitted} 点）；完整坐标见 GeoJSON 导出。`
				: `${table.omitted} more points are not listed (${table.count + table.omitted} in all); the GeoJSON export has them all.`
			: null
	};
}

const areaRow = (label: string, a: AreaFigures) => [label, fixed(a.m2, 2), fixed(a.ha, 4), fixed(a.mu, 2)];

/** Both areas, in m² (2 decimals), 公顷 (4) and 亩 (2). */
export function reportAreas(
	footprint: Geometry,
	frame: InputFrame,
	inputPoints: InputPoints | null | undefined,
	lang: ReportLang
): { areas: ReportAreas; zone: PlaneZone } {
	const entered = frame.kind === 'projected' ? (inputPoints?.code === frame.code ? inputPoints : inputPointsOf(footprint, frame)).rings : null;
	const a = footprintAreas(footprint, frame, entered);
	const zh = lang === 'zh';
	return {
		zone: a.zone,
		areas: {
			columns: zh ? ['面积', '平方米', '公顷', '亩'] : ['Area', 'm²', 'ha', 'mu (亩)'],
			rows: [
				areaRow(zh ? '椭球面积（CGCS2000 椭球）' : 'Ellipsoidal (CGCS2000 ellipsoid)', a.ellipsoidal),
				areaRow(zh ? `高斯平面面积（第 ${a.zone.zone} 带）` : `Gauss-Krüger plane (zone ${a.zone.zone})`, a.plane)
			],
			note: zh
				? `椭球面积按 CGCS2000（GRS80）椭球上的测地线边计算；平面面积按 ${zoneWords(a.zone, lang)}${a.zone.fromInput ? '（输入坐标所在带）' : '（项目中心所在带）'}计算。1 亩 = 10000/15 平方米。`
				: `Ellipsoidal area with geodesic edges on the CGCS2000 (GRS80) ellipsoid; plane area in ${zoneWords(a.zone, lang)}${a.zone.fromInput ? ' (the input’s zone)' : ' (the zone of the footprint’s centre)'}. 1 mu = 10000/15 m².`
		}
	};
}

/** 昌吉市；三工镇东北约 3.2 千米 — null when the location is unknown. */
export function locationWords(location: CheckLocation | null | undefined, lang: ReportLang): string | null {
	if (!location) return null;
	const zh = lang === 'zh';
	const name = (n: { name: string; nameEn: string | null }) => (zh ? n.name : (n.nameEn ?? n.name));
	const counties = location.counties.length ? location.counties.map(name).join(zh ? '、' : ', ') : zh ? '州域外' : 'outside the prefecture';
	const towns = location.towns.map((t) => {
		if (t.distanceM < 50) return zh ? `${name(t)}（范围内）` : `${name(t)} (within)`;
		const dir = bearingWords(t.bearingDeg, lang);
		const km = (t.distanceM / 1000).toFixed(1);
		return zh ? `${name(t)}${dir}约 ${km} 千米` : `${km} km ${dir} of ${name(t)}`;
	});
	return towns.length ? `${counties}${zh ? '；' : '; '}${towns.join(zh ? '、' : ', ')}` : counties;
}

const DIRECTIONS: Localized[] = ['北', '东北', '东', '东南', '南', '西南', '西', '西北'].map((zh, i) =>
	L(zh, ['north', 'northeast', 'east', 'southeast', 'south', 'southwest', 'west', 'northwest'][i])
);

/** An azimuth (degrees clockwise from north) as one of eight directions. */
export function bearingWords(deg: number, lang: ReportLang): string {
	return DIRECTIONS[Math.round((((deg % 360) + 360) % 360) / 45) % 8][lang];
}

/** Per layer and source: the conflicts it covers, its approval (文号 / 批准机关 / status) and data version. */
export function reportLayerSources(
	conflicts: readonly { index: number; layer: string; featureId: string | number }[],
	zones: readonly ZoneGeometry[],
	dataVersions: Record<string, string>,
	dataUpdatedAt: Record<string, string> | undefined,
	lang: ReportLang
): ReportLayerSource[] {
	const rows = new Map<string, ReportLayerSource & { indices: number[] }>();
	for (const c of conflicts) {
		const layer = getLayer(c.layer);
		const props = zones.find((z) => z.layer === c.layer && String(z.featureId) === String(c.featureId))?.properties;
		const note = (lang === 'en' ? (props?.source_note_en ?? props?.source_note) : props?.source_note) ?? null;
		const source = typeof note === 'string' && note ? note : '—';
		const key = `${c.layer}\u0000${source}`;
		const row = rows.get(key) ?? {
			items: '',
			indices: [],
			layerTitle: layer ? layer.title[lang] : c.layer,
			source,
			document: layer?.approval?.document[lang] ?? '—',
			authority: layer?.approval?.authority[lang] ?? '—',
			status: layer?.approval?.status[lang] ?? '—',
			version: dataVersions[c.layer] !== undefined ? dataVersionLabel(c.layer, dataVersions[c.layer], dataUpdatedAt?.[c.layer]) : '—'
		};
		row.indices.push(c.index);
		rows.set(key, row);
	}
	return [...rows.values()].map(({ indices, ...row }) => ({ ...row, items: indices.join(lang === 'zh' ? '、' : ', ') }));
}

/** The QR code of the permalink, or null without one. */
export const permalinkQr = (permalink: string | null | undefined): boolean[][] | null => (permalink ? qrMatrix(permalink) : null);

