/**
 * The conflict-check report as data: every text in the reader's language, every figure
 * formatted — rendered as HTML by the /check page and as a PDF by the server, so both say the
 * same. Pure and browser-safe (no DOM, no node:*).
 */
import type { Geometry } from 'geojson';
import type { CheckLocation, FootprintInput } from '../api/saved-checks';
import { inputFrameOf } from '../geo/input-frame';
import { formatNumber, MU_PER_HECTARE, type AppLocale } from '../i18n/format';
import { getLayer } from '../layers/registry';
import type { Localized, ProjectType, Severity } from '../layers/types';
import type { InputPoints } from './boundary-points';
import { chinaDay, dataVersionLabel } from './data-version-label';
import {
	locationWords,
	permalinkQr,
	reportAreas,
	reportBoundary,
	reportLayerSources,
	type ReportAreas,
	type ReportBoundary,
	type ReportLayerSource
} from './report-review';
import { reviewOpinion, type ReviewOpinion } from './review-opinion';
import type { CheckResult, Conflict, EngineInfo, Relation, Verdict } from './types';
import { reportAreaLabels, reportAreaRows, reportOutsideRows, type ReportAreaLabels, type ReportAreaRow, type ReportOutsideRow } from './report-areas';

export type { ReportAreaRow, ReportOutsideRow, ReportAreaLabels } from './report-areas';

export type ReportLang = 'zh' | 'en';

/** A conflicting feature's geometry for the report map (the server reads it from PostGIS). */
export interface ZoneGeometry {
	layer: string;
	featureId: string | number;
	geometry: Geometry;
	/**
	 * The feature's attribute the layer's style colours by (zone level, unit type …), if any, and
	 * its provenance (`source_note`, `source_note_en`) for the report's source column.
	 */
	properties?: Record<string, string | number | boolean | null>;
}

/** A conflict as the API returns it: the engine's, plus the feature's English name. */
export interface ResponseConflict extends Conflict {
	nameEn: string | null;
}

/** Body of a 200 from POST /api/check: the engine's result plus the report's identity. */
export interface CheckResponse extends Omit<CheckResult, 'conflicts' | 'engine'> {
	conflicts: ResponseConflict[];
	engine: EngineInfo;
	/** Same footprint + project type + data versions + engine version → same id. */
	reportId: string;
	/** ISO 8601. */
	checkedAt: string;
	/** Layer id → ISO time its data last changed. */
	dataUpdatedAt: Record<string, string>;
	/** The zoning data holds illustrative (示意) boundaries: not for approval. */
	illustrative: boolean;
	/**
	 * With `"zones": true` in the request: the conflicting features' geometries, cut to a few
	 * kilometres around the footprint and simplified — for reportMapSvg and conflictsToGeoJson.
	 */
	zones?: ZoneGeometry[];
}

export interface ReportOptions {
	lang: ReportLang;
	footprint: Geometry;
	zones?: readonly ZoneGeometry[];
	/** ISO 8601 time of the check; default: the result's `checkedAt`. */
	checkedAt?: string;
	/** The data is illustrative (示意): the report must say so. Default: the result's flag. */
	illustrative?: boolean;
	/** Default: the result's `reportId`. */
	reportId?: string;
	/** The saved check this report is of: its number, project and author go on the report. */
	record?: ReportRecord;
}

/** What a saved check adds to its report. */
export interface ReportRecord {
	id: number;
	projectName: string;
	developer: string;
	notes?: string | null;
	author: string;
	/** ISO time the check was saved: the report's time (never a later run's). */
	savedAt?: string;
	/** County and nearest towns; null when unknown. */
	location?: CheckLocation | null;
	/** How the footprint was given. */
	input?: FootprintInput;
	/** The footprint's points in the input's CRS, as saved (null: computed from the footprint). */
	inputPoints?: InputPoints | null;
	/** Absolute URL of the saved check, for the QR code; null when no trusted origin is known. */
	permalink?: string | null;
}

