import { parseShp } from 'shpjs';
import { LocalizedError, L } from '../localized-error';
import { readDbf } from './dbf';
import { baseName, sibling, splitName } from './files';
import type { NamedFile, ReadOptions, ReadResult, SourceFeature } from './types';

/** Picks the .shp to read: the only one, or the one named by `table`. */
function chooseShp(files: readonly NamedFile[], table: string | undefined): NamedFile {
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

/**
 * Records in a .shp, counted by walking the record headers (8 bytes each: number, then
 * content length in 16-bit words). `cut` when the last record runs past the end of the file.
 */
export function countShpRecords(shp: Uint8Array): { records: number; cut: boolean } {
	const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
	let records = 0;
	let offset = 100;
	while (offset + 8 <= shp.byteLength) {
		const end = offset + 8 + view.getInt32(offset + 4) * 2;
		if (end > shp.byteLength) return { records, cut: true };
		records++;
		offset = end;
	}
	return { records, cut: offset !== shp.byteLength };
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

/**
 * A shapefile from its parts (.shp, and .dbf/.prj/.cpg when present) — loose or out of
 * a zip. Coordinates stay as stored; the .prj is returned as the declared CRS.
 */
export function readShapefile(files: readonly NamedFile[], options: ReadOptions = {}): ReadResult {
	const shp = chooseShp(files, options.table);
	const { base } = splitName(shp.name);
	const decodeText = (f: NamedFile | undefined) => (f ? new TextDecoder().decode(f.bytes) : undefined);
	const dbfFile = sibling(files, base, 'dbf');
	const prj = decodeText(sibling(files, base, 'prj'));
	const cpg = decodeText(sibling(files, base, 'cpg'));

	const table = dbfFile ? readDbf(dbfFile.bytes, { cpg, encoding: options.encoding }) : undefined;
	const shx = sibling(files, base, 'shx');
	checkRecordCounts(baseName(shp.name), { shp: countShpRecords(shp.bytes), shx: shx && shxRecordCount(shx.bytes.byteLength), dbf: table?.records.length });

	let geometries: ReturnType<typeof parseShp>;
	try {
		geometries = parseShp(shp.bytes, false);
	} catch (error) {
		throw new LocalizedError(
			L(`无法读取 ${baseName(shp.name)}：${(error as Error).message}`, `Cannot read ${baseName(shp.name)}: ${(error as Error).message}`)
		);
	}
	const notes = [];
	if (!table) notes.push(L('没有 .dbf 文件：要素没有属性', 'No .dbf file: the features have no attributes'));
	if (table) notes.push(L(`属性编码：${table.encoding}（${table.encodingSource}）`, `Attribute encoding: ${table.encoding} (${table.encodingSource})`));

	const count = geometries.length;
	const features: SourceFeature[] = [];
	for (let i = 0; i < count; i++) {
		const properties = table ? table.records[i] : {};
		if (properties !== null) features.push({ geometry: geometries[i], properties });
	}
	if (features.length < count)
		notes.push(L(`${count - features.length} 条在 .dbf 中标记为已删除的记录未读取`, `${count - features.length} records marked deleted in the .dbf were left out`));
	return {
		format: 'shapefile',
		layerName: splitName(baseName(shp.name)).base,
		features,
		crs: prj?.trim() ? { where: '.prj', text: prj } : undefined,
		encoding: table?.encoding,
		notes
	};
}
