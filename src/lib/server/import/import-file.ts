// The importer: read → CRS → WGS84 → attributes → PostGIS validation → write, all or
// nothing in one transaction (rolled back for a dry run).
import type { Feature, Geometry } from 'geojson';
import type { LayerDef, Localized } from '../../layers/types';
import { crsLabel } from '../../geo/crs';
import { L, LocalizedError } from '../../geo/localized-error';
import { readFeatures, type FileFormat, type NamedFile, type ReadOptions } from '../../geo/readers';
import { toWgs84, type ToWgs84Options } from '../../geo/to-wgs84';
import { createHash } from 'node:crypto';
import { audit, type Actor } from '../audit/audit';
import type { Db } from '../db/types';
import { countFeatures, deleteAllFeatures, insertFeatures } from '../layer-writer';
import { convertAttributes, planAttributes } from './attributes';
import { fitGeometryKind, isEmptyGeometry } from './geometry-kind';
import { findInvalidGeometries, repairGeometries } from './validate';

export interface ImportOptions extends ToWgs84Options, ReadOptions {
	layer: LayerDef;
	/** The file, or a loose shapefile's parts; the first one names the import. */
	files: readonly NamedFile[];
	/** Source field → layer attribute. */
	map?: Readonly<Record<string, string>>;
	/** Required when the layer already holds data. */
	mode?: 'replace' | 'append';
	dryRun?: boolean;
	/** Repair invalid geometries with ST_MakeValid instead of refusing them. */
	repair?: boolean;
	/** Default source_note; the file name when absent. */
	sourceNote?: string;
	onProgress?: (message: Localized) => void;
	/** Who imports, for the audit row a (non-dry-run) import writes. */
	actor: Actor;
}

export interface SkippedFeature {
	/** 1-based position in the file. */
	feature: number;
	name?: string;
	reason: Localized;
}

export interface ImportSummary {
	layer: string;
	file: string;
	format: FileFormat;
	crs: string;
	crsSource: string;
	dryRun: boolean;
	read: number;
	written: number;
	/** Rows removed first (--replace). */
	deleted: number;
	repaired: number;
	skipped: SkippedFeature[];
	/** Geodesic area (ha) of what was written, for polygon layers. */
	areaHa?: number;
	/** Geodesic length (km) of what was written, for line layers. */
	lengthKm?: number;
	/** The layer's data version after the import (unchanged by a dry run). */
	version: number;
	notes: Localized[];
}

/** Refused because of how it was asked, not because of the data (the layer holds data, no mode given). */
export class ImportRefused extends LocalizedError {}

class DryRunRollback extends Error {
	constructor(readonly summary: ImportSummary) {
		super('dry run');
	}
}

interface Candidate {
	number: number;
	name?: string;
	feature: Feature<Geometry>;
}

const MAX_DETAILS = 50;
const PROGRESS_EVERY = 1000;
const featureLabel = (number: number, name?: string) =>
	L(`第 ${number} 个要素${name ? `「${name}」` : ''}`, `feature ${number}${name ? ` "${name}"` : ''}`);
const detail = (number: number, name: string | undefined, what: Localized) => {
	const label = featureLabel(number, name);
	return L(`${label.zh}：${what.zh}`, `${label.en}: ${what.en}`);
};

function failWith(headline: Localized, details: Localized[]): never {
	const shown = details.slice(0, MAX_DETAILS);
	if (details.length > MAX_DETAILS)
		shown.push(L(`……另有 ${details.length - MAX_DETAILS} 个问题`, `… and ${details.length - MAX_DETAILS} more problems`));
	throw new LocalizedError(headline, shown);
}

const nothingImported = (n: number) =>
	L(`${n} 个要素有问题，未导入任何数据`, `${n} ${n === 1 ? 'feature has a problem' : 'features have problems'}; nothing was imported`);