export interface ReportConflictRow {
	/** 1-based, as numbered on the map. */
	index: number;
	layer: string;
	layerTitle: string;
	featureId: string | number;
	featureName: string;
	/** Zone level or unit type in words, when the layer has levels. */
	levelLabel: string | null;
	relation: Relation;
	relationLabel: string;
	overlapM2: number;
	overlapHa: number;
	overlapMu: number;
	overlapPct: number;
	overlapLengthM: number | null;
	distanceM: number;
	severity: Severity;
	severityLabel: string;
	basis: string;
	text: string;
	/** Pre-formatted cells in the report's language. */
	cells: { overlap: string; overlapPct: string; distance: string };
}

export interface ReportRule {
	basis: string;
	text: string;
	/** Titles of the layers whose conflicts cite it. */
	layers: string[];
}

export interface ReportDataVersion {
	layer: string;
	layerTitle: string;
	version: string;
	/** Date of the last change, formatted; null when unknown. */
	date: string | null;
	/** Date and short hash, as a reviewer cites it: "2026-11-30 · 3f9a1c2". */
	label: string;
}

export interface ReportModel {
	lang: ReportLang;
	title: string;
	reportId: string;
	checkedAt: string;
	checkedAtLabel: string;
	verdict: Verdict;
	verdictLabel: string;
	/** One sentence: what the verdict means for the project. */
	verdictText: string;
	projectType: ProjectType;
	projectTypeLabel: string;
	footprint: { areaM2: number; areaLabel: string; lengthM: number; lengthLabel: string | null };
	/** Label and value of the saved check's facts (project, developer, record number, author); empty for an unsaved check. */
	recordFacts: [string, string][];
	conflicts: ReportConflictRow[];
	/** Per layer the footprint overlaps: per level the area in no stricter level, then the union. Empty for answers saved before engine 1.1. */
	areas: ReportAreaRow[];
	/** Findings for lying outside a layer (e.g. buildings outside the urban development boundary). */
	outside: ReportOutsideRow[];
	areaLabels: ReportAreaLabels;
	rules: ReportRule[];
	dataVersions: ReportDataVersion[];
	/** 界址点 table (saved checks and any footprint with vertices). */
	boundary: ReportBoundary | null;
	/** Ellipsoidal and Gauss-Krüger plane areas; null for line and point footprints. */
	footprintAreas: ReportAreas | null;
	/** Per conflicting layer: source, approval (文号 / 批准机关 / status), data version. */
	layerSources: ReportLayerSource[];
	/** 审查意见: the verdict in words and what to do next. */
	opinion: ReviewOpinion;
	/** The saved check's URL and its QR code; null for an unsaved check. */
	permalink: string | null;
	qr: boolean[][] | null;
	/** Notices to print prominently: illustrative data, slivers ignored, clipping fallbacks. */
	notices: string[];
	/** Headings and column titles. */
	labels: ReportLabels;
}

export interface ReportLabels {
	verdict: string;
	reportId: string;
	checkedAt: string;
	projectType: string;
	footprintArea: string;
	footprintLength: string;
	conflicts: string;
	noConflicts: string;
	columns: { index: string; layer: string; feature: string; relation: string; overlap: string; overlapPct: string; distance: string; severity: string };
	rules: string;
	dataVersions: string;
	version: string;
	updated: string;
	map: string;
	footprint: string;
	disclaimer: string;
	record: { projectName: string; developer: string; id: string; author: string; notes: string; location: string };
	boundary: string;
	areas: string;
	layerSources: string;
	sourceColumns: { items: string; layer: string; source: string; document: string; authority: string; status: string; version: string };
	opinion: string;
	conclusion: string;
	actions: string;
	signature: { handler: string; reviewer: string; date: string; seal: string };
	permalink: string;
}

const t = (lang: ReportLang, l: Localized) => l[lang];
const L = (zh: string, en: string): Localized => ({ zh, en });

