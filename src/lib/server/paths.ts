import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project folder that holds data/ (migrations and the shipped dataset). Found by
 * walking up from this module, because the module lives at a different depth when run
 * from src/ (tsx, vitest) and when bundled into build/server/chunks/ (npm start).
 */
function findProjectRoot(): string {
	let dir = dirname(fileURLToPath(import.meta.url));
	for (;;) {
		if (existsSync(join(dir, 'data', 'migrations'))) return dir;
		const parent = dirname(dir);
		if (parent === dir) return process.cwd();
		dir = parent;
	}
}

const root = findProjectRoot();

export const MIGRATIONS_DIR = join(root, 'data', 'migrations');
export const SEED_DIR = join(root, 'data', 'seed');
