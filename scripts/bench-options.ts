// Options every bench shares (bench:check, bench:tiles, bench:import):
//   --dataset seed|heavy   the shipped seed (default), or the seed with its ecological-redline and
//                          control-unit layers replaced by `npm run generate:heavy`'s files
//   --heavy-dir <dir>      where those files are (default .heavy/)
//   --database-url <url>   bench this existing database as it is (already migrated and loaded, e.g.
//                          by `npm run generate:heavy -- --load --database-url <url>`); nothing is
//                          created, loaded or dropped. Without it a temporary database is made on
//                          BENCH_DATABASE_URL / TEST_DATABASE_URL (default local postgres), loaded
//                          with the dataset and dropped at the end.
// Each bench passes its own extra options; unknown ones are an error.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { hasHeavyData, HEAVY_DIR, loadHeavy } from './heavy-gen/load';
import { ADMIN_DATABASE_URL, createTempDatabase } from './temp-database';

export type BenchDataset = 'seed' | 'heavy';

export interface BenchOptions<V> {
	dataset: BenchDataset;
	heavyDir: string;
	/** The database given with --database-url, if any. */
	databaseUrl?: string;
	/** The bench's own options, as node:util parseArgs gives them. */
	values: V;
	positionals: string[];
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses the shared options plus `extra`; prints `usage` and exits 2 on a bad one. */
export function parseBenchOptions<O extends Options>(extra: O, usage: string, args = process.argv.slice(2)) {
	let parsed;
	try {
		parsed = parseArgs({
			args,
			allowPositionals: true,
			options: {
				...extra,
				dataset: { type: 'string', default: 'seed' },
				'heavy-dir': { type: 'string', default: HEAVY_DIR },
				'database-url': { type: 'string' }
			} as const
		});
	} catch (error) {
		console.error(`${(error as Error).message}\n\n${usage}`);
		process.exit(2);
	}
	const { dataset, 'heavy-dir': heavyDir, 'database-url': databaseUrl, ...values } = parsed.values as Record<string, unknown>;
	if (dataset !== 'seed' && dataset !== 'heavy') {
		console.error(`--dataset must be seed or heavy, not ${String(dataset)}\n\n${usage}`);
		process.exit(2);
	}
	if (dataset === 'heavy' && !databaseUrl && !hasHeavyData(heavyDir as string)) {
		console.error(`--dataset heavy: no heavy files in ${String(heavyDir)}; run \`npm run generate:heavy\` first`);
		process.exit(2);
	}
	const options: BenchOptions<Record<keyof O, string | boolean | undefined>> = {
		dataset: dataset as BenchDataset,
		heavyDir: heavyDir as string,
		databaseUrl: databaseUrl as string | undefined,
		values: values as Record<keyof O, string | boolean | undefined>,
		positionals: parsed.positionals
	};
	return options;
}

export interface BenchDatabase {
	url: string;
	/** Drops the temporary database; does nothing to a --database-url one. */
	drop(): Promise<void>;
}

/**
 * The database to bench: --database-url as it is, or a temporary one on the admin server,
 * seeded, and with --dataset heavy the heavy layers imported over the seed's.
 */
export async function benchDatabase(
	options: { dataset: BenchDataset; heavyDir: string; databaseUrl?: string },
	prefix: string,
	log: (message: string) => void = console.log
): Promise<BenchDatabase> {
	if (options.databaseUrl) return { url: options.databaseUrl, drop: async () => {} };
	const heavy = options.dataset === 'heavy';
	if (heavy) log(`loading the heavy layers from ${options.heavyDir} (a few minutes for 150 MB)…`);
	const temp = await createTempDatabase(prefix, 'seeded', ADMIN_DATABASE_URL, heavy ? (db) => loadHeavy(db, options.heavyDir, log) : undefined);
	return temp;
}