export const PROJECT_TYPE_LABELS: Record<ProjectType, Localized> = {
	linear: L('线性工程（道路、管线、输电线路）', 'Linear infrastructure (roads, pipelines, power lines)'),
	mining: L('矿产开采', 'Mining'),
	solar_wind: L('光伏、风电', 'Solar and wind power'),
	building: L('房屋建筑', 'Buildings'),
	agri_forestry: L('农林开发', 'Agriculture and forestry'),
	restoration: L('生态修复', 'Ecological restoration'),
	other: L('其他建设项目', 'Other construction')
};

export const SEVERITY_LABELS: Record<Severity, Localized> = {
	forbidden: L('禁止', 'Prohibited'),
	restricted: L('严格限制', 'Restricted'),
	approval: L('须审批', 'Needs approval'),
	attention: L('须注意', 'Take note')
};

export const VERDICT_LABELS: Record<Verdict, Localized> = { ...SEVERITY_LABELS, clear: L('未发现冲突', 'No conflict') };

const VERDICT_TEXT: Record<Verdict, Localized> = {
	forbidden: L(
		'项目范围与禁止建设的管控区冲突：按现行规定原则上不得在此建设，请调整选址或依法论证。',
		'The footprint conflicts with zones where construction is prohibited: as the rules stand it cannot be built here; move it or seek the exemption the law provides.'
	),
	restricted: L(
		'项目范围涉及严格限制类管控区：须满足相应管控要求并经主管部门论证。',
		'The footprint touches strictly restricted zones: it must meet their requirements and be reviewed by the competent authority.'
	),
	approval: L('项目范围涉及须审批的管控区：须依法办理相关审批手续。', 'The footprint touches zones that require approval: obtain the approvals the law requires.'),
	attention: L(
		'项目范围邻近或涉及须注意的区域：建设时须落实相应保护措施。',
		'The footprint is near or in zones that need care: take the corresponding protective measures.'
	),
	clear: L(
		'在所检查的管控图层中未发现冲突（含缓冲距离）。',
		'No conflict was found with the zoning layers checked (buffers included).'
	)
};

const LABELS: Record<ReportLang, ReportLabels> = {
	zh: {
		verdict: '检查结论',
		reportId: '报告编号',
		checkedAt: '检查时间',
		projectType: '项目类型',
		footprintArea: '项目范围面积',
		footprintLength: '线路长度',
		conflicts: '冲突明细',
		noConflicts: '未发现冲突。',
		columns: {
			index: '序号',
			layer: '管控图层',
			feature: '要素名称',
			relation: '关系',
			overlap: '压占面积',
			overlapPct: '占比',
			distance: '距离',
			severity: '管控强度'
		},
		rules: '引用依据',
		dataVersions: '数据版本',
		version: '版本',
		updated: '更新日期',
		map: '位置示意图',
		footprint: '项目范围',
		record: { projectName: '项目名称', developer: '建设单位', id: '检查记录编号', author: '检查人', notes: '备注', location: '项目位置' },
		boundary: '界址点坐标',
		areas: '项目用地面积',
		layerSources: '管控图层依据与数据版本',
		sourceColumns: { items: '冲突序号', layer: '管控图层', source: '数据来源', document: '批准文号', authority: '批准机关', status: '状态', version: '数据版本' },
		opinion: '审查意见',
		conclusion: '结论',
		actions: '处理意见',
		signature: { handler: '经办人', reviewer: '审核人', date: '日期', seal: '（盖章）' },
		permalink: '扫码查看检查记录',
		disclaimer:
			'本报告由昌吉生态一张图依据检查时的数据自动生成，面积按 CGCS2000/WGS84 椭球计算，仅供选址参考，不替代主管部门的审查意见。'
	},
	en: {
		verdict: 'Verdict',
		reportId: 'Report id',
		checkedAt: 'Checked at',
		projectType: 'Project type',
		footprintArea: 'Footprint area',
		footprintLength: 'Line length',
		conflicts: 'Conflicts',
		noConflicts: 'No conflicts found.',
		columns: {
			index: 'No.',
			layer: 'Zoning layer',
			feature: 'Feature',
			relation: 'Relation',
			overlap: 'Overlap',
			overlapPct: 'Share',
			distance: 'Distance',
			severity: 'Severity'
		},
		rules: 'Rules cited',
		dataVersions: 'Data versions',
		version: 'Version',
		updated: 'Updated',
		map: 'Location map',
		footprint: 'Project footprint',
		record: { projectName: 'Project', developer: 'Developer', id: 'Saved check no.', author: 'Checked by', notes: 'Notes', location: 'Location' },
		boundary: 'Boundary points (界址点)',
		areas: 'Footprint area',
		layerSources: 'Zoning data: approval and version',
		sourceColumns: { items: 'Items', layer: 'Layer', source: 'Source', document: 'Document no.', authority: 'Approved by', status: 'Status', version: 'Data version' },
		opinion: 'Review opinion (审查意见)',
		conclusion: 'Conclusion',
		actions: 'Actions',
		signature: { handler: 'Prepared by', reviewer: 'Reviewed by', date: 'Date', seal: '(Seal)' },
		permalink: 'Scan to open the saved check',
		disclaimer:
			'Generated by Changji EcoMap from the data in force at the time of the check; areas are on the CGCS2000/WGS84 ellipsoid. For siting guidance only: it does not replace the review of the competent authority.'
	}
};