/** Turns source features into the layer's features, or fails listing every problem. */
function prepare(options: ImportOptions, features: { geometry: Geometry | null; properties: Record<string, unknown> }[], fileName: string) {
	const { layer } = options;
	const keys = [...new Set(features.flatMap((f) => Object.keys(f.properties)))];
	const plan = planAttributes(layer, keys, options.map);
	const nameKey = plan.get(layer.nameAttribute);
	const candidates: Candidate[] = [];
	const skipped: SkippedFeature[] = [];
	const problems: Localized[] = [];
	let failing = 0;
	features.forEach((source, i) => {
		const number = i + 1;
		const rawName = nameKey ? source.properties[nameKey] : undefined;
		const name = rawName === null || rawName === undefined || rawName === '' ? undefined : String(rawName);
		if (!source.geometry || isEmptyGeometry(source.geometry)) {
			skipped.push({ feature: number, name, reason: L('没有几何图形', 'no geometry') });
			return;
		}
		const fitted = fitGeometryKind(layer, source.geometry);
		const attributes = convertAttributes(layer, plan, source.properties, { sourceNote: options.sourceNote ?? fileName });
		const own = [...('problem' in fitted ? [fitted.problem] : []), ...attributes.problems];
		if (own.length) {
			failing++;
			problems.push(...own.map((p) => detail(number, name, p)));
		} else if ('geometry' in fitted)
			candidates.push({ number, name, feature: { type: 'Feature', properties: attributes.values, geometry: fitted.geometry } });
		if (number % PROGRESS_EVERY === 0) options.onProgress?.(L(`已检查 ${number}/${features.length} 个要素`, `Checked ${number}/${features.length} features`));
	});
	if (problems.length) failWith(nothingImported(failing), problems);
	return { candidates, skipped };
}

function nothingToImport(fileName: string, skipped: SkippedFeature[]): LocalizedError {
	return new LocalizedError(
		L(`${fileName} 中没有可导入的要素，未做任何更改`, `${fileName} holds no feature that can be imported; nothing was changed`),
		skipped.map((k) => detail(k.feature, k.name, k.reason))
	);
}

/**
 * Checks every geometry in PostGIS. Invalid ones fail the import, or with `repair` are
 * replaced by their repair (or skipped when nothing of the layer's kind is left).
 * Returns the features to write and how many were repaired.
 */
async function validated(tx: Db, options: ImportOptions, candidates: Candidate[], skipped: SkippedFeature[]) {
	const { layer, onProgress } = options;
	const invalid = await findInvalidGeometries(
		tx,
		candidates.map((c) => c.feature.geometry),
		(n) => onProgress?.(L(`PostGIS 已校验 ${n}/${candidates.length} 个几何`, `PostGIS checked ${n}/${candidates.length} geometries`))
	);
	if (invalid.length && !options.repair) {
		const at = (location?: number[]) => (location ? `${location[0].toFixed(6)}, ${location[1].toFixed(6)}` : '');
		failWith(
			L(`${invalid.length} 个几何无效，未导入任何数据（可加 --repair 修复）`, `${invalid.length} invalid ${invalid.length === 1 ? 'geometry' : 'geometries'}; nothing was imported (--repair would repair them)`),
			invalid.map((g) =>
				detail(
					candidates[g.index].number,
					candidates[g.index].name,
					L(`几何无效：${g.reason}${g.location ? `，位置 ${at(g.location)}` : ''}`, `invalid geometry: ${g.reason}${g.location ? ` at ${at(g.location)}` : ''}`)
				)
			)
		);
	}
	const repairs = invalid.length ? await repairGeometries(tx, layer, invalid.map((g) => candidates[g.index].feature.geometry)) : [];
	const dropped = new Set<number>();
	invalid.forEach((g, k) => {
		const candidate = candidates[g.index];
		const repaired = repairs[k];
		if (repaired) candidate.feature.geometry = repaired;
		else {
			dropped.add(g.index);
			skipped.push({
				feature: candidate.number,
				name: candidate.name,
				reason: L(`修复后不剩本图层类型的几何（${g.reason}）`, `nothing of the layer's geometry kind is left after repair (${g.reason})`)
			});
		}
	});
	return { features: candidates.filter((_, i) => !dropped.has(i)).map((c) => c.feature), repaired: invalid.length - dropped.size };
}

