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

	let geometries: ReturnType<typeof parseShp>;
	try {
		geometries = parseShp(shp.bytes, false);
	} catch (error) {
		throw new LocalizedError(
			L(`无法读取 ${baseName(shp.name)}：${(error as Error).message}`, `Cannot read ${baseName(shp.name)}: ${(error as Error).message}`)
		);
	}
	const notes = [];
	const table = dbfFile ? readDbf(dbfFile.bytes, { cpg, encoding: options.encoding }) : undefined;
	if (!table) notes.push(L('没有 .dbf 文件：要素没有属性', 'No .dbf file: the features have no attributes'));
	else if (table.records.length !== geometries.length)
		notes.push(
			L(
				`.shp 有 ${geometries.length} 条记录而 .dbf 有 ${table.records.length} 条：多出的部分被忽略`,
				`The .shp has ${geometries.length} records but the .dbf ${table.records.length}: the extra ones are ignored`
			)
		);
	if (table) notes.push(L(`属性编码：${table.encoding}（${table.encodingSource}）`, `Attribute encoding: ${table.encoding} (${table.encodingSource})`));

	const count = table ? Math.min(geometries.length, table.records.length) : geometries.length;
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
