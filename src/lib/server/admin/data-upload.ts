// The admin data upload: the importer of `npm run import`, a dry run first (what would be
// written, what is wrong), then the commit with progress and an audit row naming the file.
import { z } from 'zod';
import type { DataPreview, InvalidGeometry, UploadOptions } from '../../api/data-upload';
import type { Localized } from '../../layers/types';
import { LocalizedError } from '../../geo/localized-error';
import { getLayer } from '../../layers/registry';
import type { LayerDef } from '../../layers/types';
import type { Actor } from '../audit/audit';
import type { Db } from '../db/types';
import { ApiError } from '../http/errors';
import { countFeatures, layerVersions } from '../layer-writer';
import { importFile, type ImportSummary } from '../import/import-file';
import { openFileSource } from '../import/file-source';
import type { SavedUpload } from './upload-file';

/** Largest upload the web form takes (adapter-node's BODY_SIZE_LIMIT must allow it too); bigger files go through the CLI. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

const flag = z.enum(['1', 'true', '0', 'false', '']).transform((v) => v === '1' || v === 'true');
const Options = z.object({
	layer: z.string().min(1).max(64),
	mode: z.enum(['replace', 'append']).optional(),
	srs: z.string().regex(/^EPSG:\d{4,6}$/i).optional(),
	fromGcj02: flag.optional(),
	swapXY: flag.optional(),
	encoding: z.string().regex(/^[A-Za-z0-9_-]{2,20}$/).optional(),
	repair: flag.optional()
});

const invalidOption = (field: string) =>
	new ApiError(400, 'invalid-upload-option', { zh: `导入选项 ${field} 无效。`, en: `The import option "${field}" is not valid.` }, { field });

/** The import options from the query string (empty values are no option); the layer must be in the registry. */
export function parseUploadOptions(params: URLSearchParams): UploadOptions & { layerDef: LayerDef } {
	const raw = Object.fromEntries([...params].filter(([k, v]) => v !== '' && k in Options.shape));
	const parsed = Options.safeParse(raw);
	if (!parsed.success) throw invalidOption(String(parsed.error.issues[0].path[0] ?? 'layer'));
	const layerDef = getLayer(parsed.data.layer);
	if (!layerDef)
		throw new ApiError(400, 'unknown-layer', { zh: `未知图层 ${parsed.data.layer}。`, en: `Unknown layer "${parsed.data.layer}".` }, { field: 'layer' });
	return { ...parsed.data, layerDef };
}

function importOptions(options: UploadOptions & { layerDef: LayerDef }) {
	return {
		layer: options.layerDef,
		mode: options.mode,
		srs: options.srs,
		fromGcj02: options.fromGcj02,
		swapXY: options.swapXY,
		encoding: options.encoding,
		repair: options.repair
	};
}

async function layerState(db: Db, layer: LayerDef) {
	return { count: await countFeatures(db, layer), version: Number((await layerVersions(db)).get(layer.id)?.version ?? 0) };
}

// The importer names an invalid geometry's place as "… at <lon>, <lat>" (6 decimals) in its
// English detail; that is where the preview map puts its marker.
const LOCATION = / at (-?\d+(?:\.\d+)?), (-?\d+(?:\.\d+)?)$/;
function invalidGeometries(details: readonly Localized[]): InvalidGeometry[] {
	return details.flatMap((text) => {
		const match = LOCATION.exec(text.en);
		if (!/invalid geometry/.test(text.en)) return [];
		return [{ text, ...(match ? { location: [Number(match[1]), Number(match[2])] } : {}) }];
	});
}

/** The dry run: everything checked and written in a transaction that is rolled back. */
export async function previewUpload(db: Db, actor: Actor, upload: SavedUpload, options: UploadOptions & { layerDef: LayerDef }): Promise<DataPreview> {
	const current = await layerState(db, options.layerDef);
	const file = { name: upload.name, size: upload.size, sha256: upload.sha256 };
	let summary: ImportSummary;
	try {
		summary = await importStreamed(db, upload, { ...importOptions(options), dryRun: true, actor });
	} catch (error) {
		if (!(error instanceof LocalizedError)) throw error;
		return { file, layer: options.layerDef.id, current, problem: { message: error.text, details: [...error.details], invalid: invalidGeometries(error.details) } };
	}
	return {
		file,
		layer: options.layerDef.id,
		current,
		summary: {
			format: summary.format,
			crs: summary.crs,
			crsSource: summary.crsSource,
			read: summary.read,
			written: summary.written,
			deleted: summary.deleted,
			repaired: summary.repaired,
			skipped: summary.skipped,
			countAfter: current.count - summary.deleted + summary.written,
			notes: summary.notes
		}
	};
}

/**
 * The commit: the same import, for real; the importer writes its audit row (who loaded which
 * file: name, size, SHA-256) in its transaction. The data version bumps with the rows, so
 * tiles, downloads and checks see the new data.
 */
export async function commitUpload(
	db: Db,
	actor: Actor,
	upload: SavedUpload,
	options: UploadOptions & { layerDef: LayerDef },
	onProgress: (message: Localized) => void
): Promise<{ summary: ImportSummary; previousVersion: number }> {
	const previous = await layerState(db, options.layerDef);
	const summary = await importStreamed(db, upload, { ...importOptions(options), onProgress, actor });
	return { summary, previousVersion: previous.version };
}

/** The importer on the uploaded file, read a piece at a time from disk (memory stays bounded). */
async function importStreamed(db: Db, upload: SavedUpload, options: Omit<Parameters<typeof importFile>[1], 'files'>): Promise<ImportSummary> {
	const source = await openFileSource(upload.path, upload.name);
	try {
		return await importFile(db, { ...options, files: [source] });
	} finally {
		await source.close();
	}
}
