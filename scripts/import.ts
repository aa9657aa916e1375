// npm run import -- <file> --layer <id> [--srs EPSG:nnnn] [--from-gcj02] [--swap-xy]
//   [--map a=b,…] [--replace | --append] [--dry-run] [--repair] [--table <name>]
//   [--encoding gbk] [--source-note <text>]
// Loads a bureau's data into a layer, all or nothing. Exit codes: 0 imported (or dry run
// done), 1 the data was refused or the import failed, 2 wrong usage / refused by option.
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Localized } from '../src/lib/layers/types';
import { getLayer, LAYERS } from '../src/lib/layers/registry';
import { LocalizedError } from '../src/lib/geo/localized-error';
import type { NamedFile } from '../src/lib/geo/readers';
import { migrate } from '../src/lib/server/db/migrate';
import { parseAttributeMap } from '../src/lib/server/import/attributes';
import { importFile, ImportRefused, type ImportSummary } from '../src/lib/server/import/import-file';
import { cliActor } from '../src/lib/server/audit/actor';
import { withDatabase } from './cli';

const HELP = `用法 / Usage:
  npm run import -- <文件 file> --layer <图层 id> [选项 options]

文件 / Files: GeoJSON (.geojson/.json), Shapefile (.shp 连同 .dbf/.prj/.cpg，或 .zip), GeoPackage (.gpkg),
  FlatGeobuf (.fgb), KML/KMZ.
图层 / Layers: ${LAYERS.map((l) => l.id).join(', ')}

选项 / Options:
  --srs EPSG:nnnn   数据的坐标系，优先于文件中的声明 / the data's CRS, over what the file says
                    (4326, 4490, 4491–4554 CGCS2000 Gauss-Krüger, 3857, 326nn)
  --from-gcj02      数据为 GCJ-02（高德/腾讯）：转换为 WGS84 / the data is GCJ-02 (AMap, Tencent): convert it
  --swap-xy         坐标为先北后东（中国坐标表 X 为北坐标）/ northing first (X is northing in Chinese tables)
  --map a=b,…       源字段=图层属性 / source field=layer attribute
  --replace         先删除图层中的全部要素 / delete the layer's features first
  --append          追加到已有要素 / add to the existing features
  --dry-run         全部检查但不写入 / check everything, write nothing
  --repair          用 ST_MakeValid 修复无效几何 / repair invalid geometries with ST_MakeValid
  --table <name>    GeoPackage 表或 zip 中的 shapefile / GeoPackage table or shapefile in a zip
  --encoding <enc>  shapefile 属性编码，如 gbk、utf-8 / shapefile attribute encoding
  --source-note <t> 数据来源说明（默认为文件名）/ source note (default: the file name)

注意 / Note: 坐标无法说明自己是否为 GCJ-02。高德、腾讯地图导出的数据是 GCJ-02，必须加 --from-gcj02，
  否则会偏移约 250 m。/ Coordinates cannot tell whether they are GCJ-02. Data exported from AMap/Gaode or
  Tencent maps is GCJ-02 and needs --from-gcj02, or it ends up about 250 m off.
退出码 / Exit codes: 0 成功 done, 1 数据被拒绝或导入失败 refused or failed, 2 用法错误 usage.`;

const both = (text: Localized) => `${text.zh} / ${text.en}`;
const log = (message: string) => console.error(`[import] ${message}`);

function usage(message: string): never {
	console.error(`[import] ${message}\n\n${HELP}`);
	process.exit(2);
}

/** The file, plus a loose shapefile's .dbf/.prj/.cpg/.shx beside it (any case). */
async function readInput(path: string): Promise<NamedFile[]> {
	const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
		if (error.code === 'ENOENT') throw new LocalizedError({ zh: `找不到文件 ${path}`, en: `File not found: ${path}` });
		throw error;
	});
	const files: NamedFile[] = [{ name: basename(path), bytes: new Uint8Array(bytes) }];
	if (extname(path).toLowerCase() !== '.shp') return files;
	const stem = basename(path, extname(path)).toLowerCase();
	for (const name of await readdir(dirname(path))) {
		const ext = extname(name).toLowerCase();
		if (name !== basename(path) && basename(name, extname(name)).toLowerCase() === stem && ['.dbf', '.prj', '.cpg'].includes(ext))
			files.push({ name, bytes: new Uint8Array(await readFile(join(dirname(path), name))) });
	}
	return files;
}