const locale = (lang: ReportLang): AppLocale => (lang === 'zh' ? 'zh-CN' : 'en');
const num = (v: number, lang: ReportLang, digits?: number) => formatNumber(v, locale(lang), digits);

/** An area as m² (small) or hectares, with mu (亩) — the unit Chinese land records use. */
export function formatAreaLabel(m2: number, lang: ReportLang): string {
	const ha = m2 / 10_000;
	const mu = ha * MU_PER_HECTARE;
	if (lang === 'zh')
		return ha >= 0.1 ? `${num(ha, lang)} 公顷（${num(mu, lang)} 亩）` : `${num(m2, lang, 1)} 平方米（${num(mu, lang, 3)} 亩）`;
	return ha >= 0.1 ? `${num(ha, lang)} ha (${num(mu, lang)} mu)` : `${num(m2, lang, 1)} m² (${num(mu, lang, 3)} mu)`;
}

export function formatDistanceLabel(m: number, lang: ReportLang): string {
	if (m >= 1000) return lang === 'zh' ? `${num(m / 1000, lang, 2)} 千米` : `${num(m / 1000, lang, 2)} km`;
	return lang === 'zh' ? `${num(m, lang, 1)} 米` : `${num(m, lang, 1)} m`;
}

/** Time of the check in China Standard Time, the time every reader of the report lives in. */
function formatCheckedAt(iso: string, lang: ReportLang): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return iso;
	const text = new Intl.DateTimeFormat(locale(lang), {
		timeZone: 'Asia/Shanghai',
		year: 'numeric',
		month: lang === 'zh' ? 'long' : 'short',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		// Not `hour12: false`: in English that picks the h24 cycle and prints 00:10 as "24:10".
		hourCycle: 'h23'
	}).format(date);
	return lang === 'zh' ? `${text}（北京时间）` : `${text} (UTC+8)`;
}

/** A day as YYYY-MM-DD in China Standard Time: unambiguous in both languages. */
const formatDay = (iso: string): string => chinaDay(iso) ?? iso;

function levelLabel(layerId: string, level: string | undefined, lang: ReportLang): string | null {
	const layer = getLayer(layerId);
	const attr = layer?.zoning?.levelAttribute;
	if (!attr || level === undefined) return null;
	const value = layer.attributes.find((a) => a.name === attr)?.values?.[level];
	return value ? t(lang, value) : level;
}

