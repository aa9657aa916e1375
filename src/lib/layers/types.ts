/** Text in both app languages. */
export interface Localized {
	zh: string;
	en: string;
}

export type GeometryKind = 'polygon' | 'line' | 'point';

export type AttributeType = 'text' | 'integer' | 'number' | 'date' | 'boolean' | 'enum' | 'text[]';

export interface AttributeDef {
	/** Column name in the layer's table (also the property name in tiles, GeoJSON and downloads). */
	name: string;
	type: AttributeType;
	label: Localized;
	/** Shown to the public (tiles, OGC API, downloads, feature cards). */
	public: boolean;
	/** Required on import. */
	required?: boolean;
	unit?: Localized;
	/** For enums (and `text[]` of enum members): stored code → label. */
	values?: Record<string, Localized>;
}

export type Group = 'zoning' | 'restoration' | 'monitoring' | 'basemap';

/** Severity of a conflict, strongest first. */
export const SEVERITIES = ['forbidden', 'restricted', 'approval', 'attention'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const PROJECT_TYPES = [
	'linear',
	'mining',
	'solar_wind',
	'building',
	'agri_forestry',
	'restoration',
	'other'
] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

export interface RuleClause {
	severity: Severity;
	/** Severity for project types that the law treats differently. */
	byProjectType?: Partial<Record<ProjectType, Severity>>;
	/** Legal basis, e.g. 《防沙治沙法》第二十二条. */
	basis: Localized;
	/** What the rule means in plain language. */
	text: Localized;
}

/** What a footprint touching (or coming near) a feature of a zoning layer means. */
export interface ZoningRule {
	/** Features within this distance (m) of the footprint are reported as nearby. */
	bufferM: number;
	/** Severity of a nearby (not intersecting) feature. */
	nearbySeverity: Severity;
	/** Overlaps smaller than this (m²) are slivers: ignored, and the result says so. */
	sliverM2: number;
	/** Attribute whose value picks the clause (zone level, unit type …); absent → `default`. */
	levelAttribute?: string;
	/** Clause per level value; `default` when the layer has no levels or the value is unknown. */
	clauses: Record<string, RuleClause>;
}

export interface FillStyle {
	kind: 'fill';
	fill: string;
	fillOpacity: number;
	outline: string;
	/** Per-value fill colours, keyed by an enum attribute. */
	byAttribute?: { attribute: string; colors: Record<string, string> };
}
export interface LineStyle {
	kind: 'line';
	color: string;
	width: number;
}
export interface CircleStyle {
	kind: 'circle';
	color: string;
	radius: number;
	stroke: string;
	byAttribute?: { attribute: string; colors: Record<string, string> };
}
export type LayerStyle = FillStyle | LineStyle | CircleStyle;

/** What approved a zoning layer and its standing — a reviewer files it with each conflict (文号 / 批准机关). */
export interface LayerApproval {
	/** 批准文号, e.g. 新政函〔2018〕… ; "示意（无文号）" for the shipped illustrative data. */
	document: Localized;
	/** 批准机关. */
	authority: Localized;
	/** Standing of the data, e.g. 示意 / illustrative; 已批复 for real data. */
	status: Localized;
}

export interface LayerDef {
	/** URL and API name; fixed. */
	id: string;
	title: Localized;
	description: Localized;
	group: Group;
	table: string;
	geometry: GeometryKind;
	/** PostGIS column type of `geom`. */
	geometryType: 'MultiPolygon' | 'MultiLineString' | 'Point';
	/** Attribute used as the feature's display name. */
	nameAttribute: string;
	attributes: AttributeDef[];
	style: LayerStyle;
	minzoom: number;
	maxzoom: number;
	/** Zoning layers carry the rule a conflict with them means. */
	zoning?: ZoningRule;
	/** Zoning layers: approval metadata for the report. */
	approval?: LayerApproval;
}