/** Writes (after deleting all rows for `replace`) and measures what was written. */
async function write(tx: Db, options: ImportOptions, features: Feature<Geometry>[]) {
	const { layer, onProgress } = options;
	const deleted = options.mode === 'replace' ? await deleteAllFeatures(tx, layer) : 0;
	// New rows get ids above the current maximum: that is how they are found again below.
	const [{ last }] = await tx.query<{ last: number }>(`SELECT coalesce(max(id), 0)::int AS last FROM "${layer.table}"`);
	let written = 0;
	for (let start = 0; start < features.length; start += PROGRESS_EVERY) {
		written += await insertFeatures(tx, layer, features.slice(start, start + PROGRESS_EVERY));
		onProgress?.(L(`已写入 ${written}/${features.length} 个要素`, `Wrote ${written}/${features.length} features`));
	}
	const [stats] = await tx.query<{ n: number; area: number | null; length: number | null }>(
		`SELECT count(*)::int AS n, sum(ST_Area(geom::geography)) AS area, sum(ST_Length(geom::geography)) AS length
		 FROM "${layer.table}" WHERE id > $1`,
		[last]
	);
	return {
		deleted,
		written: stats.n,
		areaHa: layer.geometry === 'polygon' ? (stats.area ?? 0) / 10000 : undefined,
		lengthKm: layer.geometry === 'line' ? (stats.length ?? 0) / 1000 : undefined
	};
}

async function currentVersion(db: Db, layer: LayerDef): Promise<number> {
	const [{ version }] = await db.query<{ version: number }>('SELECT version FROM layer_version WHERE layer = $1', [layer.id]);
	return version;
}

/**
 * Imports a file into a layer. Everything happens in one transaction: a failure, or a dry
 * run, leaves the database as it was. Throws a LocalizedError (ImportRefused when the
 * layer holds data and neither replace nor append was chosen) saying what is wrong.
 */
export async function importFile(db: Db, options: ImportOptions): Promise<ImportSummary> {
	const { layer, onProgress } = options;
	const fileName = options.files[0]?.name.replace(/^.*[\\/]/, '') ?? '';
	const read = await readFeatures(options.files, options);
	onProgress?.(L(`读取了 ${read.features.length} 个要素（${read.format}）`, `Read ${read.features.length} features (${read.format})`));
	const wgs = toWgs84(read, options);
	const { candidates, skipped } = prepare(options, wgs.features, fileName);
	// An empty file must never turn --replace into "delete everything".
	if (!candidates.length) throw nothingToImport(fileName, skipped);

	try {
		return await db.transaction(async (tx) => {
			const existing = await countFeatures(tx, layer);
			if (existing > 0 && !options.mode)
				throw new ImportRefused(
					L(
						`图层 ${layer.id} 已有 ${existing} 个要素：请选择 --replace（替换全部）或 --append（追加）`,
						`Layer ${layer.id} already holds ${existing} features: choose --replace (replace them all) or --append (add to them)`
					)
				);
			const { features, repaired } = await validated(tx, options, candidates, skipped);
			if (!features.length) throw nothingToImport(fileName, skipped);
			const result = await write(tx, options, features);
			const summary: ImportSummary = {
				layer: layer.id,
				file: fileName,
				format: read.format,
				crs: crsLabel(wgs.crs),
				crsSource: wgs.crsSource,
				dryRun: Boolean(options.dryRun),
				read: read.features.length,
				...result,
				repaired,
				skipped,
				version: await currentVersion(tx, layer),
				notes: [...read.notes, ...wgs.notes]
			};
			if (options.dryRun) throw new DryRunRollback(summary);
			await audit(tx, options.actor, {
				action: 'import',
				entity: 'layer',
				entityId: layer.id,
				before: { features: existing },
				after: { ...fileDigest(options.files), format: summary.format, crs: summary.crs, mode: options.mode ?? 'new', written: summary.written, deleted: summary.deleted, repaired, skipped: skipped.length, version: summary.version }
			});
			return summary;
		});
	} catch (error) {
		if (!(error instanceof DryRunRollback)) throw wrapDatabaseError(error);
		// A dry run's summary reports the version as it stays, not the rolled-back one.
		return { ...error.summary, version: await currentVersion(db, layer) };
	}
}

/** What the audit trail keeps of the imported file(s): names, size and a digest, not the data. */
function fileDigest(files: readonly NamedFile[]): { files: string[]; bytes: number; sha256: string } {
	const hash = createHash('sha256');
	for (const f of files) hash.update(f.bytes);
	return { files: files.map((f) => f.name.replace(/^.*[\\/]/, '')), bytes: files.reduce((n, f) => n + f.bytes.byteLength, 0), sha256: hash.digest('hex') };
}

/** A database error (a CHECK constraint, say) as a LocalizedError; ours pass through. */
function wrapDatabaseError(error: unknown): unknown {
	if (error instanceof LocalizedError || !(error instanceof Error)) return error;
	return new LocalizedError(L(`写入数据库失败，未导入任何数据：${error.message}`, `Writing to the database failed; nothing was imported: ${error.message}`));
}
