import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The rule "the browser never imports $lib/server": walks the import graph of src/lib and
 * src/routes from every module that can reach a browser (everything but server-only files)
 * and reports each chain that ends in server code or a database driver. Type-only imports
 * count too: the shapes that cross the wire belong in src/lib/api.
 */
export interface Violation {
	/** The browser module the chain starts from, relative to the project root. */
	from: string;
	/** The modules along the way, the forbidden one last. */
	chain: string[];
}

/** Packages that open or speak to a database, and SvelteKit's private environment. */
const FORBIDDEN_PACKAGES = [/^pg$/, /^pg-/, /^@electric-sql\/pglite/, /^postgrator$/, /^\$env\/(static|dynamic)\/private$/];

const EXTENSIONS = ['', '.ts', '.js', '.svelte', '/index.ts', '/index.js'];
const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Server-only by SvelteKit's conventions: src/lib/server, *.server.* files, +server endpoints. */
export function isServerOnly(root: string, file: string): boolean {
	const path = relative(root, file).split(sep).join('/');
	return path.startsWith('src/lib/server/') || /(^|\/)[^/]*\.server\.[^/]+$/.test(path) || /(^|\/)\+server\.[^/]+$/.test(path) || path === 'src/hooks.server.ts';
}

function sourceFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return name === 'paraglide' || name === 'node_modules' ? [] : sourceFiles(path);
		return /\.(ts|js|svelte)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
	});
}

function resolveImport(root: string, from: string, specifier: string): string | undefined {
	let base: string;
	if (specifier.startsWith('$lib/') || specifier === '$lib') base = join(root, 'src/lib', specifier.slice(4));
	else if (specifier.startsWith('.')) base = resolve(dirname(from), specifier);
	else return undefined;
	for (const ext of EXTENSIONS) {
		const candidate = base + ext;
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
		// `./x.js` written for a TypeScript file.
		if (ext === '' && candidate.endsWith('.js') && existsSync(candidate.slice(0, -3) + '.ts')) return candidate.slice(0, -3) + '.ts';
	}
	return undefined;
}

function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2]);
}

export function findBrowserServerImports(root: string): Violation[] {
	const files = [...sourceFiles(join(root, 'src/lib')), ...sourceFiles(join(root, 'src/routes'))];
	// The first forbidden chain below each module (null: none), memoised across starts.
	const memo = new Map<string, string[] | null>();
	const show = (file: string) => relative(root, file).split(sep).join('/');

	function badChain(file: string, visiting: Set<string>): string[] | null {
		if (memo.has(file)) return memo.get(file)!;
		if (visiting.has(file)) return null;
		visiting.add(file);
		let found: string[] | null = null;
		for (const specifier of importsOf(file)) {
			if (specifier.startsWith('$lib/server') || FORBIDDEN_PACKAGES.some((re) => re.test(specifier))) {
				found = [specifier];
				break;
			}
			const target = resolveImport(root, file, specifier);
			if (!target) continue;
			if (isServerOnly(root, target)) {
				found = [show(target)];
				break;
			}
			const below = badChain(target, visiting);
			if (below) {
				found = [show(target), ...below];
				break;
			}
		}
		visiting.delete(file);
		memo.set(file, found);
		return found;
	}

	return files
		.filter((file) => !isServerOnly(root, file))
		.flatMap((file) => {
			const chain = badChain(file, new Set());
			return chain ? [{ from: show(file), chain }] : [];
		});
}
