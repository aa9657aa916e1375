// Shapefiles read a run of records at a time from the .shp and the .dbf, so a file of any
// size is read with bounded memory. Geometries are decoded by shpjs (ring orientation,
// holes), given a run of whole records behind the file's header.
import { parseShp } from 'shpjs';
import type { Localized } from '../../layers/types';
import { LocalizedError, L } from '../localized-error';
import { CHUNK_BYTES, readWhole, type ByteSource } from './byte-source';
import { chooseEncoding, dbfHeaderLength, decodeRecords, probeRecords, readDbfHeader, Utf8Probe, type DbfHeader } from './dbf';
import { baseName, sibling, splitName } from './files';
import type { FeatureStream, ReadOptions, SourceFeature } from './types';

/** Picks the .shp to read: the only one, or the one named by `table`. */
function chooseShp(files: readonly ByteSource[], table: string | undefined): ByteSource {
	const shps = files.filter((f) => splitName(f.name).ext === 'shp');
	const names = shps.map((f) => splitName(baseName(f.name)).base);
	if (table) {
		const chosen = shps.find((f) => splitName(baseName(f.name)).base.toLowerCase() === table.toLowerCase());
		if (chosen) return chosen;
		throw new LocalizedError(L(`找不到图层 ${table}，可选：${names.join('、')}`, `No layer "${table}"; there are: ${names.join(', ')}`));
	}
	if (shps.length === 1) return shps[0];
	if (!shps.length) throw new LocalizedError(L('没有找到 .shp 文件', 'No .shp file found'));
	throw new LocalizedError(
		L(`包含多个 shapefile：${names.join('、')}；请用 --table 指定一个`, `There are several shapefiles: ${names.join(', ')}; choose one with --table`)
	);
}

/** Records the .shx indexes: one 8-byte entry each after the 100-byte header. */
export const shxRecordCount = (shxBytes: number) => Math.max(0, Math.floor((shxBytes - 100) / 8));

/**
 * The .shp, .shx and .dbf must hold the same number of records: a file cut short (a copy
 * that stopped halfway) would otherwise import as a smaller layer without a word.
 */
export function checkRecordCounts(name: string, counts: { shp: { records: number; cut: boolean }; shx?: number; dbf?: number }): void {
	const { shp, shx, dbf } = counts;
	const agree = !shp.cut && (shx === undefined || shx === shp.records) && (dbf === undefined || dbf === shp.records);
	if (agree) return;
	const listed = (lang: 'zh' | 'en') =>
		[
			`.shp ${shp.records}${shp.cut ? (lang === 'zh' ? '（最后一条不完整）' : ' (the last one cut short)') : ''}`,
			shx === undefined ? undefined : `.shx ${shx}`,
			dbf === undefined ? undefined : `.dbf ${dbf}`
		]
			.filter(Boolean)
			.join(lang === 'zh' ? '，' : ', ');
	throw new LocalizedError(
		L(
			`${name} 不完整：各文件的记录数不一致（${listed('zh')}）。文件可能只复制了一部分，未导入任何数据；请重新获取完整的 .shp/.shx/.dbf`,
			`${name} is incomplete: its parts hold different numbers of records (${listed('en')}). The file may have been copied only in part; nothing was imported. Get the complete .shp/.shx/.dbf again`
		)
	);
}


const SHP_HEADER = 100;

/**
 * The .shp as runs of whole records (each record: 8-byte header — number, content length
 * in 16-bit words — then the content), about CHUNK_BYTES at a time. `cut` is set when the
 * last record runs past the end of the file.
 */
async function* recordRuns(shp: ByteSource, state: { records: number; cut: boolean }): AsyncGenerator<Uint8Array> {
	let position = SHP_HEADER;
	while (position + 8 <= shp.size) {
		let run = await shp.read(position, CHUNK_BYTES);
		let view = new DataView(run.buffer, run.byteOffset, run.byteLength);
		let end = 0;
		let records = 0;
		for (;;) {
			if (end + 8 > run.length) break;
			const length = 8 + view.getInt32(end + 4) * 2;
			if (position + end + length > shp.size) {
				state.cut = true;
				break;
			}
			if (end + length > run.length) {
				if (records) break;
				run = await shp.read(position, length); // one record larger than a chunk
				view = new DataView(run.buffer, run.byteOffset, run.byteLength);
			}
			end += length;
			records++;
		}
		if (!records) {
			if (position + 8 <= shp.size) state.cut = true;
			return;
		}
		state.records += records;
		yield run.subarray(0, end);
		position += end;
	}
	if (position !== shp.size) state.cut = true;
}

/** Counts the .shp's records by walking their headers. */
async function countShpRecords(shp: ByteSource): Promise<{ records: number; cut: boolean }> {
	const state = { records: 0, cut: false };
	for await (const run of recordRuns(shp, state)) void run;
	return state;
}