function featureName(c: Conflict & { nameEn?: string | null }, lang: ReportLang): string {
	const name = lang === 'en' ? (c.nameEn ?? c.name) : (c.name ?? c.nameEn);
	return name ?? (lang === 'zh' ? `要素 ${c.featureId}` : `Feature ${c.featureId}`);
}

function conflictRow(c: Conflict & { nameEn?: string | null }, index: number, lang: ReportLang): ReportConflictRow {
	const layer = getLayer(c.layer);
	const ha = c.overlapM2 / 10_000;
	const intersects = c.relation === 'intersects';
	const relationLabel = intersects
		? lang === 'zh'
			? '压占'
			: 'Overlaps'
		: lang === 'zh'
			? `邻近（缓冲 ${num(layer?.zoning?.bufferM ?? 0, lang)} 米内）`
			: `Nearby (within the ${num(layer?.zoning?.bufferM ?? 0, lang)} m buffer)`;
	let overlap = '—';
	if (intersects && c.overlapM2 > 0) overlap = formatAreaLabel(c.overlapM2, lang);
	else if (intersects && c.overlapLengthM !== undefined && c.overlapLengthM > 0)
		overlap = lang === 'zh' ? `线路长 ${formatDistanceLabel(c.overlapLengthM, lang)}` : `${formatDistanceLabel(c.overlapLengthM, lang)} of line`;
	else if (intersects) overlap = lang === 'zh' ? '相交' : 'Meets';
	return {
		index,
		layer: c.layer,
		layerTitle: layer ? t(lang, layer.title) : c.layer,
		featureId: c.featureId,
		featureName: featureName(c, lang),
		levelLabel: levelLabel(c.layer, c.level, lang),
		relation: c.relation,
		relationLabel,
		overlapM2: c.overlapM2,
		overlapHa: ha,
		overlapMu: ha * MU_PER_HECTARE,
		overlapPct: c.overlapPct,
		overlapLengthM: c.overlapLengthM ?? null,
		distanceM: c.distanceM,
		severity: c.severity,
		severityLabel: t(lang, SEVERITY_LABELS[c.severity]),
		basis: t(lang, c.rule.basis),
		text: t(lang, c.rule.text),
		cells: {
			overlap,
			overlapPct: intersects && c.overlapM2 > 0 ? `${num(c.overlapPct, lang, c.overlapPct >= 10 ? 1 : 2)}%` : '—',
			distance: formatDistanceLabel(c.distanceM, lang)
		}
	};
}

/**
 * The report of a check, in one language.
 *
 * @example
 * const model = buildReport(response, { lang: 'zh', footprint: geometry });
 * model.verdictLabel; // '禁止'
 * model.conflicts[0].cells.overlap; // '1.2 公顷（18 亩）'
 */