function printSummary(s: ImportSummary) {
	const lines = [
		s.dryRun ? '试运行（未写入任何数据）/ Dry run (nothing was written)' : '导入完成 / Import done',
		`  图层 layer:            ${s.layer}`,
		`  文件 file:             ${s.file} (${s.format})`,
		`  坐标系 CRS:            ${s.crs} [${s.crsSource}]`,
		`  读取 read:             ${s.read}`,
		`  ${s.dryRun ? '将写入 would write:    ' : '写入 written:          '}${s.written}`,
		...(s.deleted ? [`  ${s.dryRun ? '将删除 would delete:   ' : '删除 deleted:          '}${s.deleted}`] : []),
		...(s.repaired ? [`  修复 repaired:         ${s.repaired}`] : []),
		`  跳过 skipped:          ${s.skipped.length}`,
		...s.skipped.map((k) => `    #${k.feature}${k.name ? ` ${k.name}` : ''}: ${both(k.reason)}`),
		...(s.areaHa !== undefined ? [`  面积 area:             ${s.areaHa.toLocaleString('en-US', { maximumFractionDigits: 2 })} ha`] : []),
		...(s.lengthKm !== undefined ? [`  长度 length:           ${s.lengthKm.toLocaleString('en-US', { maximumFractionDigits: 3 })} km`] : []),
		`  数据版本 data version: ${s.version}${s.dryRun ? ' (不变 unchanged)' : ''}`,
		...s.notes.map((n) => `  注 note: ${both(n)}`)
	];
	console.log(lines.join('\n'));
}

let parsed;
try {
	parsed = parseArgs({
		allowPositionals: true,
		options: {
			layer: { type: 'string' },
			srs: { type: 'string' },
			'from-gcj02': { type: 'boolean', default: false },
			'swap-xy': { type: 'boolean', default: false },
			map: { type: 'string', multiple: true },
			replace: { type: 'boolean', default: false },
			append: { type: 'boolean', default: false },
			'dry-run': { type: 'boolean', default: false },
			repair: { type: 'boolean', default: false },
			table: { type: 'string' },
			encoding: { type: 'string' },
			'source-note': { type: 'string' },
			help: { type: 'boolean', short: 'h', default: false }
		}
	});
} catch (error) {
	usage((error as Error).message);
}
const { values, positionals } = parsed;
if (values.help) {
	console.log(HELP);
	process.exit(0);
}
if (positionals.length !== 1) usage('请给出一个文件 / Give exactly one file');
if (!values.layer) usage('缺少 --layer / --layer is missing');
const layer = getLayer(values.layer) ?? usage(`未知图层 / Unknown layer "${values.layer}"`);
if (values.replace && values.append) usage('--replace 与 --append 只能选一个 / choose --replace or --append, not both');

try {
	const map = Object.assign({}, ...(values.map ?? []).map(parseAttributeMap));
	const files = await readInput(positionals[0]);
	const summary = await withDatabase(async (db) => {
		await migrate(db);
		return importFile(db, {
			layer,
			files,
			map,
			srs: values.srs,
			fromGcj02: values['from-gcj02'],
			swapXY: values['swap-xy'],
			mode: values.replace ? 'replace' : values.append ? 'append' : undefined,
			dryRun: values['dry-run'],
			repair: values.repair,
			table: values.table,
			encoding: values.encoding,
			sourceNote: values['source-note'],
			onProgress: (m) => log(both(m)),
			actor: cliActor('npm run import')
		});
	});
	printSummary(summary);
} catch (error) {
	if (!(error instanceof LocalizedError)) {
		log(error instanceof Error ? error.message : String(error));
		process.exit(1);
	}
	// Both languages in full, each on its own line: these messages can be long.
	log(error.text.zh);
	log(error.text.en);
	for (const d of error.details) log(`  - ${d.zh}\n           ${d.en}`);
	process.exit(error instanceof ImportRefused ? 2 : 1);
}