async function openDbf(dbf: ByteSource): Promise<{ header: DbfHeader; languageDriver: number }> {
	const first = await dbf.read(0, 32);
	const head = await dbf.read(0, dbfHeaderLength(first));
	return { header: readDbfHeader(head, dbf.size), languageDriver: first[29] ?? 0 };
}

/** How many .dbf records to read alongside a run of .shp records. */
const dbfRecordsPerRead = (header: DbfHeader) => Math.max(1, Math.floor(CHUNK_BYTES / Math.max(1, header.recordLength)));

/**
 * A shapefile from its parts (.shp, and .shx/.dbf/.prj/.cpg when present) — loose or out of
 * a zip. Coordinates stay as stored; the .prj is returned as the declared CRS. The parts
 * must agree on the number of records, or the file is refused as incomplete.
 */
export async function shapefileStream(files: readonly ByteSource[], options: ReadOptions = {}): Promise<FeatureStream> {
	const shp = chooseShp(files, options.table);
	const { base } = splitName(shp.name);
	const text = async (f: ByteSource | undefined) => (f ? new TextDecoder().decode(await readWhole(f)) : undefined);
	const dbfFile = sibling(files, base, 'dbf');
	const shx = sibling(files, base, 'shx');
	const prj = await text(sibling(files, base, 'prj'));
	const cpg = await text(sibling(files, base, 'cpg'));
	if (shp.size < SHP_HEADER) throw new LocalizedError(L(`${baseName(shp.name)} 已损坏（太短）`, `${baseName(shp.name)} is damaged (too short)`));
	const header = await shp.read(0, SHP_HEADER);

	const dbf = dbfFile ? await openDbf(dbfFile) : undefined;
	checkRecordCounts(baseName(shp.name), { shp: await countShpRecords(shp), shx: shx && shxRecordCount(shx.size), dbf: dbf?.header.count });

	const notes: Localized[] = [];
	let decoder: TextDecoder | undefined;
	if (!dbf || !dbfFile) notes.push(L('没有 .dbf 文件：要素没有属性', 'No .dbf file: the features have no attributes'));
	else {
		const { header: table } = dbf;
		const chosen = await chooseEncoding(table, dbf.languageDriver, { cpg, encoding: options.encoding }, async () => {
			const probe = new Utf8Probe();
			const step = dbfRecordsPerRead(table);
			for (let r = 0; r < table.count && probe.valid; r += step)
				probeRecords(probe, table, await dbfFile.read(table.headerLength + r * table.recordLength, Math.min(step, table.count - r) * table.recordLength));
			return probe.valid;
		});
		decoder = chosen.decoder;
		notes.push(L(`属性编码：${decoder.encoding}（${chosen.source}）`, `Attribute encoding: ${decoder.encoding} (${chosen.source})`));
	}

	const stream: FeatureStream = {
		format: 'shapefile',
		layerName: splitName(baseName(shp.name)).base,
		crs: prj?.trim() ? { where: '.prj', text: prj } : undefined,
		encoding: decoder?.encoding,
		notes,
		async *features() {
			let record = 0;
			let deleted = 0;
			let pending: (Record<string, unknown> | null)[] = [];
			let next = 0;
			const state = { records: 0, cut: false };
			for await (const run of recordRuns(shp, state)) {
				let geometries: ReturnType<typeof parseShp>;
				try {
					const withHeader = new Uint8Array(SHP_HEADER + run.length);
					withHeader.set(header);
					withHeader.set(run, SHP_HEADER);
					geometries = parseShp(withHeader, false);
				} catch (error) {
					throw new LocalizedError(
						L(`无法读取 ${baseName(shp.name)}：${(error as Error).message}`, `Cannot read ${baseName(shp.name)}: ${(error as Error).message}`)
					);
				}
				for (const geometry of geometries) {
					let properties: Record<string, unknown> | null = {};
					if (dbf && dbfFile && decoder) {
						if (next === pending.length) {
							const { header: table } = dbf;
							const n = Math.min(dbfRecordsPerRead(table), table.count - record);
							pending = decodeRecords(table, await dbfFile.read(table.headerLength + record * table.recordLength, n * table.recordLength), decoder);
							next = 0;
						}
						properties = pending[next++] ?? null;
					}
					record++;
					if (properties === null) deleted++;
					else yield { geometry, properties } satisfies SourceFeature;
				}
			}
			if (deleted && !notes.some((n) => n.en.includes('marked deleted')))
				notes.push(L(`${deleted} 条在 .dbf 中标记为已删除的记录未读取`, `${deleted} records marked deleted in the .dbf were left out`));
		}
	};
	return stream;
}