export function buildReport(result: CheckResult | CheckResponse, options: ReportOptions): ReportModel {
	const lang = options.lang;
	const response = 'reportId' in result ? result : undefined;
	const conflicts = result.conflicts.map((c, i) => conflictRow(c, i + 1, lang));

	const outside = reportOutsideRows(result, lang, { area: formatAreaLabel, severity: (s) => t(lang, SEVERITY_LABELS[s]) });
	const rules = new Map<string, ReportRule>();
	for (const row of [...conflicts, ...outside]) {
		const key = `${row.basis}\u0000${row.text}`;
		const rule = rules.get(key) ?? { basis: row.basis, text: row.text, layers: [] };
		if (!rule.layers.includes(row.layerTitle)) rule.layers.push(row.layerTitle);
		rules.set(key, rule);
	}

	const dataVersions: ReportDataVersion[] = Object.entries(result.dataVersions).map(([id, version]) => {
		const layer = getLayer(id);
		const updated = response?.dataUpdatedAt[id];
		return {
			layer: id,
			layerTitle: layer ? t(lang, layer.title) : id,
			version,
			date: updated ? formatDay(updated) : null,
			label: dataVersionLabel(id, version, updated)
		};
	});

	const notices: string[] = [];
	const illustrative = options.illustrative ?? response?.illustrative ?? false;
	if (illustrative)
		notices.push(
			lang === 'zh'
				? '示意数据：本次检查所用的管控图层含示意（非权威）边界，结果不得用于审批、执法或其他法定用途。'
				: 'Illustrative data: the zoning layers checked contain illustrative (not authoritative) boundaries; the result may not be used for approval, enforcement or any legal purpose.'
		);
	if (result.slivers.length)
		notices.push(
			lang === 'zh'
				? `另有 ${result.slivers.length} 处面积小于 1 平方米的边界重叠（多为边界数字化误差），未计为冲突。`
				: `${result.slivers.length} boundary overlap(s) under 1 m² (usually digitising noise) were not counted as conflicts.`
		);
	const areaLabels = reportAreaLabels(lang);
	if (!result.layerAreas && result.conflicts.some((c) => c.relation === 'intersects' && c.overlapM2 > 0)) notices.push(areaLabels.missing);
	const r = options.record;
	// A saved check's report carries the time it was saved, never a later run's.
	const checkedAt = options.checkedAt ?? r?.savedAt ?? response?.checkedAt ?? '';
	const rl = LABELS[lang].record;
	const location = r ? (locationWords(r.location, lang) ?? (lang === 'zh' ? '未知' : 'unknown')) : null;
	const recordFacts: [string, string][] = r
		? [
				[rl.projectName, r.projectName],
				[rl.developer, r.developer],
				[rl.location, location ?? ''],
				[rl.id, String(r.id)],
				[rl.author, r.author],
				...(r.notes ? ([[rl.notes, r.notes]] as [string, string][]) : [])
			]
		: [];
	const frame = inputFrameOf(r?.input?.crs);
	const hasVertices = options.footprint.type !== 'GeometryCollection' || options.footprint.geometries.length > 0;
	const measured = hasVertices ? reportAreas(options.footprint, frame, r?.inputPoints, lang) : undefined;
	const permalink = r?.permalink ?? null;
	const footprintLength = result.footprint.lengthM;
	return {
		lang,
		title: lang === 'zh' ? '建设项目生态空间管控冲突检查报告' : 'Ecological zoning conflict check report',
		reportId: options.reportId ?? response?.reportId ?? '',
		checkedAt,
		checkedAtLabel: checkedAt ? formatCheckedAt(checkedAt, lang) : '',
		verdict: result.verdict,
		verdictLabel: t(lang, VERDICT_LABELS[result.verdict]),
		verdictText: t(lang, VERDICT_TEXT[result.verdict]),
		projectType: result.projectType,
		projectTypeLabel: t(lang, PROJECT_TYPE_LABELS[result.projectType]),
		footprint: {
			areaM2: result.footprint.areaM2,
			areaLabel: formatAreaLabel(result.footprint.areaM2, lang),
			lengthM: footprintLength,
			lengthLabel: footprintLength > 0 ? formatDistanceLabel(footprintLength, lang) : null
		},
		recordFacts,
		conflicts,
		areas: reportAreaRows(result, lang, formatAreaLabel),
		outside,
		areaLabels,
		rules: [...rules.values()],
		dataVersions,
		boundary: measured ? reportBoundary(options.footprint, frame, measured.zone, r, lang) : null,
		footprintAreas: measured && result.footprint.areaM2 > 0 ? measured.areas : null,
		layerSources: reportLayerSources(conflicts, options.zones ?? [], result.dataVersions, response?.dataUpdatedAt, lang),
		opinion: reviewOpinion(result.verdict, conflicts, lang, illustrative),
		permalink,
		qr: permalinkQr(permalink),
		notices,
		labels: LABELS[lang]
	};
}

export { reportMapDrawing, reportMapSvg, type MapDrawing, type ReportMapOptions } from './report-map';
