// The importer: read → CRS → WGS84 → attributes → PostGIS validation → write, all or
// nothing in one transaction (rolled back for a dry run). Files are read twice, a piece at
// a time — once to survey them (fields, extent, count), once to convert, check and write
// in batches of bounded size — so memory does not grow with the file.
import type { Feature, Geometry } from 'geojson';
import type { LayerDef, Localized } from '../../layers/types';
import { crsLabel } from '../../geo/crs';
import { L, LocalizedError } from '../../geo/localized-error';
import { extentOf, forEachPosition, hasNonFinite, type Extent } from '../../geo/positions';
import { openFeatures, type ByteSource, type FeatureStream, type FileFormat, type NamedFile, type ReadOptions } from '../../geo/readers';
import { bytesSource, chunksOf } from '../../geo/readers/byte-source';
import { checkLanded, doesNotConvert, planWgs84, type ToWgs84Options, type Wgs84Projection } from '../../geo/to-wgs84';
import { createHash } from 'node:crypto';
import { audit, type Actor } from '../audit/audit';
import type { Db } from '../db/types';
import { analyzeLayer, countFeatures, deleteAllFeatures, insertFeatures } from '../layer-writer';
import { recordLoad } from '../layer-loads';
import { convertAttributes, planAttributes, type AttributePlan } from './attributes';
import { temporaryUnpacker } from './file-source';
import { fitGeometryKind, isEmptyGeometry } from './geometry-kind';
import { geometryArea, geometryLength } from './measure';
import { findInvalidGeometries, repairGeometries } from './validate';

export interface ImportOptions extends ToWgs84Options, ReadOptions {
	layer: LayerDef;
	/** The file, or a loose shapefile's parts (in memory or opened from disk); the first one names the import. */
	files: readonly (NamedFile | ByteSource)[];
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
const PROGRESS_EVERY = 10_000;
/** A batch is written when it holds this many vertices or features, whichever comes first. */
export const BATCH_VERTICES = 50_000;
const BATCH_FEATURES = 1000;

const featureLabel = (number: number, name?: string) =>
	L(`第 ${number} 个要素${name ? `「${name}」` : ''}`, `feature ${number}${name ? ` "${name}"` : ''}`);
const detail = (number: number, name: string | undefined, what: Localized) => {
	const label = featureLabel(number, name);
	return L(`${label.zh}：${what.zh}`, `${label.en}: ${what.en}`);
};

/** Problems found while reading through, kept up to MAX_DETAILS, all counted. */
class Problems {
	readonly details: Localized[] = [];
	failing = 0;
	more = 0;
	add(details: Localized[]) {
		this.failing++;
		for (const d of details) {
			if (this.details.length < MAX_DETAILS) this.details.push(d);
			else this.more++;
		}
	}
	fail(headline: Localized): never {
		const shown = [...this.details];
		if (this.more) shown.push(L(`……另有 ${this.more} 个问题`, `… and ${this.more} more problems`));
		throw new LocalizedError(headline, shown);
	}
}

const nothingImported = (n: number) =>
	L(`${n} 个要素有问题，未导入任何数据`, `${n} ${n === 1 ? 'feature has a problem' : 'features have problems'}; nothing was imported`);
const invalidHeadline = (n: number) =>
	L(`${n} 个几何无效，未导入任何数据（可加 --repair 修复）`, `${n} invalid ${n === 1 ? 'geometry' : 'geometries'}; nothing was imported (--repair would repair them)`);

function nothingToImport(fileName: string, skipped: SkippedFeature[]): LocalizedError {
	return new LocalizedError(
		L(`${fileName} 中没有可导入的要素，未做任何更改`, `${fileName} holds no feature that can be imported; nothing was changed`),
		skipped.slice(0, MAX_DETAILS).map((k) => detail(k.feature, k.name, k.reason))
	);
}

const vertexCount = (geometry: Geometry) => {
	let n = 0;
	forEachPosition(geometry, () => n++);
	return n;
};

interface Survey {
	read: number;
	withGeometry: number;
	keys: string[];
	extent?: Extent;
}

/** The first pass: how many features, which fields, and the extent of the coordinates as stored. */
async function survey(stream: FeatureStream, onProgress: ImportOptions['onProgress']): Promise<Survey> {
	const keys = new Set<string>();
	let extent: Extent | undefined;
	let read = 0;
	let withGeometry = 0;
	for await (const feature of stream.features()) {
		read++;
		for (const key of Object.keys(feature.properties)) keys.add(key);
		if (feature.geometry && !isEmptyGeometry(feature.geometry)) {
			withGeometry++;
			const e = extentOf([feature.geometry]);
			if (e) extent = extent ? { minX: Math.min(extent.minX, e.minX), minY: Math.min(extent.minY, e.minY), maxX: Math.max(extent.maxX, e.maxX), maxY: Math.max(extent.maxY, e.maxY) } : e;
		}
		if (read % PROGRESS_EVERY === 0) onProgress?.(L(`已读取 ${read} 个要素`, `Read ${read} features`));
	}
	return { read, withGeometry, keys: [...keys], extent };
}

/** Everything the second pass needs, decided from the survey before anything is written. */
interface Plan {
	fileName: string;
	plan: AttributePlan;
	nameKey?: string;
	projection: Wgs84Projection;
	/** Of the coordinates as stored, from the survey. */
	storedExtent?: Extent;
	total: number;
}

/**
 * The second pass, in the transaction: converts and checks every feature and writes it in
 * batches. A batch is written optimistically — the tables' CHECK (ST_IsValid) refuses an
 * invalid geometry — and only a refused batch is examined geometry by geometry in PostGIS
 * (reason, location, repair). While one batch is in the database the next one is built.
 * Once a problem is found nothing more is written, but reading goes on so that every
 * problem is reported; the caller's transaction is then rolled back by the error.
 */
async function convertAndWrite(tx: Db, stream: FeatureStream, options: ImportOptions, plan: Plan) {
	const { layer, onProgress } = options;
	const problems = new Problems();
	const invalid: Localized[] = [];
	const skipped: SkippedFeature[] = [];
	let landed: Extent | undefined;
	let written = 0;
	let repaired = 0;
	let area = 0;
	let length = 0;
	let batch: Candidate[] = [];
	let batchVertices = 0;
	let writing: Promise<void> = Promise.resolve();
	const stopped = () => problems.failing > 0 || (invalid.length > 0 && !options.repair);

	const write = async (candidates: Candidate[]) => {
		let features = candidates.map((c) => c.feature);
		try {
			await tx.transaction((savepoint) => insertFeatures(savepoint, layer, features));
		} catch (refused) {
			const result = await validated(tx, options, candidates, skipped, invalid);
			if (!result.found) throw refused; // not a geometry's fault: a database error to report as such
			repaired += result.repaired;
			if (stopped()) return;
			features = result.features;
			await insertFeatures(tx, layer, features);
		}
		written += features.length;
		for (const f of features) {
			area += geometryArea(f.geometry);
			length += geometryLength(f.geometry);
		}
		onProgress?.(L(`已写入 ${written}/${plan.total} 个要素`, `Wrote ${written}/${plan.total} features`));
	};

	const flush = async () => {
		const candidates = batch;
		batch = [];
		batchVertices = 0;
		await writing; // one batch in the database at a time
		if (!candidates.length || stopped()) return;
		writing = write(candidates);
		writing.catch(() => {}); // awaited at the next flush
	};

	let number = 0;
	for await (const source of stream.features()) {
		const n = ++number;
		const rawName = plan.nameKey ? source.properties[plan.nameKey] : undefined;
		const name = rawName === null || rawName === undefined || rawName === '' ? undefined : String(rawName);
		if (!source.geometry || isEmptyGeometry(source.geometry)) {
			skipped.push({ feature: n, name, reason: L('没有几何图形', 'no geometry') });
			continue;
		}
		const geometry = plan.projection.project(source.geometry);
		if (hasNonFinite(geometry)) throw doesNotConvert(n);
		const e = extentOf([geometry]);
		if (e) landed = landed ? { minX: Math.min(landed.minX, e.minX), minY: Math.min(landed.minY, e.minY), maxX: Math.max(landed.maxX, e.maxX), maxY: Math.max(landed.maxY, e.maxY) } : e;
		const fitted = fitGeometryKind(layer, geometry);
		const attributes = convertAttributes(layer, plan.plan, source.properties, { sourceNote: options.sourceNote ?? plan.fileName });
		const own = [...('problem' in fitted ? [fitted.problem] : []), ...attributes.problems];
		if (own.length) problems.add(own.map((p) => detail(n, name, p)));
		else if ('geometry' in fitted) {
			batch.push({ number: n, name, feature: { type: 'Feature', properties: attributes.values, geometry: fitted.geometry } });
			batchVertices += vertexCount(fitted.geometry);
			if (batchVertices >= BATCH_VERTICES || batch.length >= BATCH_FEATURES) await flush();
		}
		if (n % PROGRESS_EVERY === 0) onProgress?.(L(`已检查 ${n}/${plan.total} 个要素`, `Checked ${n}/${plan.total} features`));
	}
	await flush();
	await writing;
	checkLanded(plan.projection, landed, plan.storedExtent, options);
	if (problems.failing) problems.fail(nothingImported(problems.failing));
	if (invalid.length && !options.repair) {
		const shown = invalid.slice(0, MAX_DETAILS);
		if (invalid.length > MAX_DETAILS) shown.push(L(`……另有 ${invalid.length - MAX_DETAILS} 个问题`, `… and ${invalid.length - MAX_DETAILS} more problems`));
		throw new LocalizedError(invalidHeadline(invalid.length), shown);
	}
	return {
		written,
		repaired,
		skipped,
		areaHa: layer.geometry === 'polygon' ? area / 10_000 : undefined,
		lengthKm: layer.geometry === 'line' ? length / 1000 : undefined
	};
}

/**
 * Checks a batch's geometries in PostGIS. Invalid ones are added to `invalid` (the import
 * then fails), or with `repair` are replaced by their repair (or skipped when nothing of
 * the layer's kind is left). Returns the features to write, how many invalid geometries
 * were found and how many of them were repaired.
 */
async function validated(tx: Db, options: ImportOptions, candidates: Candidate[], skipped: SkippedFeature[], invalidOut: Localized[]) {
	const { layer } = options;
	const invalid = await findInvalidGeometries(
		tx,
		candidates.map((c) => c.feature.geometry)
	);
	if (invalid.length && !options.repair) {
		const at = (location?: number[]) => (location ? `${location[0].toFixed(6)}, ${location[1].toFixed(6)}` : '');
		for (const g of invalid)
			invalidOut.push(
				detail(
					candidates[g.index].number,
					candidates[g.index].name,
					L(`几何无效：${g.reason}${g.location ? `，位置 ${at(g.location)}` : ''}`, `invalid geometry: ${g.reason}${g.location ? ` at ${at(g.location)}` : ''}`)
				)
			);
		return { features: [], repaired: 0, found: invalid.length };
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
	return { features: candidates.filter((_, i) => !dropped.has(i)).map((c) => c.feature), repaired: invalid.length - dropped.size, found: invalid.length };
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
	const unpacker = options.unpack ? undefined : await temporaryUnpacker();
	try {
		return await importOpened(db, options, unpacker?.unpack);
	} finally {
		await unpacker?.dispose();
	}
}

async function importOpened(db: Db, options: ImportOptions, unpack: ReadOptions['unpack']): Promise<ImportSummary> {
	const { layer, onProgress } = options;
	const sources = options.files.map((f) => ('bytes' in f ? bytesSource(f) : f));
	const fileName = sources[0]?.name.replace(/^.*[\\/]/, '') ?? '';
	const stream = await openFeatures(sources, { ...options, unpack: options.unpack ?? unpack });
	const surveyed = await survey(stream, onProgress);
	onProgress?.(L(`读取了 ${surveyed.read} 个要素（${stream.format}）`, `Read ${surveyed.read} features (${stream.format})`));
	// An empty file must never turn --replace into "delete everything".
	if (!surveyed.withGeometry) throw new LocalizedError(
		L(`${fileName} 中没有可导入的要素，未做任何更改`, `${fileName} holds no feature that can be imported; nothing was changed`),
		surveyed.read ? [L(`${surveyed.read} 个要素都没有几何图形`, `none of its ${surveyed.read} features has a geometry`)] : []
	);
	const projection = planWgs84(stream.crs, surveyed.extent, options);
	const attributeNotes: Localized[] = [];
	const attributePlan = planAttributes(layer, surveyed.keys, options.map, attributeNotes);
	const plan: Plan = { fileName, plan: attributePlan, nameKey: attributePlan.get(layer.nameAttribute), projection, storedExtent: surveyed.extent, total: surveyed.read };

	try {
		const imported = await db.transaction(async (tx) => {
			const existing = await countFeatures(tx, layer);
			if (existing > 0 && !options.mode)
				throw new ImportRefused(
					L(
						`图层 ${layer.id} 已有 ${existing} 个要素：请选择 --replace（替换全部）或 --append（追加）`,
						`Layer ${layer.id} already holds ${existing} features: choose --replace (replace them all) or --append (add to them)`
					)
				);
			const deleted = options.mode === 'replace' ? await deleteAllFeatures(tx, layer) : 0;
			const { written, repaired, skipped, areaHa, lengthKm } = await convertAndWrite(tx, stream, options, plan);
			if (!written) throw nothingToImport(fileName, skipped);
			await recordLoad(tx, layer, 'import');
			const summary: ImportSummary = {
				layer: layer.id,
				file: fileName,
				format: stream.format,
				crs: crsLabel(projection.crs),
				crsSource: projection.crsSource,
				dryRun: Boolean(options.dryRun),
				read: surveyed.read,
				deleted,
				written,
				areaHa,
				lengthKm,
				repaired,
				skipped,
				version: await currentVersion(tx, layer),
				notes: [...stream.notes, ...attributeNotes, ...projection.notes]
			};
			if (options.dryRun) throw new DryRunRollback(summary);
			await audit(tx, options.actor, {
				action: 'import',
				entity: 'layer',
				entityId: layer.id,
				before: { features: existing },
				after: { ...(await fileDigest(sources)), format: summary.format, crs: summary.crs, mode: options.mode ?? 'new', written: summary.written, deleted: summary.deleted, repaired, skipped: skipped.length, version: summary.version }
			});
			return summary;
		});
		await analyzeLayer(db, layer);
		return imported;
	} catch (error) {
		if (!(error instanceof DryRunRollback)) throw wrapDatabaseError(error);
		// A dry run's summary reports the version as it stays, not the rolled-back one.
		return { ...error.summary, version: await currentVersion(db, layer) };
	}
}

/** What the audit trail keeps of the imported file(s): names, size and a digest, not the data. */
async function fileDigest(files: readonly ByteSource[]): Promise<{ files: string[]; bytes: number; sha256: string }> {
	const hash = createHash('sha256');
	for (const f of files) for await (const chunk of chunksOf(f)) hash.update(chunk);
	return { files: files.map((f) => f.name.replace(/^.*[\\/]/, '')), bytes: files.reduce((n, f) => n + f.size, 0), sha256: hash.digest('hex') };
}

/** A database error (a CHECK constraint, say) as a LocalizedError; ours pass through. */
function wrapDatabaseError(error: unknown): unknown {
	if (error instanceof LocalizedError || !(error instanceof Error)) return error;
	return new LocalizedError(L(`写入数据库失败，未导入任何数据：${error.message}`, `Writing to the database failed; nothing was imported: ${error.message}`));
}
